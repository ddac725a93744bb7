import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadImportMap, type ImportMap } from "../../../../src/import/importMap.ts";
import { JsonArrayScanner, type ScannedElement } from "../../../../src/import/tabular/jsonArrayScanner.ts";
import { readTabular, TabularInputError } from "../../../../src/import/tabular/readTabular.ts";
import { useFarOffDefaultZone } from "../../../support/farOffZone.ts";
import { collect, FIXTURES, mapOf, recordsOf, skippedOf, sourceFile, testSite } from "./helpers.ts";

useFarOffDefaultZone();
const site = testSite();

function fixtureMap(): ImportMap {
  const map = loadImportMap(path.join(FIXTURES, "gazette-json-map.json"), site);
  if ("problems" in map) throw new Error(map.problems.join("\n"));
  return map;
}

async function readArray(text: string, map: ImportMap = mapOf({ defaultSection: "news" })) {
  return collect(readTabular(sourceFile("case.json", text), "json", map, site));
}

/** Feeds the text in pieces of `size` characters, as a stream would. */
function scan(text: string, size: number): ScannedElement[] {
  const scanner = new JsonArrayScanner("x.json");
  const elements: ScannedElement[] = [];
  for (let i = 0; i < text.length; i += size) {
    const { elements: done, failure } = scanner.push(text.slice(i, i + size));
    elements.push(...done);
    if (failure) throw failure;
  }
  const { element } = scanner.end();
  if (element) elements.push(element);
  return elements;
}

describe("JsonArrayScanner", () => {
  const text = '\uFEFF[\n  {"a": "brace } and bracket ] in a string", "b": "quote \\" and backslash \\\\"},\n\n  [1, {"c": [2]}],\n  "text, with comma",\n  -12.5e3 ,\n  null\n]\n';

  it("finds each element's text and first line, whatever the chunk size", () => {
    const expected = [
      { text: '{"a": "brace } and bracket ] in a string", "b": "quote \\" and backslash \\\\"}', line: 2, item: 1 },
      { text: '[1, {"c": [2]}]', line: 4, item: 2 },
      { text: '"text, with comma"', line: 5, item: 3 },
      { text: "-12.5e3", line: 6, item: 4 },
      { text: "null", line: 7, item: 5 },
    ];
    for (const size of [1, 2, 3, 7, 64, 4096]) expect(scan(text, size)).toEqual(expected);
  });

  it("stops at a bracket that closes the wrong thing", () => {
    expect(() => scan('[\n {"a": [1}\n]', 5)).toThrow(TabularInputError);
    expect(() => scan('[\n {"a": [1}\n]', 5)).toThrow('x.json:2: "}" does not close the "[" opened on line 2; the file is not valid JSON from here (the records before it were read)');
    expect(() => scan('[{"a": 1} {"b": 2}]', 3)).toThrow('x.json:1: expected "," or "]" after the record that starts on line 1, found "{"');
    expect(() => scan('[{"a": 1}] {"b": 2}', 3)).toThrow('x.json:1: text after the "]" that closes the array of records (found "{")');
  });
});

