import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../../src/import/tabular/toRecord.ts";
import { compileFields, lookup, valueAt } from "../../../../src/import/tabular/fields.ts";
import { readSourceDate } from "../../../../src/import/tabular/sourceDate.ts";
import { mapOf } from "./helpers.ts";

describe("valueAt", () => {
  const source = {
    "author.name": "Column with a dot",
    Byline: [{ name: "Samira Qadir" }, { name: "Tomas Berg" }, { role: "photos" }],
    meta: { Published: "2020-01-01", photos: [{ url: "a.jpg" }, { url: "b.jpg" }] },
  };

  it("takes a key holding a dot whole before reading it as a path", () => {
    expect(valueAt(source, "author.name")).toBe("Column with a dot");
  });

  it("walks dotted paths, ignoring case, through lists", () => {
    expect(valueAt(source, "meta.published")).toBe("2020-01-01");
    expect(valueAt(source, "byline.name")).toEqual(["Samira Qadir", "Tomas Berg"]);
    expect(valueAt(source, "meta.photos.1.url")).toBe("b.jpg");
    expect(valueAt(source, "meta.missing.url")).toBeUndefined();
  });

  it("never reads inherited properties", () => {
    expect(valueAt({}, "constructor")).toBeUndefined();
    expect(valueAt({ a: {} }, "a.toString")).toBeUndefined();
  });
});

describe("lookup", () => {
  it("renders templates, with numbers as their digits", () => {
    const fields = compileFields(mapOf({ fields: { title: "{name}: State of the Union, {year}", date: "{year}-01-01" } }));
    const source = { name: "A. Speaker", year: 1801 };
    expect(lookup(source, fields, "title")).toEqual({ found: true, value: "A. Speaker: State of the Union, 1801", from: "{name}: State of the Union, {year}" });
    expect(lookup(source, fields, "date")).toMatchObject({ value: "1801-01-01" });
  });

  it("reads nothing for a field the map sets to null", () => {
    const fields = compileFields(mapOf({ fields: { redirectFrom: null } }));
    expect(lookup({ url: "/old/1" }, fields, "redirectFrom")).toEqual({ found: false, tried: [], empty: [], gaps: [] });
  });
});

describe("readSourceDate", () => {
  it("reads an offset as that instant and shows it in the site's zone", () => {
    expect(readSourceDate("2021-03-04T10:00:00Z", "America/New_York", "Asia/Karachi")).toMatchObject({ ok: true, time: { iso: "2021-03-04T15:00:00+05:00" } });
    expect(readSourceDate("2021-03-04 10:00:00 UTC", "America/New_York", "Asia/Karachi")).toMatchObject({ ok: true, time: { iso: "2021-03-04T15:00:00+05:00" } });
  });

  it("reads a time without offset in the source zone", () => {
    expect(readSourceDate("2021-07-04 10:00", "America/New_York", "Asia/Karachi")).toMatchObject({ ok: true, time: { iso: "2021-07-04T19:00:00+05:00" } });
  });

  it("keeps a bare day a day", () => {
    expect(readSourceDate("1790-01-08", "America/New_York", "Asia/Karachi")).toMatchObject({ ok: true, time: { iso: "1790-01-08", hasTime: false } });
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every level and keeps list order", () => {
    expect(canonicalJson({ b: [{ y: 1, x: 2 }, null], a: "é" })).toBe('{"a":"é","b":[{"x":2,"y":1},null]}');
    expect(canonicalJson(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'))).toBe('{"__proto__":{"polluted":true},"a":1}');
  });
});
