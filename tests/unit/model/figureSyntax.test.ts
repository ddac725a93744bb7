import { describe, expect, it } from "vitest";
import { createMarkdown } from "../../../src/model/markdown.ts";
import { bodyImages, formatCredit } from "../../../src/model/figureSyntax.ts";
import { resolvePhotoPath } from "../../../src/photos/photoPaths.ts";

const picture = (src: string, alt: string) => `<picture data-src="${src}" data-alt="${alt}"></picture>`;
const md = createMarkdown("/", { picture });

describe("figure syntax", () => {
  it("makes a figure of a lone photo with Caption: and Credit: lines", () => {
    const html = md.render("![The quay](quay.jpg)\nCaption: Boats at *dawn*.\nCredit: Rachel Michetti / CC0\n");
    expect(html).toBe('<figure class="figure"><picture data-src="quay.jpg" data-alt="The quay"></picture><figcaption>Boats at <em>dawn</em>. <span class="credit">Photo: Rachel Michetti / CC0</span></figcaption></figure>\n');
  });

  it("continues a wrapped caption on the next line", () => {
    const html = md.render("![x](a.jpg)\nCaption: A long caption\nthat wraps.\nCredit: AP\n");
    expect(html).toContain("<figcaption>A long caption\nthat wraps. <span class=\"credit\">Photo: AP</span></figcaption>");
  });

  it("makes a figure without caption of a lone photo", () => {
    expect(md.render("![x](a.jpg)\n")).toBe('<figure class="figure"><picture data-src="a.jpg" data-alt="x"></picture></figure>\n');
  });

  it("leaves a paragraph whose second line has no label as a paragraph", () => {
    const html = md.render("![x](a.jpg)\nSome text after.\n");
    expect(html).toMatch(/^<p><picture[^>]*><\/picture>\nSome text after.<\/p>/);
  });

  it("shows a photo inside text inline", () => {
    expect(md.render("Text ![x](a.jpg) more.\n")).toBe('<p>Text <picture data-src="a.jpg" data-alt="x"></picture> more.</p>\n');
  });

  it("shows a photo without a processed file as its alt text, and a remote one as a link", () => {
    const plain = createMarkdown();
    expect(plain.render("![A quay](a.jpg)\n")).toBe('<figure class="figure"><span class="photo-missing">A quay</span></figure>\n');
    expect(plain.render("See ![map](https://example.com/m.png).\n")).toBe('<p>See <a href="https://example.com/m.png">map</a>.</p>\n');
  });

  it("finds every photo with its body line", () => {
    const tokens = md.parse("Intro.\n\n![A](a.jpg)\nCaption: c\n\nText\nmore ![B](b.png) here.\n", {});
    expect(bodyImages(tokens)).toEqual([
      { src: "a.jpg", alt: "A", line: 2 },
      { src: "b.png", alt: "B", line: 6 },
    ]);
  });
});

describe("credits", () => {
  it("labels a bare name or agency as a photo, keeps a label", () => {
    expect(formatCredit("Rachel Michetti / CC0")).toBe("Photo: Rachel Michetti / CC0");
    expect(formatCredit("Reuters")).toBe("Photo: Reuters");
    expect(formatCredit("Photo: NASA / public domain")).toBe("Photo: NASA / public domain");
    expect(formatCredit("Graphic: The Meridian Courier")).toBe("Graphic: The Meridian Courier");
    expect(formatCredit("Jane Doe/Reuters")).toBe("Photo: Jane Doe/Reuters");
  });
});

describe("photo paths", () => {
  it("resolves src against the article's folder", () => {
    expect(resolvePhotoPath("articles/2024/01/a.md", "quay.jpg")).toEqual({ path: "articles/2024/01/quay.jpg" });
    expect(resolvePhotoPath("articles/2024/01/a.md", "../../media/my%20map.png")).toEqual({ path: "articles/media/my map.png" });
  });

  it("refuses paths outside the archive, absolute paths and remote addresses", () => {
    expect(resolvePhotoPath("articles/a.md", "../../etc/passwd")).toHaveProperty("problem", expect.stringContaining("outside the archive"));
    expect(resolvePhotoPath("articles/a.md", "/etc/passwd")).toHaveProperty("problem", expect.stringContaining("relative to the article"));
    expect(resolvePhotoPath("articles/a.md", "https://x.example/a.jpg")).toHaveProperty("problem", expect.stringContaining("remote"));
  });
});
