/** The front matter reader alone: YAML errors on their real lines, resource limits, text kept as written. */
import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../../src/content/frontMatter.ts";

/** A file whose front matter is `yaml` (its first line is line 2 of the file). */
const file = (yaml: string): string => `---\n${yaml}\n---\nBody text.\n`;

function failure(yaml: string): { line?: number; message: string } {
  const result = parseFrontMatter(file(yaml));
  if (result.ok) throw new Error("expected the front matter to be refused");
  return { line: result.line, message: result.message };
}

function data(yaml: string): Record<string, unknown> {
  const result = parseFrontMatter(file(yaml));
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

/** Nine levels of nine aliases each: 9^9 nodes if expanded. */
const ALIAS_BOMB = [
  "title: Bomb",
  "a: &a [x, x, x, x, x, x, x, x, x]",
  ..."bcdefghi".split("").map((name, i) => {
    const previous = "abcdefghi"[i];
    return `${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(", ")}]`;
  }),
].join("\n");

describe("YAML syntax errors are reported on their own line of the file", () => {
  it("a key given twice: the line of the second one, naming it", () => {
    expect(failure("title: A\ndate: 2023-12-08\ntitle: B\nsection: news")).toEqual({
      line: 4,
      message: expect.stringMatching(/^YAML syntax error in front matter: title is given twice/),
    });
  });

  it("a tab used as indentation", () => {
    expect(failure("title: A\ntags:\n\t- harbour\nsection: news")).toEqual({
      line: 4,
      message: expect.stringContaining("Tabs are not allowed as indentation"),
    });
  });

  it("an unclosed quote: the line where the quote opens, not the end of the block", () => {
    expect(failure('title: A\ndate: 2023-12-08\nsection: "news\nauthor: Mira Holt\ndateline: X')).toEqual({
      line: 4,
      message: expect.stringContaining("Missing closing"),
    });
  });

  it("an unquoted colon, with the hint to quote the value", () => {
    expect(failure("date: 2023-12-08\ntitle: Harbour: the vote")).toEqual({
      line: 3,
      message: expect.stringContaining("quote the value"),
    });
  });

  it("a leading byte order mark does not shift the lines", () => {
    const result = parseFrontMatter(`\uFEFF${file("title: A\ntitle: B")}`);
    expect(result.ok ? undefined : result.line).toBe(3);
  });
});

describe("resource limits", () => {
  it("refuses an alias bomb quickly, with a message and the line of the first alias, without throwing", () => {
    const started = performance.now();
    expect(failure(ALIAS_BOMB)).toEqual({ line: 4, message: expect.stringMatching(/^yaml: too many aliases/) });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("still reads a few aliases", () => {
    expect(data("title: A\ntags: &t [harbour, council]\nother: *t")).toMatchObject({ tags: ["harbour", "council"], other: ["harbour", "council"] });
  });

  it("refuses nesting too deep for the parser instead of crashing", () => {
    const result = parseFrontMatter(file(`title: ${"[".repeat(20_000)}${"]".repeat(20_000)}`));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.line).toBe(2);
  });
});

describe("text fields keep the text written", () => {
  it("does not rewrite numbers in titles, names, tags and correction text", () => {
    const read = data(
      [
        "title: 007",
        "author: [1.10, 0x1F]",
        "dateline: .inf",
        "excerpt: 1e3",
        "tags: [0o17, -.5, 12_000]",
        "section: 2024",
        "slug: 1984",
        "corrections:",
        "  - date: 2024-01-02",
        "    text: 3.14159265358979323846",
      ].join("\n"),
    );
    expect(read).toEqual({
      title: "007",
      author: ["1.10", "0x1F"],
      dateline: ".inf",
      excerpt: "1e3",
      tags: ["0o17", "-.5", "12_000"],
      section: "2024",
      slug: "1984",
      corrections: [{ date: "2024-01-02", text: "3.14159265358979323846" }],
    });
  });

  it("keeps a headline that YAML would read as true or false", () => {
    expect(data("title: True\ntags: [false]")).toEqual({ title: "True", tags: ["false"] });
  });

  it("still reads draft as true or false, and an empty value as nothing", () => {
    expect(data("title: A\ndraft: true\nauthor:")).toEqual({ title: "A", draft: true, author: null });
  });
});

describe("keys that are names of Object.prototype", () => {
  it("keeps __proto__ as an ordinary key with its line, and pollutes nothing", () => {
    const result = parseFrontMatter(file("title: A\n__proto__: {polluted: true}\nconstructor: x"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.data)).toEqual(["title", "__proto__", "constructor"]);
    expect(result.lines.__proto__).toBe(3);
    expect(result.lines.constructor).toBe(4);
    expect(result.lines.toString).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
