/**
 * Browsing the archive: date archives, authors and tags, related reading and
 * section neighbours, Atom feeds (read by a real feed parser), sitemaps
 * (checked against the sitemaps.org schema with xmllint), and page metadata.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { createGazetteArchive } from "../support/gazetteFixture.ts";
import { makeTempDir } from "../support/fixtureArchive.ts";
import { listFiles, loadPage } from "../support/html.ts";

const ORIGIN = "https://archive.gullhaven.example";
const HARBOUR = "/2023/12/09/harbour-vote/";
let site: string;

beforeAll(async () => {
  site = path.join(makeTempDir("browse"), "_site");
  await buildSite({ contentRoot: createGazetteArchive(), outputDir: site });
});

const texts = ($: ReturnType<typeof loadPage>, selector: string) => $(selector).map((_, el) => $(el).text().replace(/\s+/g, " ").trim()).get();
const hrefs = ($: ReturnType<typeof loadPage>, selector: string) => $(selector).map((_, el) => $(el).attr("href")).get();

describe("date archives", () => {
  it("/archive/ lists every year with its count, newest first", () => {
    const $ = loadPage(site, "/archive/");
    expect(texts($, ".year-list li")).toEqual(["2023 · 4 articles", "2022 · 1 article", "2021 · 2 articles", "2020 · 1 article"].map((t) => t.replace(" · ", " ")));
    expect(hrefs($, ".year-list a")).toEqual(["/2023/", "/2022/", "/2021/", "/2020/"]);
  });

  it("/{yyyy}/ shows months with counts and a bar chart drawn without JavaScript", () => {
    const $ = loadPage(site, "/2023/");
    expect($("h1").text()).toBe("2023");
    expect($(".month-chart svg rect.bar").length).toBe(12);
    expect($(".month-chart svg rect.bar title").map((_, el) => $(el).text()).get().filter((t) => !t.endsWith(": 0"))).toEqual([
      "October: 1",
      "November: 1",
      "December: 2",
    ]);
    expect(hrefs($, ".month-list a")).toEqual(["/2023/10/", "/2023/11/", "/2023/12/"]);
    expect($("script").length).toBe(0);
  });

  it("/{yyyy}/{MM}/ is a calendar from Monday, each day with articles linking to its page", () => {
    const $ = loadPage(site, "/2023/12/");
    expect($(".calendar thead th").map((_, el) => $(el).text()).get()).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    // 1 December 2023 was a Friday: four empty cells first.
    const firstWeek = $(".calendar tbody tr").first().find("td");
    expect(firstWeek.slice(0, 4).map((_, el) => $(el).text()).get()).toEqual(["", "", "", ""]);
    expect(firstWeek.eq(4).text().trim()).toBe("1");
    expect(hrefs($, ".calendar a")).toEqual(["/2023/12/09/", "/2023/12/10/"]);
    expect($('.calendar a[href="/2023/12/09/"]').attr("aria-label")).toBe("Saturday 9 December 2023: 1 article");
  });

  it("/{yyyy}/{MM}/{dd}/ is that day's edition, by section, in the site's zone, with the neighbouring days", () => {
    // harbour-vote is dated 2023-12-08T22:30:00Z: 9 December in Karachi, as its URL says.
    const $ = loadPage(site, "/2023/12/09/");
    expect($("h1").text()).toBe("Saturday 9 December 2023");
    expect(texts($, ".day-section h2")).toEqual(["News"]);
    expect(hrefs($, ".day-section .entry-title a")).toEqual([HARBOUR]);
    expect(hrefs($, '.pagination a[rel="prev"]')).toEqual(["/2023/11/02/"]);
    expect(hrefs($, '.pagination a[rel="next"]')).toEqual(["/2023/12/10/"]);
    expect(fs.existsSync(path.join(site, "2023/12/08/index.html"))).toBe(false);
    // An article's date leads to its day; the navigation to the archive.
    expect(hrefs(loadPage(site, HARBOUR), ".article-dates a.day-link")).toEqual(["/2023/12/09/"]);
    expect(hrefs(loadPage(site, "/"), ".section-nav a").at(-1)).toBe("/archive/");
  });
});

describe("authors and tags", () => {
  it("/authors/ lists every author A to Z with a count; an author's page lists their articles newest first", () => {
    const $ = loadPage(site, "/authors/");
    expect(texts($, ".name-list li")).toEqual(["Anouk Ferrer 2", "Lev Okonjo 2", "Mira Holt 2", "Tobias Fenn 2"]);
    const mira = loadPage(site, "/authors/mira-holt/");
    expect(mira("h1").text()).toBe("Mira Holt");
    expect(hrefs(mira, ".entries .entry-title a")).toEqual([HARBOUR, "/2022/05/01/lighthouse-museum/"]);
  });

  it("bylines and tags on articles link to those pages", () => {
    const $ = loadPage(site, HARBOUR);
    expect(hrefs($, ".article-header .byline a")).toEqual(["/authors/mira-holt/", "/authors/tobias-fenn/"]);
    expect($(".article-header .byline").text()).toBe("By Mira Holt and Tobias Fenn");
    expect(hrefs($, ".tags a")).toEqual(["/tags/harbour/", "/tags/council/"]);
    const tag = loadPage(site, "/tags/harbour/");
    expect(hrefs(tag, ".entries .entry-title a")).toEqual(["/2023/12/10/tidal-column/", HARBOUR]);
    expect(texts(loadPage(site, "/tags/"), ".name-list li")).toEqual(["council 1", "harbour 2"]);
  });
});

describe("related reading and section neighbours", () => {
  it("lists only earlier articles, those sharing tags first", () => {
    const tidal = loadPage(site, "/2023/12/10/tidal-column/");
    expect(hrefs(tidal, ".related a")[0]).toBe(HARBOUR);
    // The oldest article has nothing earlier to relate to.
    expect(loadPage(site, "/2020/09/12/cup-final/")(".related").length).toBe(0);
    for (const page of ["/2021/02/14/bus-depot/", HARBOUR, "/2022/05/01/lighthouse-museum/"]) {
      const $ = loadPage(site, page);
      const own = $("article .article-dates time").first().attr("datetime") ?? "";
      for (const time of $(".related time").map((_, el) => $(el).attr("datetime")).get()) expect(Date.parse(time)).toBeLessThan(Date.parse(own));
    }
  });

  it("links the previous and next article of the same section", () => {
    const $ = loadPage(site, "/2023/11/02/ferry-timetable/");
    expect(hrefs($, '.section-neighbours a[rel="prev"]')).toEqual(["/2022/05/01/lighthouse-museum/"]);
    expect(hrefs($, '.section-neighbours a[rel="next"]')).toEqual([HARBOUR]);
  });

  it("ends with a citation a researcher can copy", () => {
    expect(loadPage(site, HARBOUR)(".citation").text()).toBe(
      `Mira Holt and Tobias Fenn, “Council & harbour board agree on "final" dredging vote”, The Gullhaven Gazette, December 9th, 2023. ${ORIGIN}${HARBOUR}`,
    );
  });
});

describe("Atom feeds", () => {
  it("the site feed and each section's feed parse, newest first, with full dates, authors and summaries", () => {
    const feed = parseFeed(fs.readFileSync(path.join(site, "feed.xml"), "utf8"));
    expect(feed.meta.type).toBe("atom");
    expect(feed.title).toBe("The Gullhaven Gazette");
    expect(feed.items.length).toBe(8);
    const first = feed.items[0];
    expect(first?.url).toBe(`${ORIGIN}/2023/12/10/tidal-column/`);
    expect(first?.authors.map((a) => a.name)).toEqual(["Anouk Ferrer"]);
    expect(first?.description).toBe("A zephyrine argument for printing the tide tables again.");
    expect(first?.published?.toISOString()).toBe("2023-12-10T13:00:00.000Z");
    const raw = fs.readFileSync(path.join(site, "feed.xml"), "utf8");
    expect(raw).toContain("<published>2023-12-10T18:00:00+05:00</published>");
    // A bare-day date becomes that midnight in the site's zone; the feed's `updated` is its newest entry's.
    expect(raw).toContain("<published>2023-11-02T00:00:00+05:00</published>");
    expect(raw).toContain("<updated>2024-03-16T10:00:00+05:00</updated>");
    const editorial = parseFeed(fs.readFileSync(path.join(site, "editorial/feed.xml"), "utf8"));
    expect(editorial.items.map((i) => i.title)).toEqual(["The budget needs a harbour line"]);
    expect(editorial.items[0]?.authors.map((a) => a.name)).toEqual(["The Gullhaven Gazette"]);
  });

  it("pages link to the site feed, and section and article pages to their section's feed", () => {
    expect(hrefs(loadPage(site, "/"), 'link[rel="alternate"][type="application/atom+xml"]')).toEqual(["/feed.xml"]);
    expect(hrefs(loadPage(site, "/news/"), 'link[rel="alternate"][type="application/atom+xml"]')).toEqual(["/feed.xml", "/news/feed.xml"]);
    expect(hrefs(loadPage(site, HARBOUR), 'link[rel="alternate"][type="application/atom+xml"]')).toEqual(["/feed.xml", "/news/feed.xml"]);
  });
});

describe("sitemaps", () => {
  it("an index of per-year sitemaps valid against the sitemaps.org schema, lastmod from the articles, and robots.txt", () => {
    const schema = path.join(PROJECT_ROOT, "node_modules/sitemap/schema/sitemap.xsd");
    const urlsets = listFiles(site).filter((f) => /^sitemap-.*\.xml$/.test(f) && f !== "sitemap-news.xml");
    expect(urlsets).toEqual(["sitemap-2020.xml", "sitemap-2021.xml", "sitemap-2022.xml", "sitemap-2023.xml", "sitemap-pages.xml"]);
    for (const file of urlsets) {
      const check = spawnSync("xmllint", ["--noout", "--schema", schema, path.join(site, file)], { encoding: "utf8" });
      expect(check.status, `${file}: ${check.stderr}`).toBe(0);
    }
    const year2023 = fs.readFileSync(path.join(site, "sitemap-2023.xml"), "utf8");
    expect(year2023).toContain(`<loc>${ORIGIN}${HARBOUR}</loc><lastmod>2024-03-16T10:00:00+05:00</lastmod>`);
    const pages = fs.readFileSync(path.join(site, "sitemap-pages.xml"), "utf8");
    for (const page of ["/archive/", "/2023/12/09/", "/authors/mira-holt/", "/tags/harbour/", "/news/page/1/"]) expect(pages).toContain(`<loc>${ORIGIN}${page}</loc>`);
    // A numbered URL the front page covers sends readers there: not a page of its own for search engines.
    expect(pages).not.toContain(`<loc>${ORIGIN}/news/page/2/</loc>`);
    expect(fs.readFileSync(path.join(site, "sitemap.xml"), "utf8")).toContain(`<loc>${ORIGIN}/sitemap-2023.xml</loc>`);
    expect(fs.readFileSync(path.join(site, "robots.txt"), "utf8")).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
  });
});

describe("metadata", () => {
  it("every page type is canonical to itself, with Open Graph and Twitter card tags", () => {
    for (const page of ["/", HARBOUR, "/news/", "/news/page/1/", "/archive/", "/2023/", "/2023/12/", "/2023/12/09/", "/authors/", "/authors/mira-holt/", "/tags/", "/tags/harbour/", "/corrections/", "/search/"]) {
      const $ = loadPage(site, page);
      expect($('link[rel="canonical"]').attr("href"), page).toBe(`${ORIGIN}${page}`);
      expect($('meta[property="og:url"]').attr("content"), page).toBe(`${ORIGIN}${page}`);
      expect($('meta[property="og:title"]').attr("content"), page).toBeTruthy();
      expect($('meta[name="twitter:card"]').attr("content"), page).toBe("summary");
    }
    const article = loadPage(site, HARBOUR);
    expect(article('meta[property="og:type"]').attr("content")).toBe("article");
    expect(article('meta[property="og:title"]').attr("content")).toBe('Council & harbour board agree on "final" dredging vote');
  });

  it("the home page has WebSite JSON-LD with a SearchAction, articles a BreadcrumbList", () => {
    const home = loadPage(site, "/");
    const webSite = JSON.parse(home('script[type="application/ld+json"]').first().text()) as { "@type": string; potentialAction: { target: { urlTemplate: string } } };
    expect(webSite["@type"]).toBe("WebSite");
    expect(webSite.potentialAction.target.urlTemplate).toBe(`${ORIGIN}/search/?q={search_term_string}`);
    const scripts = loadPage(site, HARBOUR)('script[type="application/ld+json"]');
    const breadcrumbs = JSON.parse(scripts.eq(1).text()) as { "@type": string; itemListElement: Array<{ name: string; item: string }> };
    expect(breadcrumbs["@type"]).toBe("BreadcrumbList");
    expect(breadcrumbs.itemListElement.map((i) => i.item)).toEqual([`${ORIGIN}/`, `${ORIGIN}/news/`, `${ORIGIN}${HARBOUR}`]);
  });
});
