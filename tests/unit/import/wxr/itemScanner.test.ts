import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scanWxr, type ScanEvent } from "../../../../src/import/wxr/itemScanner.ts";
import { parseXml } from "../../../../src/import/wxr/xmlTree.ts";
import { makeTempDir } from "../../../support/fixtureArchive.ts";
import { WORDPRESS_FIXTURES } from "../../../support/sharedFixtures.ts";

async function scan(file: string, chunk?: number): Promise<ScanEvent[]> {
  const events: ScanEvent[] = [];
  for await (const event of scanWxr(file, chunk)) events.push(event);
  return events;
}

function writeExport(body: string): string {
  const file = path.join(makeTempDir("wxr-scan"), "export.xml");
  fs.writeFileSync(file, body);
  return file;
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/">\n<channel>\n<wp:wxr_version>1.2</wp:wxr_version>\n';

describe("scanWxr", () => {
  it("finds every item of the real theme test export, on the line it starts", async () => {
    const file = WORDPRESS_FIXTURES.themeUnitTest;
    const events = await scan(file);
    const items = events.flatMap((e) => (e.kind === "item" ? [e.item] : []));
    expect(items).toHaveLength(186);
    const lines = fs.readFileSync(file, "utf8").split("\n");
    for (const item of items) expect(lines[item.line - 1]?.trimStart().startsWith("<item")).toBe(true);
    expect(items.map((i) => i.number)).toEqual(items.map((_, i) => i + 1));
    expect(items.every((i) => parseXml(i.xml).ok)).toBe(true);
  });

  it("cuts the same items whatever the chunk size, markers cut in two included", async () => {
    const file = WORDPRESS_FIXTURES.blockTest;
    const whole = (await scan(file)).flatMap((e) => (e.kind === "item" ? [e.item] : []));
    const tiny = (await scan(file, 7)).flatMap((e) => (e.kind === "item" ? [e.item] : []));
    expect(tiny).toEqual(whole);
    expect(whole).toHaveLength(72);
  });

  it("is not fooled by </item> inside CDATA or a comment", async () => {
    const file = writeExport(
      `${HEAD}<item><title>One</title><content:encoded><![CDATA[<p>An RSS lesson: </item> closes an item.</p>]]></content:encoded></item>\n<!-- </item> -->\n<item><title>Two</title></item>\n</channel></rss>\n`,
    );
    for (const chunk of [3, 1 << 20]) {
      const items = (await scan(file, chunk)).flatMap((e) => (e.kind === "item" ? [e.item] : []));
      expect(items.map((i) => parseXml(i.xml).ok)).toEqual([true, true]);
      expect(items[0]?.xml).toContain("closes an item");
      expect(items.map((i) => i.line)).toEqual([5, 7]);
    }
  });

  it("reports an item cut short at the end of the file with its line", async () => {
    const file = writeExport(`${HEAD}<item><title>Whole</title></item>\n<item><title>Cut`);
    const events = await scan(file, 5);
    expect(events.at(-1)).toEqual({ kind: "unclosed", line: 6, number: 2 });
  });

  it("gives the whole file as the header when there is no item", async () => {
    const file = writeExport(`${HEAD}</channel></rss>\n`);
    const events = await scan(file, 4);
    expect(events).toEqual([{ kind: "header", xml: `${HEAD}</channel></rss>\n` }]);
  });
});
