import path from "node:path";
import { describe, expect, it } from "vitest";
import { countRecords } from "../../../../src/import/countRecords.ts";
import { FIXTURES, sourceFile } from "./helpers.ts";

describe("countRecords (the progress line's total)", () => {
  it("counts the gazette fixtures as the readers read them", async () => {
    expect(await countRecords(path.join(FIXTURES, "gazette.jsonl"), "jsonl")).toBe(3);
    expect(await countRecords(path.join(FIXTURES, "gazette.json"), "json")).toBe(2);
    expect(await countRecords(path.join(FIXTURES, "gazette.csv"), "csv")).toBe(3);
  });

  it("is not fooled by commas, brackets, quotes and newlines inside JSON strings", async () => {
    const file = sourceFile(
      "tricky.json",
      '[\n  {"title": "a, b ] [ {", "body": "say \\"}, {\\" twice\\nthen stop"},\n  {"title": "nested", "tags": [["x", "y"], {"z": [1, 2]}]},\n  {"title": "last"}\n]\n',
    );
    expect(await countRecords(file, "json")).toBe(3);
  });

  it("skips blank JSON Lines and counts a last line without a newline", async () => {
    const file = sourceFile("gaps.jsonl", '{"title": "a"}\n\n   \n{"title": "b"}\r\n{"title": "c"}');
    expect(await countRecords(file, "jsonl")).toBe(3);
  });

  it("counts CSV rows whose quoted fields hold line breaks once, without the header", async () => {
    const file = sourceFile("multi.csv", 'title,body\n"One","first line\nsecond line"\n"Two, with comma","x"\n\nThree,y\n');
    expect(await countRecords(file, "csv")).toBe(3);
  });
});
