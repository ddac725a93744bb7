/**
 * readWxr on small hand-written exports: each bad item is skipped with its line, item number and field, and the
 * good ones around it are read; what is not an article is counted, not skipped.
 */
import { describe, expect, it } from "vitest";
import { readWxr } from "../../../../src/import/wxr/readWxr.ts";
import type { ReadResult } from "../../../../src/import/importRecord.ts";
import { mapOf, sourceFile, testSite } from "../tabular/helpers.ts";

const HEAD = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>The Gullhaven Gazette</title>
<link>https://old.gullhaven.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login><![CDATA[samira]]></wp:author_login><wp:author_display_name><![CDATA[Samira Qadir]]></wp:author_display_name></wp:author>
`;

function item(fields: { title?: string; id: number; gmt?: string; local?: string; status?: string; type?: string; category?: string; body?: string }): string {
  return `<item>
<title>${fields.title ?? ""}</title>
<link>https://old.gullhaven.example/?p=${fields.id}</link>
<dc:creator><![CDATA[samira]]></dc:creator>
<content:encoded><![CDATA[${fields.body ?? "<p>The quay was busy.</p>"}]]></content:encoded>
<wp:post_id>${fields.id}</wp:post_id>
<wp:post_date><![CDATA[${fields.local ?? "2021-03-04 10:00:00"}]]></wp:post_date>
<wp:post_date_gmt><![CDATA[${fields.gmt ?? "2021-03-04 10:00:00"}]]></wp:post_date_gmt>
<wp:post_name><![CDATA[post-${fields.id}]]></wp:post_name>
<wp:status><![CDATA[${fields.status ?? "publish"}]]></wp:status>
<wp:post_type><![CDATA[${fields.type ?? "post"}]]></wp:post_type>
<category domain="category" nicename="${(fields.category ?? "News").toLowerCase()}"><![CDATA[${fields.category ?? "News"}]]></category>
</item>
`;
}

async function read(xml: string, map = mapOf({})): Promise<ReadResult[]> {
  const file = sourceFile("export.xml", xml);
  const results: ReadResult[] = [];
  for await (const { result } of readWxr(file, { map, site: testSite() })) results.push(result);
  return results;
}

describe("readWxr", () => {
  it("reads a post: UTC date in the site's zone, the author's display name, the shortlink as a former URL", async () => {
    const [result] = await read(`${HEAD}${item({ title: "Ferry times change", id: 7 })}</channel></rss>\n`);
    expect(result?.kind).toBe("record");
    if (result?.kind !== "record") return;
    expect(result.record).toMatchObject({ title: "Ferry times change", published: { iso: "2021-03-04T15:00:00+05:00" }, authors: ["Samira Qadir"], section: "news", slug: "post-7", sourceKey: "wxr:7" });
    expect(result.record.redirectFrom).toContain("/?p=7");
  });

  it("skips each bad item with its line, item number and field, and reads the others", async () => {
    const xml =
      HEAD +
      item({ title: "", id: 1 }) +
      item({ title: "No date", id: 2, gmt: "0000-00-00 00:00:00", local: "sometime soon" }) +
      item({ title: "Crosswords", id: 3, category: "Puzzles" }) +
      item({ title: "Broken <b>markup", id: 4 }) +
      item({ title: "Good one", id: 5 }) +
      item({ title: "Binned", id: 6, status: "trash" }) +
      item({ title: "About us", id: 8, type: "page" }) +
      "<item>\n<title>Cut short</title>\n";
    const results = await read(xml);
    const lineOf = (n: number): number => xml.split("\n").findIndex((line, i, all) => line === "<item>" && all.slice(0, i).filter((l) => l === "<item>").length === n - 1) + 1;
    const skipped = results.flatMap((r) => (r.kind === "skipped" ? [r.skipped] : []));
    expect(skipped.map((s) => [s.position, s.reason])).toEqual([
      [{ line: lineOf(1), item: 1 }, "no title"],
      [{ line: lineOf(2), item: 2 }, "unparsable date"],
      [{ line: lineOf(3), item: 3 }, "unmapped category"],
      // The line of the XML error itself: the title's.
      [{ line: lineOf(4) + 1, item: 4 }, "invalid XML"],
      [{ line: lineOf(8), item: 8 }, "invalid XML"],
    ]);
    expect(skipped[1]?.message).toContain('wp:post_date: "sometime soon" is not a date (post 2)');
    expect(skipped[2]?.categories).toEqual(["Puzzles"]);
    expect(skipped[4]?.message).toContain("has no </item>");
    expect(results.filter((r) => r.kind === "record").map((r) => (r.kind === "record" ? r.record.title : ""))).toEqual(["Good one"]);
    expect(results.filter((r) => r.kind === "ignored").map((r) => (r.kind === "ignored" ? r.what : ""))).toEqual(expect.arrayContaining(["page"]));
  });

  it("imports a draft, a pending and a private post as drafts", async () => {
    const results = await read(`${HEAD}${item({ title: "A", id: 11, status: "draft" })}${item({ title: "B", id: 12, status: "pending" })}${item({ title: "C", id: 13, status: "private" })}</channel></rss>\n`);
    expect(results.map((r) => (r.kind === "record" ? r.record.draft : r.kind))).toEqual([true, true, true]);
  });
});
