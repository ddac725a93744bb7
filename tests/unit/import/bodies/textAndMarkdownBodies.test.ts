/** Plain-text and Markdown bodies. */
import { describe, expect, it } from "vitest";
import { convertBody } from "../../../../src/import/bodies/convertBody.ts";
import { createMarkdown } from "../../../../src/model/markdown.ts";
import { recordingOptions, untidy } from "./support.ts";

const md = createMarkdown();

describe("plain-text bodies", () => {
  it("makes a paragraph of each blank-line-separated block, single newlines as spaces", () => {
    const { markdown } = convertBody({ format: "text", content: "The board met\r\non Friday.\r\n\r\n\r\n  It voted   to dredge.  \n" }, recordingOptions());
    expect(markdown).toBe("The board met on Friday.\n\nIt voted   to dredge.\n");
    expect(untidy(markdown)).toEqual([]);
  });

  it("escapes whatever Markdown would read as syntax, so the text renders as written", () => {
    const text = "# Not a heading\n\n- not a bullet\n\n1. not a list\n\n2) nor this\n\n> not a quote\n\n*stars* _underscores_ `ticks` [brackets](x) ~~tildes~~ <b>tags</b> &amp; entity\n\n---\n\n=====";
    const { markdown } = convertBody({ format: "text", content: text }, recordingOptions());
    const paragraphs = text.split("\n\n").map((p) => `<p>${p.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</p>`);
    expect(md.render(markdown).trim().split("\n")).toEqual(paragraphs);
  });

  it("is empty for blank text, and asks for no photo", () => {
    const options = recordingOptions();
    expect(convertBody({ format: "text", content: " \n \n" }, options)).toEqual({ markdown: "", notes: [], photos: [] });
    expect(options.asked).toEqual([]);
  });
});

describe("Markdown bodies", () => {
  it("passes the text through, pointing each photo at its local copy", () => {
    const options = recordingOptions();
    const body = "Intro with *emphasis* and a [link](https://example.org).\n\n![Boats at dawn](https://old.example/uploads/boats.jpg \"At dawn\")\nCaption: The first boats out.\nCredit: Rachel Michetti\n\nMore ![icon](https://old.example/i.png) inline.\n";
    const { markdown, photos } = convertBody({ format: "markdown", content: body }, options);
    expect(markdown).toBe(body.replace("https://old.example/uploads/boats.jpg", "boats.jpg").replace("https://old.example/i.png", "i.png"));
    expect(options.asked).toEqual([
      { url: "https://old.example/uploads/boats.jpg", alt: "Boats at dawn", caption: "The first boats out.", credit: "Rachel Michetti" },
      { url: "https://old.example/i.png", alt: "icon" },
    ]);
    expect(photos.map((p) => p.local?.src)).toEqual(["boats.jpg", "i.png"]);
  });

  it("writes a missing photo as a link to its old address and notes it", () => {
    const { markdown, notes } = convertBody({ format: "markdown", content: "![The quay](https://missing.example/quay.jpg)\n" }, recordingOptions());
    expect(markdown).toBe("[Photo: The quay](https://missing.example/quay.jpg)\n");
    expect(notes).toEqual([{ message: "photo not found in --media: https://missing.example/quay.jpg" }]);
  });

  it("keeps a photo without alt text as a decorative <img alt=\"\"> and says so; a caption line becomes its alt text", () => {
    const { markdown, notes } = convertBody({ format: "markdown", content: "![](https://old.example/a.jpg)\n\n![](https://old.example/b.jpg)\nCaption: Boats at rest\n" }, recordingOptions());
    expect(markdown).toBe('<img src="a.jpg" alt="">\n\n![Boats at rest](b.jpg)\nCaption: Boats at rest\n');
    expect(notes).toEqual([{ message: 'photo without alt text or caption, kept as decorative (alt=""): describe it for readers who cannot see it: https://old.example/a.jpg' }]);
  });

  it("leaves images in code alone", () => {
    const options = recordingOptions();
    const body = "Use `![alt](a.jpg)` for a photo.\n\n```markdown\n![alt](b.jpg)\n```\n\n~~~\n![alt](c.jpg)\n~~~\n";
    expect(convertBody({ format: "markdown", content: body }, options).markdown).toBe(body);
    expect(options.asked).toEqual([]);
  });

  it("tidies line endings, trailing spaces (a two-space break becomes a backslash) and blank lines, code kept", () => {
    const body = "Line one  \r\nline two \r\n\r\n\r\n\r\nNext   \r\n\r\n```\r\ncode\r\n\r\n\r\nmore\r\n```";
    const { markdown } = convertBody({ format: "markdown", content: body }, recordingOptions());
    expect(markdown).toBe("Line one\\\nline two\n\nNext\n\n```\ncode\n\n\nmore\n```\n");
    expect(untidy(markdown)).toEqual([]);
    expect(md.render(markdown)).toContain("<p>Line one<br>\nline two</p>");
  });
});
