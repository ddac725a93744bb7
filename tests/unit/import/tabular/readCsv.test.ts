import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadImportMap, type ImportMap } from "../../../../src/import/importMap.ts";
import { readTabular, TabularInputError } from "../../../../src/import/tabular/readTabular.ts";
import { useFarOffDefaultZone } from "../../../support/farOffZone.ts";
import { collect, FIXTURES, mapOf, recordsOf, skippedOf, sourceFile, testSite } from "./helpers.ts";

useFarOffDefaultZone();
const site = testSite();

function fixtureMap(): ImportMap {
  const map = loadImportMap(path.join(FIXTURES, "gazette-csv-map.json"), site);
  if ("problems" in map) throw new Error(map.problems.join("\n"));
  return map;
}

async function readCsv(text: string, map: ImportMap = mapOf({ defaultSection: "news" }), name = "case.csv") {
  return collect(readTabular(sourceFile(name, text), "csv", map, site));
}

describe("readTabular: CSV", () => {
  it("reads the fixture through a map of column names", async () => {
    const results = await collect(readTabular(path.join(FIXTURES, "gazette.csv"), "csv", fixtureMap(), site));
    expect(skippedOf(results)).toEqual([]);
    const [quotas, rain, quiz] = recordsOf(results);
    expect(quotas).toMatchObject({
      sourceKey: "csv:c-1",
      position: { line: 2 },
      title: "Fishing quotas set for the autumn",
      // No offset, no map timezone: wall-clock time in the site's zone.
      published: { iso: "2023-09-14T06:15:00+05:00" },
      section: "news",
      authors: ["Mira Holt"],
      tags: ["fishing", "quotas"],
      body: { format: "html", content: "<p>The board set the quotas.</p>\n<p>Boats may land more mackerel, and less cod.</p>" },
      leadPhoto: { url: "https://old.gullhaven.example/img/boats.jpg", alt: "Trawlers at the north quay" },
      draft: false,
    });
    // The first record's body spans lines 2 and 3.
    expect(rain).toMatchObject({
      sourceKey: "csv:c-2",
      position: { line: 4 },
      title: "Rain, wind and a closed ferry",
      published: { iso: "2023-09-16T03:30:00+05:00" },
      authors: ["Samira Qadir", "Tomas Berg"],
      draft: false,
    });
    expect(rain?.leadPhoto).toBeUndefined();
    expect(quiz).toMatchObject({ sourceKey: "csv:c-3", position: { line: 5 }, published: { iso: "2023-09-16", hasTime: false }, authors: [], tags: [], draft: true });
  });

  it("knows each record's first line with CRLF breaks inside quoted fields, blank lines and a BOM", async () => {
    const text = ["\uFEFFtitle,date,body", 'One,2020-01-01,"a\r\nb\r\nc"', "", "Two,2020-01-02,d", 'Three,2020-01-03,"e\r\n\r\nf"', "Four,2020-01-04,g"].join("\r\n");
    const results = await readCsv(text);
    expect(recordsOf(results).map((r) => [r.title, r.position.line, r.sourceKey])).toEqual([
      ["One", 2, "csv:line-2"],
      ["Two", 6, "csv:line-6"],
      ["Three", 7, "csv:line-7"],
      ["Four", 10, "csv:line-10"],
    ]);
  });

  it("skips a row with the wrong number of columns, with its line, and goes on", async () => {
    const text = ["title,date,body", 'Tide tables,2020-01-01,"low\nand high"', "Pier lights,2020-01-02", "Regatta,2020-01-03,sails,extra", "Ferry,2020-01-04,boats"].join("\n");
    const results = await readCsv(text);
    expect(recordsOf(results).map((r) => [r.title, r.position.line])).toEqual([
      ["Tide tables", 2],
      ["Ferry", 6],
    ]);
    const hint = 'a field holding the delimiter (",") or a line break must be in double quotes';
    expect(skippedOf(results)).toEqual([
      { position: { line: 4 }, reason: "wrong number of columns", message: `the row has 2 fields and the header 3 columns: ${hint}` },
      { position: { line: 5 }, reason: "wrong number of columns", message: `the row has 4 fields and the header 3 columns: ${hint}` },
    ]);
    // Yielded in file order.
    expect(results.map((r) => (r.kind === "record" ? r.record.position.line : r.kind === "skipped" ? r.skipped.position.line : 0))).toEqual([2, 4, 5, 6]);
  });

  it("skips a missing title, an unparsable date and an unmapped category with their lines", async () => {
    const text = ["title,date,section", ",2020-01-01,news", "Regatta,next week,news", "Crossword,2020-01-03,Puzzles", "Ferry,2020-01-04,Sport"].join("\n");
    const results = await readCsv(text, mapOf({}));
    expect(recordsOf(results).map((r) => [r.title, r.section])).toEqual([["Ferry", "sport"]]);
    expect(skippedOf(results)).toEqual([
      { position: { line: 2 }, reason: "no title", message: 'title: missing (looked for "title", "headline"; "title" is empty)' },
      { position: { line: 3 }, reason: "unparsable date", message: expect.stringMatching(/^date \(from "date"\): "next week" is not a valid date/) },
      { position: { line: 4 }, reason: "unmapped category", message: expect.stringMatching(/^section \(from "section"\): "Puzzles" is not a section/), categories: ["Puzzles"] },
    ]);
  });

  it("ignores rows of empty cells", async () => {
    const results = await readCsv("title,date\nTide tables,2020-01-01\n,\n , \n");
    expect(results).toHaveLength(1);
  });

  it("reads a semicolon-delimited file, and matches column names ignoring case", async () => {
    const results = await readCsv("Title;Date;Tags\n\"Harbour; wall\";2020-01-01;a, b\n", mapOf({ defaultSection: "news", listSeparator: "," }));
    expect(recordsOf(results)[0]).toMatchObject({ title: "Harbour; wall", tags: ["a", "b"] });
  });

  it("stops at a row the parser cannot delimit, naming its line, after the rows before it", async () => {
    const text = ["title,date", "One,2020-01-01", "Two,2020", 'Three "quoted" badly",2020-01-02', "Four,2020-01-03"].join("\n");
    const seen: string[] = [];
    const reading = (async () => {
      for await (const result of readTabular(sourceFile("stray-quote.csv", text), "csv", mapOf({ defaultSection: "news" }), site)) {
        seen.push(result.kind === "record" ? result.record.title : result.kind === "skipped" ? `skipped line ${result.skipped.position.line}` : "");
      }
    })();
    await expect(reading).rejects.toThrow(TabularInputError);
    await expect(reading).rejects.toThrow(/stray-quote\.csv:4: the row starting here cannot be read as CSV: Invalid Opening Quote: /);
    expect(seen).toEqual(["One", "skipped line 3"]);
    await expect(readCsv('title,date\r\nOne,"2020-01-01"x\r\n')).rejects.toThrow(/case\.csv:2: the row starting here cannot be read as CSV: Invalid Closing Quote/);
    await expect(readCsv('title,date\nOne,2020-01-01\n"Two,2020-01-02\nThree,2020-01-03\n')).rejects.toThrow(/case\.csv:3: the row starting here cannot be read as CSV: Quote Not Closed/);
  });

  it("refuses a header that names a column twice", async () => {
    await expect(readCsv("title,date,title\na,2020-01-01,b\n")).rejects.toThrow(/case\.csv:1: the header names the column "title" twice/);
  });

  it("fails at once on JSON or XML given as CSV", async () => {
    const array = sourceFile("posts.json", '[{"title": "a", "date": "2020-01-01"}]\n');
    await expect(collect(readTabular(array, "csv", mapOf({}), site))).rejects.toThrow(`${array}: line 1 is JSON, not CSV (it starts with '[{"title":'): use --format json`);
    const lines = sourceFile("posts.jsonl", '{"title": "a", "date": "2020-01-01"}\n');
    await expect(collect(readTabular(lines, "csv", mapOf({}), site))).rejects.toThrow(`${lines}: line 1 is JSON, not CSV (it starts with '{"title":'): use --format jsonl`);
    const xml = sourceFile("export.xml", "<?xml version=\"1.0\"?>\n<rss/>\n");
    await expect(collect(readTabular(xml, "csv", mapOf({}), site))).rejects.toThrow(`${xml}: line 1 is not CSV (it starts with '<?xml'): is it a WordPress export? use --format wxr`);
  });

  it("fails at once on a spreadsheet or a file that is not UTF-8", async () => {
    const xlsx = sourceFile("sheet.csv", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
    await expect(collect(readTabular(xlsx, "csv", mapOf({}), site))).rejects.toThrow(`${xlsx}: cannot be read as CSV: it is a ZIP archive (a .xlsx or .ods spreadsheet?): export the sheet as CSV (UTF-8)`);
    const latin1 = sourceFile("latin1.csv", Buffer.from("title,date\nCaf\xe9,2020-01-01\n", "latin1"));
    await expect(collect(readTabular(latin1, "csv", mapOf({}), site))).rejects.toThrow(/cannot be read as CSV: it is not UTF-8 text/);
  });
});
