/**
 * Builds the Gullhaven Gazette fixture with the production pipeline (Eleventy
 * and Pagefind for real) and checks the HTML and the search index it produced.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, type BuildReport } from "../../src/publish/buildSite.ts";
import * as cheerio from "cheerio";
import { listFiles, loadPage, readPage } from "../support/html.ts";
import { createGazetteArchive, GAZETTE_ARTICLES, GAZETTE_MUST_READ } from "../support/gazetteFixture.ts";
import { createFixtureArchive, makeTempDir } from "../support/fixtureArchive.ts";
import { openSearch, readManifest, searchUrls, type PagefindApi } from "../support/pagefindQuery.ts";

let root: string;
let site: string;
let report: BuildReport;
let search: PagefindApi;

beforeAll(async () => {
  root = createGazetteArchive();
  site = path.join(makeTempDir("gazette-site"), "_site");
  report = await buildSite({ contentRoot: root, outputDir: site });
  search = await openSearch(site);
});

const HARBOUR = "/2023/12/09/harbour-vote/";

describe("build report", () => {
  it("counts published articles and drafts", () => {
    expect(report.articles).toBe(8);
    expect(report.drafts).toBe(1);
    expect(report.pagesIndexed).toBe(8);
  });
});

describe("article page", () => {
  it("puts the article at /yyyy/MM/dd/slug/ using the day in the site's zone", () => {
    // Published 22:30 UTC on the 8th: the 9th in Karachi.
    expect(fs.existsSync(path.join(site, "2023/12/09/harbour-vote/index.html"))).toBe(true);
    expect(fs.existsSync(path.join(site, "2023/12/08/harbour-vote/index.html"))).toBe(false);
    // A front matter slug overrides the file name.
    expect(fs.existsSync(path.join(site, "2022/05/01/lighthouse-museum/index.html"))).toBe(true);
  });

  it("shows headline, section, byline, dates, dateline, tags and print line", () => {
    const $ = loadPage(site, HARBOUR);
    expect($("h1").length).toBe(1);
    expect($("h1").text()).toBe('Council & harbour board agree on "final" dredging vote');
    expect($(".article-header .kicker a").text()).toBe("News");
    expect($(".article-header .kicker a").attr("href")).toBe("/news/");
    expect($(".article-header .byline").text()).toBe("By Mira Holt and Tobias Fenn");
    const published = $(".article-dates .day-link > time");
    expect(published.attr("datetime")).toBe("2023-12-09T03:30:00+05:00");
    expect(published.text()).toBe("December 9, 2023, 3:30 AM GMT+5");
    expect($(".article-dates .updated").text().replace(/\s+/g, " ")).toBe("Updated 16 Mar, 2024");
    expect($(".article-dates .updated time").attr("datetime")).toBe("2024-03-16T10:00:00+05:00");
    expect($(".article-body p").first().text()).toMatch(/^GULLHAVEN: The harbour board voted/);
    expect($(".tags li").map((_, el) => $(el).text()).get()).toEqual(["harbour", "council"]);
    expect($(".print-line").text()).toBe("Published in The Gullhaven Gazette, December 10th, 2023");
  });

  it("describes the article in NewsArticle JSON-LD", () => {
    const $ = loadPage(site, HARBOUR);
    const data = JSON.parse($('script[type="application/ld+json"]').first().text());
    expect(data).toMatchObject({
      "@type": "NewsArticle",
      headline: 'Council & harbour board agree on "final" dredging vote',
      datePublished: "2023-12-09T03:30:00+05:00",
      dateModified: "2024-03-16T10:00:00+05:00",
      author: [
        { "@type": "Person", name: "Mira Holt" },
        { "@type": "Person", name: "Tobias Fenn" },
      ],
      articleSection: "News",
      url: "https://archive.gullhaven.example/2023/12/09/harbour-vote/",
      description: expect.stringMatching(/^The harbour board voted late on Friday/),
    });
    expect($('link[rel="canonical"]').attr("href")).toBe("https://archive.gullhaven.example/2023/12/09/harbour-vote/");
  });

  it("credits an unsigned editorial to the outlet", () => {
    const $ = loadPage(site, "/2023/10/05/editorial-budget/");
    expect($(".article-header .byline").length).toBe(0);
    const data = JSON.parse($('script[type="application/ld+json"]').first().text());
    expect(data.author).toEqual({ "@type": "Organization", name: "The Gullhaven Gazette" });
    expect(data.dateModified).toBe(data.datePublished);
  });

  it("keeps raw HTML from bodies as text", () => {
    const html = readPage(site, HARBOUR);
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("escapes front matter text in the page and in the JSON-LD script", () => {
    const html = readPage(site, "/2020/09/12/cup-final/");
    expect(html).not.toContain("</script><script>alert");
    const $ = loadPage(site, "/2020/09/12/cup-final/");
    expect($("h1").text()).toBe("Gulls win the cup </script><script>alert('x')</script>");
    expect(JSON.parse($('script[type="application/ld+json"]').first().text()).headline).toBe(
      "Gulls win the cup </script><script>alert('x')</script>",
    );
  });

  it("shows a written excerpt as the standfirst, not a derived one", () => {
    expect(loadPage(site, "/2023/12/10/tidal-column/")(".standfirst").text()).toBe(
      "A zephyrine argument for printing the tide tables again.",
    );
    expect(loadPage(site, HARBOUR)(".standfirst").length).toBe(0);
  });

  it("has Must Read, Opinion and Editorial sidebars that list what was published before the article", () => {
    const $ = loadPage(site, "/2021/02/14/bus-depot/");
    const headings = $(".sidebar h2").map((_, el) => $(el).text()).get();
    expect(headings).toEqual(["Must Read", "Opinion", "Editorial"]);
    const mustRead = $(".must-read .entry-title a").map((_, el) => $(el).attr("href")).get();
    expect(mustRead).toEqual([HARBOUR, "/2022/05/01/lighthouse-museum/"]);
    expect($(".must-read .entry").first().find(".updated").text()).toBe("Updated 16 Mar, 2024");
    // Nothing in Opinion before February 2021: the page says so, and its script fetches the newest.
    expect($('[data-sidebar-section="opinion"]').text().trim()).toBe("Nothing published yet.");
    expect($("aside.sidebar").attr("data-latest")).toBe("/latest.json");
    expect($('script[src="/assets/sidebar.js"]').length).toBe(1);

    const later = loadPage(site, "/2023/12/10/tidal-column/");
    const links = (slug: string) => later(`[data-sidebar-section="${slug}"] .entry-title a`).map((_, el) => later(el).attr("href")).get();
    // Earlier pieces only, never the article itself.
    expect(links("opinion")).toEqual(["/2021/06/20/parking-column/"]);
    expect(links("editorial")).toEqual(["/2023/10/05/editorial-budget/"]);
    // A Must Read article's own page leaves itself out of Must Read.
    const harbour = loadPage(site, HARBOUR);
    expect(harbour(".must-read .entry-title a").map((_, el) => harbour(el).attr("href")).get()).toEqual(["/2022/05/01/lighthouse-museum/"]);
  });

  it("writes the newest sidebar pieces to latest.json, rendered like the page's lists", () => {
    const latest = JSON.parse(fs.readFileSync(path.join(site, "latest.json"), "utf8")) as { sections: Record<string, string> };
    expect(Object.keys(latest.sections)).toEqual(["opinion", "editorial"]);
    const $ = cheerio.load(latest.sections.opinion ?? "");
    expect($(".entry-title a").map((_, el) => $(el).attr("href")).get()).toEqual(["/2023/12/10/tidal-column/", "/2021/06/20/parking-column/"]);
    expect($(".entry-excerpt").first().text()).toBe("A zephyrine argument for printing the tide tables again.");
  });
});

describe("section indexes", () => {
  it("lists a section newest first, paginated, with dates, bylines and excerpts", () => {
    const page1 = loadPage(site, "/news/");
    expect(page1("h1").text()).toBe("News");
    const entries = page1(".entries .entry");
    expect(entries.find(".entry-title a").map((_, el) => page1(el).attr("href")).get()).toEqual([HARBOUR, "/2023/11/02/ferry-timetable/"]);
    expect(entries.first().find("time").first().attr("datetime")).toBe("2023-12-09T03:30:00+05:00");
    expect(entries.first().find(".byline").text()).toBe("Mira Holt and Tobias Fenn");
    expect(entries.eq(1).find("time").attr("datetime")).toBe("2023-11-02");
    expect(entries.eq(1).find(".entry-excerpt").text()).toBe("The island ferry will run four times a day from November, down from six, the operator said.");
    // Numbered from the oldest: the front page links to the newest numbered page, here page 1.
    expect(page1('a[rel="next"]').attr("href")).toBe("/news/page/1/");
    expect(page1('a[rel="prev"]').length).toBe(0);
    expect(page1(".index-page").length).toBe(0);

    const oldest = loadPage(site, "/news/page/1/");
    expect(oldest(".entries .entry-title a").map((_, el) => oldest(el).attr("href")).get()).toEqual([
      "/2022/05/01/lighthouse-museum/",
      "/2021/02/14/bus-depot/",
    ]);
    expect(oldest("title").text()).toBe("News · Page 1 · The Gullhaven Gazette");
    expect(oldest(".index-page").text()).toBe("Page 1 · February 14, 2021 – May 1, 2022");
    expect(oldest('a[rel="prev"]').attr("href")).toBe("/news/");
    expect(oldest('a[rel="next"]').length).toBe(0);
    expect(oldest('link[rel="canonical"]').attr("href")).toBe("https://archive.gullhaven.example/news/page/1/");

    // Page 2 is what the front page shows: its URL (a page of yesterday's numbering) sends readers there.
    const alias = loadPage(site, "/news/page/2/");
    expect(alias('meta[http-equiv="refresh"]').attr("content")).toBe("0; url=/news/");
    expect(alias('link[rel="canonical"]').attr("href")).toBe("https://archive.gullhaven.example/news/");
    expect(alias('meta[name="robots"]').attr("content")).toBe("noindex");
    expect(alias("main a").text()).toBe("News");
    expect(fs.existsSync(path.join(site, "news/page/3/index.html"))).toBe(false);
  });

  it("gives every listed section an index, even an empty one", () => {
    for (const section of ["news", "opinion", "editorial", "sport"]) {
      expect(fs.existsSync(path.join(site, section, "index.html"))).toBe(true);
    }
  });
});

describe("drafts", () => {
  it("are not built, listed or searchable", async () => {
    const files = listFiles(site).filter((f) => f.endsWith(".html"));
    for (const file of files) expect(fs.readFileSync(path.join(site, file), "utf8")).not.toContain("Unfinished draft");
    expect(await searchUrls(search, "xylocarp")).toEqual([]);
  });
});

describe("home, search and 404 pages", () => {
  it("home page shows the latest of each section and Must Read", () => {
    const $ = loadPage(site, "/");
    expect($(".home-section h2").map((_, el) => $(el).text()).get()).toEqual(["News", "Opinion", "Editorial", "Sport"]);
    expect($(".home-section-news .entry-title a").first().attr("href")).toBe(HARBOUR);
    expect($(".home-must-read .entry-title a").length).toBe(2);
  });

  it("every page has a header search box that lands on /search/", () => {
    for (const page of ["/", HARBOUR, "/news/", "/404.html"]) {
      const $ = loadPage(site, page);
      expect($("form.header-search").attr("action")).toBe("/search/");
      expect($("form.header-search input").attr("name")).toBe("q");
    }
    const $ = loadPage(site, "/search/");
    expect($("#search").attr("data-bundle")).toBe("/pagefind/");
    expect($('label[for="search-q"]').text()).toBeTruthy();
  });

  it("has a 404 page", () => {
    expect(loadPage(site, "/404.html")("h1").text()).toBe("Page not found");
  });
});

describe("search index", () => {
  it("finds an article by a word of its body, with title, date and section", async () => {
    const result = await search.search("quillwort");
    expect(result.results).toHaveLength(1);
    const hit = await result.results[0]!.data();
    expect(hit.url).toBe(HARBOUR);
    expect(hit.meta).toMatchObject({ title: 'Council & harbour board agree on "final" dredging vote', date: "9 Dec, 2023", section: "News" });
    expect(hit.excerpt).toContain("<mark>Quillwort</mark>");
  });

  it("indexes only the article: a word in every sidebar finds only its own article", async () => {
    expect(await searchUrls(search, "zephyrine")).toEqual(["/2023/12/10/tidal-column/"]);
  });

  it("does not index the header, footer or navigation", async () => {
    // "Skip to content" opens every page, and no article says "skip".
    expect(await searchUrls(search, "skip")).toEqual([]);
    // The outlet's name is in every masthead and footer.
    expect(await searchUrls(search, "gazette")).toEqual([]);
  });

  it("filters by section, year and author", async () => {
    const filters = await search.filters();
    expect(filters.section).toEqual({ News: 4, Opinion: 2, Editorial: 1, Sport: 1 });
    expect(filters.year).toMatchObject({ "2023": 4, "2022": 1, "2021": 2, "2020": 1 });
    expect(filters.author).toMatchObject({ "Mira Holt": 2, "Tobias Fenn": 2, "Anouk Ferrer": 2, "Lev Okonjo": 2 });
    expect(await searchUrls(search, "harbour", { filters: { section: "Opinion" } })).toEqual(["/2023/12/10/tidal-column/"]);
    expect((await searchUrls(search, null, { filters: { year: "2021" } })).sort()).toEqual(["/2021/02/14/bus-depot/", "/2021/06/20/parking-column/"]);
    expect((await searchUrls(search, null, { filters: { author: "Mira Holt" } })).sort()).toEqual(["/2022/05/01/lighthouse-museum/", HARBOUR]);
  });

  it("sorts by date", async () => {
    const newest = await searchUrls(search, null, { filters: { section: "News" }, sort: { date: "desc" } });
    expect(newest).toEqual([HARBOUR, "/2023/11/02/ferry-timetable/", "/2022/05/01/lighthouse-museum/", "/2021/02/14/bus-depot/"]);
    const oldest = await searchUrls(search, null, { filters: { section: "News" }, sort: { date: "asc" } });
    expect(oldest).toEqual([...newest].reverse());
  });
});

describe("a search index split into shards", () => {
  it("groups calendar periods, newest first, lists every filter value, and searches across merged shards", async () => {
    const shardedRoot = createFixtureArchive({ articles: GAZETTE_ARTICLES, mustRead: GAZETTE_MUST_READ, site: { searchShardSize: 2 } });
    const shardedSite = path.join(makeTempDir("gazette-sharded"), "_site");
    await buildSite({ contentRoot: shardedRoot, outputDir: shardedSite });
    const manifest = readManifest(shardedSite);
    // Calendar periods: a year, or its halves, quarters or months when it holds more than the shard size.
    expect(manifest.shards.map((s) => [s.id, s.label, s.articles])).toEqual([
      ["2023-m12", "December 2023", 2],
      ["2023-m11", "November 2023", 1],
      ["2023-m10", "October 2023", 1],
      ["2022", "2022", 1],
      ["2021", "2021", 2],
      ["2020", "2020", 1],
    ]);
    expect(manifest.filters.section).toEqual({ News: 4, Opinion: 2, Editorial: 1, Sport: 1 });
    expect(manifest.filters.year).toEqual({ "2023": 4, "2022": 1, "2021": 2, "2020": 1 });
    expect(Object.keys(manifest.filters.author ?? {})).toEqual(["Anouk Ferrer", "Lev Okonjo", "Mira Holt", "Tobias Fenn"]);

    const newestOnly = await openSearch(shardedSite, "/", { allShards: false });
    expect(await searchUrls(newestOnly, "penalties")).toEqual([]);
    const whole = await openSearch(shardedSite);
    expect(await searchUrls(whole, "penalties")).toEqual(["/2020/09/12/cup-final/"]);
    expect((await searchUrls(whole, null, { filters: { year: { any: ["2021", "2022"] } } })).sort()).toEqual([
      "/2021/02/14/bus-depot/",
      "/2021/06/20/parking-column/",
      "/2022/05/01/lighthouse-museum/",
    ]);
    // The same articles as one index over everything (merged indexes interleave their results, so compare as sets).
    expect((await searchUrls(whole, "harbour")).sort()).toEqual((await searchUrls(search, "harbour")).sort());
  });
});
