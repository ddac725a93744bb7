import { describe, expect, it } from "vitest";
import { deriveExcerpt, firstParagraphText, plainFirstBlock, truncateAtWord } from "../../../src/content/excerpt.ts";
import { seededRandom } from "../../../tools/bench/syntheticArchive.ts";
import { createMarkdown } from "../../../src/model/markdown.ts";

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
  it("never cuts an emoji or another surrogate pair in half", () => {
    // The 10th code unit is the second half of the first emoji.
    expect(truncateAtWord(`${"a".repeat(9)}${"😀".repeat(5)}`, 10)).toBe(`${"a".repeat(9)}…`);
    expect(truncateAtWord(`${"𝐀".repeat(8)}`, 5)).toBe("𝐀𝐀…");
  });
  it("keeps emoji sequences and flags whole", () => {
    const family = "👨\u200D👩\u200D👧";
    for (let max = 9; max < 24; max++) {
      const cut = truncateAtWord(`${"a".repeat(8)}${family}${"🇵🇰".repeat(3)} end`, max);
      const kept = cut.replace(/…$/, "");
      expect(`${"a".repeat(8)}${family}${"🇵🇰".repeat(3)}`.startsWith(kept)).toBe(true);
      expect([`${"a".repeat(8)}`, `${"a".repeat(8)}${family}`, `${"a".repeat(8)}${family}🇵🇰`]).toContain(kept);
    }
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
  it("does not end a derived excerpt with half an emoji", () => {
    const excerpt = deriveExcerpt(md, `Fishing boat ${"🚢".repeat(60)}\n\nLater text.`, 100);
    expect(excerpt).not.toMatch(/\p{Cs}/u);
    expect(excerpt.endsWith("🚢…")).toBe(true);
  });
  it("cuts the first paragraph to the configured length", () => {
    const body = `${"Fishing boats stayed in port for a third day. ".repeat(10)}\n\nLater text.`;
    const excerpt = deriveExcerpt(md, body, 100);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(101);
    expect(excerpt.startsWith("Fishing boats stayed in port")).toBe(true);
  });
});

describe("a plain first paragraph, read without Markdown", () => {
  // Every character Markdown, its typographer or linkify could read another way, among plain ones.
  const PIECES = ["harbour", "Zürich", "東京", "42", " ", " ", " ", "\n", "\n", ", ", ". ", ".", ";", ":", ": ", "?", "(", ")", "-", "--", "...", "(c)", "(TM)", "1. ", "2) ", "- ", "+ ", "# ", "=", "'", "\"", "*", "_", "`", "[", "]", "!", "<b>", "&amp;", "\\", "~", "|", "example.com", "a@b.org", "http://x.org", "mailto:x", "12:30", "\n   \n", "\n\n", "    ", "\t", "¹", "é"];

  it("gives the excerpt Markdown gives, for thousands of random first paragraphs", () => {
    const random = seededRandom(2023);
    let plain = 0;
    for (let i = 0; i < 6000; i++) {
      const length = 1 + Math.floor(random() * 14);
      const body = Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)]).join("") + "\n\nA second paragraph.";
      const viaMarkdown = truncateAtWord(firstParagraphText(md, body), 40);
      if (plainFirstBlock(body) !== undefined) plain++;
      expect(deriveExcerpt(md, body, 40), JSON.stringify(body)).toBe(viaMarkdown);
    }
    // The direct reading is exercised, not only the fallback.
    expect(plain).toBeGreaterThan(300);
  });

  it("reads ordinary prose directly and leaves markup, lists and typography to Markdown", () => {
    expect(plainFirstBlock("The harbour board met on Tuesday.\nIt voted, again, for dredging.\n\nMore.")).toBe("The harbour board met on Tuesday.\nIt voted, again, for dredging.");
    for (const body of ["The *board* met.", "1. The board met.", "The board met...", "Board -- met.", "See example.com now.", "The board's vote.", "# Heading", "Text\n===", "A\n  \nB"]) {
      expect(plainFirstBlock(body), body).toBeUndefined();
    }
  });
});
