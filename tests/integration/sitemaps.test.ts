/** The news sitemap follows the clock: a later build with nothing recent deletes it from the published site. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { createFixtureArchive, makeTempDir, type FixtureArticle } from "../support/fixtureArchive.ts";
import { expectValid, locs, sitemapSchemas } from "../support/sitemapSchemas.ts";

const ORIGIN = "https://archive.gullhaven.example";
/** 2024-03-15 17:00 in Asia/Karachi (+05:00), the site's zone. */
const NOW = Date.UTC(2024, 2, 15, 12, 0);

const ARTICLES: FixtureArticle[] = [
  // Three and 26 hours before NOW: in the news sitemap.
  { path: "2024/03/fares.md", frontMatter: "title: Fares rise\ndate: 2024-03-15T09:00:00+05:00\nsection: news" },
  { path: "2024/03/council.md", frontMatter: "title: Council sits late\ndate: 2024-03-14T10:00:00Z\nsection: news" },
  // 49 hours before NOW: too old for Google News.
  { path: "2024/03/tide.md", frontMatter: "title: Spring tide warning\ndate: 2024-03-13T11:00:00Z\nsection: news" },
];

const read = (dir: string, file: string): string => fs.readFileSync(path.join(dir, file), "utf8");

describe("the Google News sitemap in a published site", () => {
  it("is deleted by an incremental build once nothing is recent", async () => {
    const root = createFixtureArchive({ articles: ARTICLES });
    const out = path.join(makeTempDir("sitemaps-build"), "_site");
    await buildSite({ contentRoot: root, outputDir: out, now: NOW });
    expect(locs(read(out, "sitemap-news.xml"))).toEqual([`${ORIGIN}/2024/03/15/fares/`, `${ORIGIN}/2024/03/14/council/`]);
    // The same archive three years on: no page changes, and the news sitemap has nothing left to list.
    const later = await buildSite({ contentRoot: root, outputDir: out, now: Date.UTC(2027, 0, 1) });
    expect(later.mode).toBe("incremental");
    expect(fs.existsSync(path.join(out, "sitemap-news.xml"))).toBe(false);
    expect(locs(read(out, "sitemap.xml"))).not.toContain(`${ORIGIN}/sitemap-news.xml`);
    expectValid(path.join(out, "sitemap.xml"), sitemapSchemas().index);
  });
});
