/** The site built for a sub-path: no link, asset or search URL may assume the domain root. */
import path from "node:path";
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { listFiles, loadPage } from "../support/html.ts";
import { createGazetteArchive } from "../support/gazetteFixture.ts";
import { makeTempDir } from "../support/fixtureArchive.ts";
import { openSearch, searchUrls } from "../support/pagefindQuery.ts";

let site: string;
const PREFIX = "/gazette/archive/";

beforeAll(async () => {
  site = path.join(makeTempDir("gazette-prefixed"), "_site");
  await buildSite({ contentRoot: createGazetteArchive(), outputDir: site, pathPrefix: "gazette/archive" });
});

describe("a build under a sub-path", () => {
  it("prefixes every root-relative link, script, stylesheet and icon", () => {
    const pages = listFiles(site).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const $ = loadPage(site, page);
      $("[href], [src], [action], [data-bundle]").each((_, el) => {
        for (const attr of ["href", "src", "action", "data-bundle"]) {
          const value = $(el).attr(attr);
          if (value?.startsWith("/")) expect(value, `${page}: ${attr}`).toMatch(/^\/gazette\/archive\//);
        }
      });
    }
  });

  it("prefixes links between articles written in Markdown bodies", () => {
    const $ = loadPage(site, "/2023/12/09/harbour-vote/");
    expect($(".article-body a").attr("href")).toBe(`${PREFIX}2023/11/02/ferry-timetable/`);
  });

  it("puts the sub-path in canonical URLs", () => {
    const $ = loadPage(site, "/2023/12/09/harbour-vote/");
    expect($('link[rel="canonical"]').attr("href")).toBe("https://archive.gullhaven.example/gazette/archive/2023/12/09/harbour-vote/");
    expect(JSON.parse($('script[type="application/ld+json"]').first().text()).url).toBe(
      "https://archive.gullhaven.example/gazette/archive/2023/12/09/harbour-vote/",
    );
  });

  it("tells the search page where its bundle and results live", () => {
    const $ = loadPage(site, "/search/");
    expect($("#search").attr("data-bundle")).toBe(`${PREFIX}pagefind/`);
    expect($("#search").attr("data-base-url")).toBe(PREFIX);
    expect(fs.existsSync(path.join(site, "pagefind/shards.json"))).toBe(true);
  });

  it("returns search results under the sub-path", async () => {
    const search = await openSearch(site, PREFIX);
    expect(await searchUrls(search, "quillwort")).toEqual([`${PREFIX}2023/12/09/harbour-vote/`]);
  });
});
