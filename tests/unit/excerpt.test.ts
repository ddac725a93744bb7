import { describe, expect, it } from "vitest";
import { deriveExcerpt, firstParagraphText, truncateAtWord } from "../../src/archive/excerpt.ts";
import { createMarkdown } from "../../src/archive/markdown.ts";

const md = createMarkdown();

describe("truncateAtWord", () => {
  it("leaves short text alone", () => {
    expect(truncateAtWord("The tide came in.", 50)).toBe("The tide came in.");
  });
  it("cuts at the last word boundary and adds an ellipsis", () => {
    const text = "The harbour authority said on Tuesday that dredging would begin in the spring";
    const cut = truncateAtWord(text, 40);
    expect(cut).toBe("The harbour authority said on Tuesday…");
    expect(cut.length).toBeLessThanOrEqual(41);
  });
  it("drops trailing punctuation before the ellipsis", () => {
    expect(truncateAtWord("One, two, three, four, five, six", 15)).toBe("One, two, three…");
  });
  it("cuts a single long word rather than returning nothing", () => {
    expect(truncateAtWord("a".repeat(30), 10)).toBe(`${"a".repeat(10)}…`);
  });
});

describe("firstParagraphText", () => {
  it("skips headings and takes the first paragraph as plain text", () => {
    const body = "## A heading\n\nThe *council* met [at noon](/2023/01/01/x/) and `voted`.\nIt lasted an hour.\n\nSecond paragraph.";
    expect(firstParagraphText(md, body)).toBe("The council met at noon and voted. It lasted an hour.");
  });
  it("does not take a paragraph nested in a list or quote", () => {
    expect(firstParagraphText(md, "> quoted words\n\n- item\n\nReal lead.")).toBe("Real lead.");
  });
  it("returns nothing for a body without paragraphs", () => {
    expect(firstParagraphText(md, "## Only a heading")).toBe("");
  });
});

describe("deriveExcerpt", () => {
  it("cuts the first paragraph to the configured length", () => {
    const body = `${"Fishing boats stayed in port for a third day. ".repeat(10)}\n\nLater text.`;
    const excerpt = deriveExcerpt(md, body, 100);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(101);
    expect(excerpt.startsWith("Fishing boats stayed in port")).toBe(true);
  });
});
