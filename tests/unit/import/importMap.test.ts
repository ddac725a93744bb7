import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_DRAFT_VALUES,
  defaultImportMap,
  loadImportMap,
  parseTemplate,
  resolveSection,
  sourceZone,
  type ImportMap,
} from "../../../src/import/importMap.ts";
import { makeTempDir } from "../../support/fixtureArchive.ts";
import { FIXTURES, mapOf, testSite } from "./tabular/helpers.ts";

const site = testSite();

function mapFile(content: string): string {
  const file = path.join(makeTempDir("import-map"), "map.json");
  fs.writeFileSync(file, content);
  return file;
}

function problemsOf(result: ImportMap | { problems: string[] }): string[] {
  return "problems" in result ? result.problems : [];
}

describe("loadImportMap", () => {
  it("fills in every default for an empty map", () => {
    const map = loadImportMap(mapFile("{}"));
    expect(map).toEqual({ sections: {}, body: "html", listSeparator: ";", draftValues: [...DEFAULT_DRAFT_VALUES] });
    expect(defaultImportMap()).toEqual(map);
    expect(sourceZone(defaultImportMap(), site)).toBe("Asia/Karachi");
  });

  it("reads the fixture maps", () => {
    for (const name of ["gazette-map.json", "gazette-json-map.json", "gazette-csv-map.json"]) {
      expect(problemsOf(loadImportMap(path.join(FIXTURES, name), site))).toEqual([]);
    }
    const map = loadImportMap(path.join(FIXTURES, "gazette-map.json"), site);
    expect("problems" in map ? undefined : sourceZone(map, site)).toBe("Europe/London");
  });

  it("accepts the WordPress reader's options", () => {
    const map = loadImportMap(mapFile('{ "wordpress": { "postTypes": ["post", "gallery"] } }'));
    expect("problems" in map ? map.problems : map.wordpress).toEqual({ postTypes: ["post", "gallery"] });
  });

  it("names the field of each problem", () => {
    const file = mapFile(
      JSON.stringify({
        timezone: "Gullhaven/Harbour",
        body: "rtf",
        listSeparator: "",
        sections: { Sport: "Sport Desk" },
        fields: { headline: "title", title: 7, date: "{year-01-01" },
        extra: true,
      }),
    );
    const problems = problemsOf(loadImportMap(file));
    expect(problems).toEqual(
      expect.arrayContaining([
        `${file}: timezone: is not an IANA time zone name (e.g. "America/New_York")`,
        `${file}: body: must be "html", "markdown" or "text"`,
        `${file}: listSeparator: must not be empty`,
        expect.stringMatching(/: sections\.Sport: must be a section slug/),
        expect.stringMatching(/: fields: unknown field: headline \(article fields: title, date, /),
        expect.stringMatching(/: fields\.title: must be a source key, a template, a list of them, or null \(found a number\)/),
        expect.stringMatching(/: unknown field: extra/),
      ]),
    );
  });

  it("refuses a template that does not parse, naming the field", () => {
    const problems = problemsOf(loadImportMap(mapFile('{ "fields": { "date": "{year-01-01", "title": ["headline", "{}"] } }')));
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).toMatch(/fields\.date: template "\{year-01-01": the "\{" at character 1 is never closed/);
    expect(problems.join("\n")).toMatch(/fields\.title\.1: template "\{\}": "\{\}" does not name a source key/);
  });

  it("given the site, refuses sections it does not have", () => {
    const problems = problemsOf(loadImportMap(mapFile('{ "sections": { "Obituaries": "obituaries" }, "defaultSection": "misc" }'), site));
    expect(problems).toEqual([
      expect.stringMatching(/: sections\.Obituaries: "obituaries" is not a section in _data\/sections\.json \(sections: news, opinion, editorial, sport\)$/),
      expect.stringMatching(/: defaultSection: "misc" is not a section/),
    ]);
  });

  it("refuses two source values that differ only in case but map apart", () => {
    const problems = problemsOf(loadImportMap(mapFile('{ "sections": { "Sport": "sport", " sport ": "news" } }')));
    expect(problems).toEqual([expect.stringMatching(/sections\. sport : is the same value as "Sport"/)]);
  });

  it("says when the file is missing or not JSON", () => {
    expect(problemsOf(loadImportMap("/nonexistent/map.json"))).toEqual(["/nonexistent/map.json: cannot be read (ENOENT)"]);
    const broken = mapFile("{ sections: }");
    expect(problemsOf(loadImportMap(broken))[0]).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: is not valid JSON: `));
  });
});

describe("parseTemplate", () => {
  it("splits text and keys, with doubled braces literal", () => {
    expect(parseTemplate("{name}: State of the Union, { year }")).toEqual([{ key: "name" }, { text: ": State of the Union, " }, { key: "year" }]);
    expect(parseTemplate("{{draft}} {id}")).toEqual([{ text: "{draft} " }, { key: "id" }]);
    expect(parseTemplate("a } b")).toEqual({ error: 'the "}" at character 3 closes nothing (write "}}" for a literal brace)' });
  });
});

describe("resolveSection", () => {
  const map = mapOf({ sections: { "Local News": "news", Leader: "editorial", Sport: "opinion" } });

  it("maps a value through the map, trimmed and ignoring case", () => {
    expect(resolveSection(map, site.sections, ["  local NEWS "])).toEqual({ section: "news" });
  });

  it("maps a section's slug or name with no entry", () => {
    const empty = mapOf({});
    expect(resolveSection(empty, site.sections, ["Editorial"])).toEqual({ section: "editorial" });
    expect(resolveSection(empty, site.sections, ["opinion"])).toEqual({ section: "opinion" });
  });

  it("lets the map's entry win over a section's name", () => {
    expect(resolveSection(map, site.sections, ["sport"])).toEqual({ section: "opinion" });
  });

  it("takes the first candidate that maps", () => {
    expect(resolveSection(map, site.sections, ["Uncategorized", "Leader", "Local News"])).toEqual({ section: "editorial" });
  });

  it("lists the unmapped candidates, or gives the default section", () => {
    expect(resolveSection(map, site.sections, ["Obituaries", " ", "Puzzles"])).toEqual({ unmapped: ["Obituaries", "Puzzles"] });
    expect(resolveSection(map, site.sections, [])).toEqual({ unmapped: [] });
    const withDefault = mapOf({ defaultSection: "news" });
    expect(resolveSection(withDefault, site.sections, ["Obituaries"])).toEqual({ section: "news" });
  });

  it("ignores an entry naming a section the site lacks", () => {
    const stale = mapOf({ sections: { Obituaries: "obituaries" } });
    expect(resolveSection(stale, site.sections, ["Obituaries"])).toEqual({ unmapped: ["Obituaries"] });
  });
});
