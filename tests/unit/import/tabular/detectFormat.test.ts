import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectFormat } from "../../../../src/import/tabular/readTabular.ts";
import { FIXTURES, sourceFile } from "./helpers.ts";

describe("detectFormat", () => {
  it("knows the fixtures by extension and content", () => {
    expect(detectFormat(path.join(FIXTURES, "gazette.jsonl"))).toBe("jsonl");
    expect(detectFormat(path.join(FIXTURES, "gazette.json"))).toBe("json");
    expect(detectFormat(path.join(FIXTURES, "gazette.csv"))).toBe("csv");
  });

  it("reads the first bytes when the extension says nothing", () => {
    expect(detectFormat(sourceFile("export", '\uFEFF<?xml version="1.0"?>\n<rss/>'))).toBe("wxr");
    expect(detectFormat(sourceFile("dump", '\n\n  [{"title": "a"}]'))).toBe("json");
    expect(detectFormat(sourceFile("lines", '{"title": "a"}\n{"title": "b"}\n'))).toBe("jsonl");
    expect(detectFormat(sourceFile("sheet.txt", "title;date\na;2020-01-01\n"))).toBe("csv");
    expect(detectFormat(sourceFile("notes.txt", "just some words\n"))).toBeUndefined();
  });

  it("trusts the content over the extension where it is certain", () => {
    // JSON Lines saved as .json is common.
    expect(detectFormat(sourceFile("lines.json", '{"title": "a"}\n{"title": "b"}\n'))).toBe("jsonl");
    expect(detectFormat(sourceFile("wordpress.json", "<?xml version=\"1.0\"?>\n<rss/>"))).toBe("wxr");
    // A pretty-printed object is not JSON Lines: the extension stands, and reading it says why it cannot be read.
    expect(detectFormat(sourceFile("wrapped.json", '{\n  "posts": []\n}'))).toBe("json");
  });

  it("falls back to the extension for an empty or unreadable file", () => {
    expect(detectFormat(sourceFile("empty.csv", ""))).toBe("csv");
    expect(detectFormat("/nonexistent/posts.ndjson")).toBe("jsonl");
    expect(detectFormat("/nonexistent/posts")).toBeUndefined();
  });
});
