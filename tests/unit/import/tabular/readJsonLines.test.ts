import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadImportMap, type ImportMap } from "../../../../src/import/importMap.ts";
import { readTabular, TabularInputError } from "../../../../src/import/tabular/readTabular.ts";
import { useFarOffDefaultZone } from "../../../support/farOffZone.ts";
import { collect, FIXTURES, mapOf, recordsOf, skippedOf, sourceFile, testSite } from "./helpers.ts";

useFarOffDefaultZone();
const site = testSite();

function fixtureMap(): ImportMap {
  const map = loadImportMap(path.join(FIXTURES, "gazette-map.json"), site);
  if ("problems" in map) throw new Error(map.problems.join("\n"));
  return map;
}

async function readLines(lines: string[], map: ImportMap = mapOf({ defaultSection: "news" })) {
  return collect(readTabular(sourceFile("case.jsonl", `${lines.join("\n")}\n`), "jsonl", map, site));
}

describe("readTabular: JSON Lines", () => {
  it("reads the fixture through the default aliases", async () => {
    const results = await collect(readTabular(path.join(FIXTURES, "gazette.jsonl"), "jsonl", fixtureMap(), site));
    expect(skippedOf(results)).toEqual([]);
    const [ferry, letters, cup] = recordsOf(results);

    expect(ferry).toMatchObject({
      sourceKey: "jsonl:gz-101",
      position: { line: 1 },
      title: "Winter ferry timetable cuts the late crossing",
      // A UTC time, shown in the site's zone.
      published: { iso: "2021-03-04T15:00:00+05:00", hasTime: true, millis: Date.parse("2021-03-04T10:00:00Z") },
      authors: ["Samira Qadir"],
      section: "news",
      tags: ["ferry", "transport"],
      slug: "winter-ferry-timetable-cuts-the-late-crossing",
      draft: false,
      body: { format: "html", content: "<p>The last boat to Skerry Point will leave at nine from November.</p>" },
      redirectFrom: ["https://old.gullhaven.example/news/101"],
      notes: [],
    });
    expect(ferry?.sourceHash).toMatch(/^[0-9a-f]{64}$/);

    expect(letters).toMatchObject({
      sourceKey: "jsonl:102",
      position: { line: 2 },
      // "2021-03-05 09:30" has no offset: wall-clock time in the map's Europe/London (GMT in March).
      published: { iso: "2021-03-05T14:30:00+05:00" },
      authors: ["Daniel Okafor", "Mira Holt"],
      section: "opinion",
      draft: true,
      leadPhoto: {
        url: "https://old.gullhaven.example/uploads/lighthouse.jpg",
        alt: "The lighthouse at dusk",
        caption: "The lamp room has been dark since May.",
        credit: "Ines Varga",
      },
    });

    // Line 3 is blank: the third record is on line 4.
    expect(cup).toMatchObject({
      sourceKey: "jsonl:gz-103",
      position: { line: 4 },
      title: "Gullhaven Rovers win the coastal cup",
      published: { iso: "2021-03-06", hasTime: false },
      updated: { iso: "2021-03-07T12:00:00+05:00" },
      section: "sport",
      tags: ["football", "cup"],
      slug: "rovers-cup-win",
      dateline: "PORT CALLOWAY",
      excerpt: "A late comeback at the Quay Ground.",
      authors: [],
    });
    expect(cup?.leadPhoto).toBeUndefined();
  });

  it("gives the same hash for the same record whatever its key order", async () => {
    const results = await readLines([
      '{"id": "a", "title": "Tide tables", "date": "2020-01-01", "meta": {"x": 1, "y": 2}}',
      '{"meta": {"y": 2, "x": 1}, "date": "2020-01-01", "title": "Tide tables", "id": "b"}',
      '{"meta": {"y": 2, "x": 1}, "date": "2020-01-01", "title": "Tide tables", "id": "a "}',
    ]);
    const [a, b, c] = recordsOf(results);
    expect(a?.sourceHash).not.toBe(b?.sourceHash);
    expect(a?.sourceHash).not.toBe(c?.sourceHash);
    const again = recordsOf(await readLines(['{"title": "Tide tables", "meta": {"y": 2, "x": 1}, "id": "a", "date": "2020-01-01"}']));
    expect(again[0]?.sourceHash).toBe(a?.sourceHash);
  });

  it("uses the line as the id when the record has none", async () => {
    const [record] = recordsOf(await readLines(["", '{"title": "Pier lights", "date": "2020-05-01"}']));
    expect(record?.sourceKey).toBe("jsonl:line-2");
  });

  it("skips a line that is not valid JSON, with its line, and goes on", async () => {
    const results = await readLines(['{"title": "First", "date": "2020-01-01"}', '{"title": "Second", "date": }', '{"title": "Third", "date": "2020-01-03"}']);
    expect(recordsOf(results).map((r) => r.title)).toEqual(["First", "Third"]);
    expect(skippedOf(results)).toEqual([{ position: { line: 2 }, reason: "invalid JSON", message: expect.stringMatching(/^the line is not valid JSON: /) }]);
  });

  it("skips a line that is JSON but not an object", async () => {
    const results = await readLines(['{"title": "First", "date": "2020-01-01"}', '["Second", "2020-01-02"]', "42"]);
    expect(skippedOf(results)).toEqual([
      { position: { line: 2 }, reason: "invalid JSON", message: "the line is a list, not an object ({...})" },
      { position: { line: 3 }, reason: "invalid JSON", message: "the line is a number, not an object ({...})" },
    ]);
  });

  it("skips a record without a title, naming the keys it looked for", async () => {
    const results = await readLines(['{"id": 1, "date": "2020-01-01"}', '{"id": 2, "title": "  ", "date": "2020-01-01"}', '{"id": 3, "title": "\\u200b", "date": "2020-01-01"}']);
    expect(skippedOf(results)).toEqual([
      { position: { line: 1 }, reason: "no title", message: 'title: missing (looked for "title", "headline")' },
      { position: { line: 2 }, reason: "no title", message: 'title: missing (looked for "title", "headline"; "title" is empty)' },
      { position: { line: 3 }, reason: "no title", message: 'title (from "title"): has only invisible characters' },
    ]);
  });

  it("names the map's key when the title is missing", async () => {
    const results = await readLines(['{"date": "2020-01-01", "name": "x"}'], mapOf({ defaultSection: "news", fields: { title: ["heading", "{name}: {kind}"] } }));
    expect(skippedOf(results)[0]?.message).toBe(
      'title: missing (looked for "heading", "{name}: {kind}"; the template "{name}: {kind}" needs "kind", which the record does not have)',
    );
  });

  it("skips an unparsable date, quoting the value and the key", async () => {
    const results = await readLines(['{"title": "Ok", "date": "2020-02-02"}', '{"title": "Regatta", "published_at": "04/03/2021"}', '{"title": "Undated"}']);
    expect(skippedOf(results)).toEqual([
      {
        position: { line: 2 },
        reason: "unparsable date",
        message: 'date (from "published_at"): "04/03/2021" is not a valid date (expected YYYY-MM-DD or an ISO 8601 time such as "2023-12-08T22:30:00+05:00")',
      },
      { position: { line: 3 }, reason: "unparsable date", message: expect.stringMatching(/^date: missing \(looked for "date", "published_at", /) },
    ]);
  });

  it("refuses a wall-clock time that never happened in the map's zone", async () => {
    const map = mapOf({ defaultSection: "news", timezone: "America/New_York" });
    const results = await readLines(['{"title": "Clocks go forward", "date": "2024-03-10T02:30"}', '{"title": "Clocks go back", "date": "2024-11-03T01:30"}'], map);
    expect(skippedOf(results)).toEqual([{ position: { line: 1 }, reason: "unparsable date", message: expect.stringMatching(/did not happen in America\/New_York/) }]);
    const [back] = recordsOf(results);
    // Luxon takes the second 01:30 (EST, -05:00), and the note says so.
    expect(back?.published.iso).toBe("2024-11-03T11:30:00+05:00");
    expect(back?.notes).toEqual([{ message: expect.stringMatching(/^date \(from "date"\): "2024-11-03T01:30" happened twice in America\/New_York .*read as -05:00 \(EST\)/) }]);
  });

  it("skips a record whose category maps to no section when there is no default", async () => {
    const results = await readLines(['{"title": "Obituary: a harbour master", "date": "2020-01-01", "category": "Obituaries"}', '{"title": "No category", "date": "2020-01-01"}'], mapOf({}));
    expect(skippedOf(results)).toEqual([
      {
        position: { line: 1 },
        reason: "unmapped category",
        message: 'section (from "category"): "Obituaries" is not a section (news, opinion, editorial, sport) nor in the map\'s "sections"; map it there, or set "defaultSection"',
        categories: ["Obituaries"],
      },
      {
        position: { line: 2 },
        reason: "unmapped category",
        message: 'section: missing (looked for "section", "category", "categories"), and the map has no "defaultSection" (sections: news, opinion, editorial, sport)',
        categories: ["(none)"],
      },
    ]);
    const withDefault = await readLines(['{"title": "Obituary: a harbour master", "date": "2020-01-01", "category": "Obituaries"}'], mapOf({ defaultSection: "news" }));
    expect(recordsOf(withDefault)[0]?.section).toBe("news");
  });

  it("skips a record with an object where text is expected, naming the field", async () => {
    const results = await readLines([
      '{"title": {"en": "Harbour"}, "date": "2020-01-01"}',
      '{"title": "Harbour", "date": "2020-01-01", "author": {"name": "Samira Qadir"}}',
      '{"title": "Harbour", "date": "2020-01-01", "tags": ["a", {"b": 1}]}',
      '{"title": "Harbour", "date": ["2020-01-01"]}',
    ]);
    expect(skippedOf(results)).toEqual([
      { position: { line: 1 }, reason: "not text", message: 'title (from "title"): is a mapping, expected text (name a key inside it in the map, e.g. "title": "title.name")' },
      {
        position: { line: 2 },
        reason: "not text",
        message: 'author (from "author"): is a mapping, expected text or a list of text (name a key inside it in the map, e.g. "author": "author.name")',
      },
      { position: { line: 3 }, reason: "not text", message: 'tags[1] (from "tags"): is a mapping, expected text (name a key inside it in the map, e.g. "tags[1]": "tags.name")' },
      { position: { line: 4 }, reason: "not text", message: 'date (from "date"): is a list, expected text' },
    ]);
  });

  it("reads numbers as text, and refuses ids JSON has already rounded", async () => {
    const results = await readLines(['{"id": 7, "title": 1984, "date": "2020-01-01", "tags": [2020, true]}', '{"id": 12345678901234567890, "title": "Big", "date": "2020-01-01"}']);
    expect(recordsOf(results)[0]).toMatchObject({ sourceKey: "jsonl:7", title: "1984", tags: ["2020", "true"] });
    expect(skippedOf(results)).toEqual([
      { position: { line: 2 }, reason: "imprecise number", message: expect.stringMatching(/^id \(from "id"\): the number 12345678901234567000 is too large to read exactly/) },
    ]);
  });

  it("skips the second record with an id already read", async () => {
    const results = await readLines(['{"id": "s-1", "title": "One", "date": "2020-01-01"}', '{"id": "s-1", "title": "One again", "date": "2020-01-02"}']);
    expect(recordsOf(results)).toHaveLength(1);
    expect(skippedOf(results)).toEqual([
      { position: { line: 2 }, reason: "duplicate id", message: 'id: "s-1" is also the id of the record on line 1; only the first is imported' },
    ]);
  });

  it("keeps `updated` only when it is later than the date", async () => {
    const results = await readLines([
      '{"title": "A", "date": "2020-01-02T10:00:00Z", "updated": "2020-01-02T10:00:00Z"}',
      '{"title": "B", "date": "2020-01-02T10:00:00Z", "updated": "2020-01-01T10:00:00Z"}',
      '{"title": "C", "date": "2020-01-02T10:00:00Z", "updated": "soon"}',
    ]);
    const [a, b, c] = recordsOf(results);
    expect(a?.updated).toBeUndefined();
    expect(a?.notes).toEqual([]);
    expect(b?.updated).toBeUndefined();
    expect(b?.notes).toEqual([{ message: "updated: 2020-01-01T15:00:00+05:00 is before the date (2020-01-02T15:00:00+05:00); left out" }]);
    expect(c?.updated).toBeUndefined();
    expect(c?.notes[0]?.message).toMatch(/^updated \(from "updated"\): "soon" is not a valid date/);
  });

  it("fails at once on an XML file given as JSON Lines", async () => {
    const file = sourceFile("export.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"></rss>\n');
    const reading = collect(readTabular(file, "jsonl", mapOf({}), site));
    await expect(reading).rejects.toBeInstanceOf(TabularInputError);
    await expect(collect(readTabular(file, "jsonl", mapOf({}), site))).rejects.toThrow(
      `${file}: line 1 is not JSON (it starts with '<?xml'): is it a WordPress export? use --format wxr`,
    );
  });

  it("fails at once on a JSON array or CSV given as JSON Lines", async () => {
    const array = sourceFile("array.json", '[\n  {"title": "x"}\n]\n');
    await expect(collect(readTabular(array, "jsonl", mapOf({}), site))).rejects.toThrow(`${array}: line 1 starts a JSON array, not JSON Lines (one object a line): use --format json`);
    const csv = sourceFile("sheet.csv", "\ntitle,date\nx,2020-01-01\n");
    await expect(collect(readTabular(csv, "jsonl", mapOf({}), site))).rejects.toThrow(`${csv}: line 2 is not JSON (it starts with 'title,date'): is it CSV? use --format csv`);
  });

  it("reads an empty file as no records", async () => {
    expect(await collect(readTabular(sourceFile("empty.jsonl", "\n\n"), "jsonl", mapOf({}), site))).toEqual([]);
  });
});