describe("readTabular: JSON", () => {
  it("reads the fixture through a map with dotted paths", async () => {
    const results = await collect(readTabular(path.join(FIXTURES, "gazette.json"), "json", fixtureMap(), site));
    expect(skippedOf(results)).toEqual([]);
    const [wall, leader] = recordsOf(results);
    expect(wall).toMatchObject({
      sourceKey: "json:2001",
      position: { line: 2, item: 1 },
      title: "Council approves the harbour wall repairs",
      // +01:00 in the source, +05:00 in the site's zone.
      published: { iso: "2022-06-01T22:45:00+05:00" },
      updated: { iso: "2022-06-02T13:00:00+05:00" },
      authors: ["Samira Qadir", "Tomas Berg"],
      section: "news",
      tags: ["harbour", "council"],
      body: { format: "text", content: "The council voted eleven to two.\n\nWork starts in August." },
      redirectFrom: ["/news/2001"],
    });
    expect(leader).toMatchObject({
      sourceKey: "json:2002",
      position: { line: 12, item: 2 },
      title: 'Editorial: keep the "Quay Ground" open',
      // No offset and no map timezone: the site's zone.
      published: { iso: "2022-06-03T07:00:00+05:00" },
      authors: [],
      section: "editorial",
      tags: [],
      redirectFrom: ["/opinion/2002", "/leader/quay-ground"],
    });
  });

  it("uses the item number as the id when the record has none", async () => {
    const [record] = recordsOf(await readArray('[{"title": "Pier lights", "date": "2020-05-01"}]'));
    expect(record?.sourceKey).toBe("json:item-1");
  });

  it("skips an element that is not valid JSON, with its line and item, and goes on", async () => {
    const results = await readArray('[\n  {"title": "First", "date": "2020-01-01"},\n  {"title": "Second",\n   "date": 2020-01-02},\n  {"title": "Third", "date": "2020-01-03"}\n]\n');
    expect(recordsOf(results).map((r) => [r.title, r.position])).toEqual([
      ["First", { line: 2, item: 1 }],
      ["Third", { line: 5, item: 3 }],
    ]);
    expect(skippedOf(results)).toEqual([
      { position: { line: 3, item: 2 }, reason: "invalid JSON", message: expect.stringMatching(/^the record is not valid JSON: .* \(line 4 of the file\)$/) },
    ]);
  });

  it("skips an element that is not an object", async () => {
    const results = await readArray('[{"title": "First", "date": "2020-01-01"}, "Second", [1]]');
    expect(skippedOf(results)).toEqual([
      { position: { line: 1, item: 2 }, reason: "invalid JSON", message: "the array's item 2 is a string, not an object ({...})" },
      { position: { line: 1, item: 3 }, reason: "invalid JSON", message: "the array's item 3 is a list, not an object ({...})" },
    ]);
  });

  it("skips a record without a title", async () => {
    const results = await readArray('[\n  {"title": "Ok", "date": "2020-01-01"},\n  {"headline": "", "date": "2020-01-01"}\n]');
    expect(skippedOf(results)).toEqual([{ position: { line: 3, item: 2 }, reason: "no title", message: 'title: missing (looked for "title", "headline"; "headline" is empty)' }]);
  });

  it("skips an unparsable date", async () => {
    const results = await readArray('[{"title": "Regatta", "date": "2021-02-30"}]');
    expect(skippedOf(results)).toEqual([{ position: { line: 1, item: 1 }, reason: "unparsable date", message: expect.stringMatching(/^date \(from "date"\): "2021-02-30" is not a valid date/) }]);
  });

  it("skips an unmapped category without a default section", async () => {
    const results = await readArray('[{"title": "Crossword 12", "date": "2020-01-01", "categories": ["Puzzles", "Games"]}]', mapOf({}));
    expect(skippedOf(results)).toEqual([
      {
        position: { line: 1, item: 1 },
        reason: "unmapped category",
        message: 'section (from "categories"): "Puzzles", "Games" are not a section (news, opinion, editorial, sport) nor in the map\'s "sections"; map one there, or set "defaultSection"',
        categories: ["Puzzles", "Games"],
      },
    ]);
  });

  it("skips an object where text is expected", async () => {
    const results = await readArray('[\n{"title": "Harbour", "date": "2020-01-01", "body": {"html": "<p>x</p>"}}\n]');
    expect(skippedOf(results)).toEqual([
      { position: { line: 2, item: 1 }, reason: "not text", message: 'body (from "body"): is a mapping, expected text (name a key inside it in the map, e.g. "body": "body.name")' },
    ]);
  });

  it("reports a truncated file as a skipped record after the ones it could read", async () => {
    const results = await readArray('[\n  {"title": "First", "date": "2020-01-01"},\n  {"title": "Sec');
    expect(recordsOf(results).map((r) => r.title)).toEqual(["First"]);
    expect(skippedOf(results)).toEqual([{ position: { line: 3, item: 2 }, reason: "invalid JSON", message: "the file ends inside this record: is it truncated?" }]);
  });

  it("stops at a structural error after yielding the records before it", async () => {
    const text = '[\n  {"title": "First", "date": "2020-01-01"},\n  {"title": "Second", "date": "2020-01-02"}\n  {"title": "Third", "date": "2020-01-03"}\n]';
    const titles: string[] = [];
    const reading = (async () => {
      for await (const result of readTabular(sourceFile("missing-comma.json", text), "json", mapOf({ defaultSection: "news" }), site)) {
        if (result.kind === "record") titles.push(result.record.title);
      }
    })();
    await expect(reading).rejects.toThrow(/missing-comma\.json:4: expected "," or "\]" after the record that starts on line 3, found "\{"/);
    expect(titles).toEqual(["First", "Second"]);
  });

  it("fails at once on JSON Lines, a single object or CSV given as JSON", async () => {
    const lines = sourceFile("lines.json", '{"title": "a", "date": "2020-01-01"}\n{"title": "b", "date": "2020-01-01"}\n');
    await expect(collect(readTabular(lines, "json", mapOf({}), site))).rejects.toThrow(`${lines}: line 1 is a whole JSON object, not the start of an array: is it JSON Lines? use --format jsonl`);
    const wrapped = sourceFile("wrapped.json", '{\n  "posts": []\n}\n');
    await expect(collect(readTabular(wrapped, "json", mapOf({}), site))).rejects.toThrow(`${wrapped}: line 1: the file is one JSON object; --format json reads a top-level array of records ([{...}, {...}])`);
    const csv = sourceFile("sheet.json", "title,date\n");
    await expect(collect(readTabular(csv, "json", mapOf({}), site))).rejects.toThrow(`${csv}: line 1 is not JSON (it starts with 'title,date'): is it CSV? use --format csv`);
  });
});
