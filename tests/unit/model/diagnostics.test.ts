import { describe, expect, it } from "vitest";
import { characterProblem, hasSuspiciousCharacter } from "../../../src/model/diagnostics.ts";
import { articleLinks } from "../../../src/content/links.ts";

describe("hasSuspiciousCharacter (the quick scan of every body)", () => {
  it("finds what characterProblem reports, lone surrogates included, and nothing in ordinary text", () => {
    const cases: Array<[string, boolean]> = [
      ["The harbour bell rang at dawn.", false],
      ["Café, naïve, Zürich, 東京, emoji 🎉 in a pair", false],
      ["a tab\tand a newline\nand a return\r", false],
      ["a bell \u0007 inside", true],
      ["a C1 control \u0085 inside", true],
      ["right-to-left override \u202e inside", true],
      ["a non-character \uffff", true],
      ["a lone high surrogate \ud83c alone", true],
      ["a lone low surrogate \udf89 alone", true],
      ["\udf89\ud83c reversed pair", true],
    ];
    for (const [text, suspicious] of cases) {
      expect(hasSuspiciousCharacter(text), JSON.stringify(text)).toBe(suspicious);
      // The quick scan never misses what the full check reports.
      if (characterProblem(text)) expect(hasSuspiciousCharacter(text)).toBe(true);
    }
  });
});

describe("articleLinks", () => {
  it("finds inline, reference and HTML links to articles, and none in a body without any link", () => {
    const body = "No link here.\n\nSee [the vote](/2023/12/09/harbour-vote/) and <a href=\"https://example.org/2022/01/02/tide-table/\">this</a>.\n\n[ref]: /2021/05/06/old-story/\n";
    expect(articleLinks(body, 5, "https://example.org/")).toEqual([
      { path: "/2023/12/09/harbour-vote/", line: 7 },
      { path: "/2022/01/02/tide-table/", line: 7 },
      { path: "/2021/05/06/old-story/", line: 9 },
    ]);
    expect(articleLinks("Plain text about 2023/12/09 and brackets [like this] (and this).\n", 5, "https://example.org/")).toEqual([]);
  });
});
