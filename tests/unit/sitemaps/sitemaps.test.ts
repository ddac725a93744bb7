/**
 * Sitemaps of a small fixture archive (loaded by loadArchive), written by
 * writeSitemaps into temporary folders and checked by xmllint against the
 * sitemaps.org schemas. A build that removes the news sitemap:
 * tests/integration/sitemaps.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadArchive, type Archive } from "../../../src/views/archive.ts";
import type { Article } from "../../../src/model/article.ts";
import {
  encodeUrlPath,
  groupByYear,
  listingEntries,
  newestTime,
  newsLanguage,
  selectNewsArticles,
  splitIntoSitemaps,
  writeSitemaps,
  type SitemapOptions,
  type SitemapResult,
} from "../../../src/sitemaps/sitemaps.ts";
import { escapeXml } from "../../../src/model/escape.ts";
import { createFixtureArchive, makeTempDir, type FixtureArticle } from "../../support/fixtureArchive.ts";
import { expectValid, lastmods, locs, sitemapSchemas, xpathText } from "../../support/sitemapSchemas.ts";

const ORIGIN = "https://archive.gullhaven.example";
/** 2024-03-15 17:00 in Asia/Karachi (+05:00), the site's zone. */
const NOW = Date.UTC(2024, 2, 15, 12, 0);
const HOUR = 60 * 60 * 1000;
const TRICKY_TITLE = `Fares & <tolls> > "ceiling", says mayor's office`;

const ARTICLES: FixtureArticle[] = [
  // Three hours before NOW: in the news sitemap. The title needs every XML escape.
  { path: "2024/03/fares.md", frontMatter: `title: '${TRICKY_TITLE.replace(/'/g, "''")}'\ndate: 2024-03-15T09:00:00+05:00\nsection: news` },
  // 26 hours before NOW: in the news sitemap.
  { path: "2024/03/council.md", frontMatter: "title: Council sits late\ndate: 2024-03-14T10:00:00Z\nsection: news" },
  // 49 hours before NOW: too old for Google News.
  { path: "2024/03/tide.md", frontMatter: "title: Spring tide warning\ndate: 2024-03-13T11:00:00Z\nsection: news" },
  // After NOW: in its year's sitemap, not yet in the news sitemap.
  { path: "2024/03/regatta.md", frontMatter: "title: Regatta preview\ndate: 2024-03-16T08:00:00Z\nsection: sport" },
  // 31 December in UTC, 1 January in the site's zone: a 2024 article.
  { path: "2024/01/new-year.md", frontMatter: "title: New year on the quay\ndate: 2023-12-31T21:00:00Z\nsection: news" },
  // Updated later: its lastmod is the update, and it is the newest lastmod of 2023.
  {
    path: "2023/12/harbour.md",
    frontMatter: "title: Harbour board agrees on dredging vote\ndate: 2023-12-08T22:30:00Z\nupdated: 2024-02-01T10:00:00+05:00\nsection: news",
  },
  // A bare day: lastmod is the day, with no invented time.
  { path: "2023/06/market.md", frontMatter: "title: Fish market reopens\ndate: 2023-06-01\nsection: news" },
  { path: "2023/03/column.md", frontMatter: "title: On ferries\ndate: 2023-03-01T08:00:00+05:00\nsection: opinion\nauthor: Rosa Mendes" },
  { path: "2022/05/editorial.md", frontMatter: "title: The harbour we want\ndate: 2022-05-05T08:00:00+05:00\nsection: editorial" },
];

let archive: Archive;
let site: string;
let result: SitemapResult;

function loadFixture(articles: FixtureArticle[] = ARTICLES, siteOverrides: Record<string, unknown> = {}): Archive {
  const root = createFixtureArchive({
    site: { outlet: "Gullhaven & District Gazette", language: "en-GB", ...siteOverrides },
    articles,
  });
  const loaded = loadArchive(root);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.file}: ${d.message}`).join("\n"));
  return loaded.archive;
}

function build(options: Partial<SitemapOptions> = {}, from: Archive = archive): { dir: string; result: SitemapResult } {
  const dir = makeTempDir("sitemaps");
  return { dir, result: writeSitemaps(from, dir, { pathPrefix: "/", nowMillis: NOW, ...options }) };
}

function read(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), "utf8");
}

const schemas = sitemapSchemas();

beforeAll(() => {
  archive = loadFixture();
  ({ dir: site, result } = build());
});

// --- tests --------------------------------------------------------------------

describe("writeSitemaps", () => {
  it("writes the index, a listing sitemap, one sitemap per year, the news sitemap and robots.txt", () => {
    expect(result.files).toEqual([
      "sitemap-pages.xml",
      "sitemap-2024.xml",
      "sitemap-2023.xml",
      "sitemap-2022.xml",
      "sitemap-news.xml",
      "sitemap.xml",
      "robots.txt",
    ]);
    expect(locs(read(site, "sitemap.xml"))).toEqual([
      `${ORIGIN}/sitemap-pages.xml`,
      `${ORIGIN}/sitemap-2024.xml`,
      `${ORIGIN}/sitemap-2023.xml`,
      `${ORIGIN}/sitemap-2022.xml`,
      `${ORIGIN}/sitemap-news.xml`,
    ]);
  });

  it("leaves a published year or listing sitemap whose URLs and dates are unchanged, and writes the others", () => {
    // The same archive but for a 2022 article's update: only 2022's sitemap (and the listings' lastmods) change.
    const changed = loadFixture(
      ARTICLES.map((a) => (a.path === "2022/05/editorial.md" ? { ...a, frontMatter: `${a.frontMatter}\nupdated: 2022-06-01T08:00:00+05:00` } : a)),
    );
    const next = build({ unchanged: { fingerprints: result.fingerprints, publishedDir: site } }, changed);
    expect(Object.keys(result.fingerprints)).toEqual(["sitemap-pages.xml", "sitemap-2024.xml", "sitemap-2023.xml", "sitemap-2022.xml"]);
    expect(next.result.files).toEqual(result.files);
    expect(fs.readdirSync(next.dir).sort()).toEqual(["robots.txt", "sitemap-2022.xml", "sitemap-news.xml", "sitemap-pages.xml", "sitemap.xml"]);
    expect(next.result.kept).toBe(2);
    for (const file of ["sitemap-2024.xml", "sitemap-2023.xml"]) expect(next.result.fingerprints[file]).toBe(result.fingerprints[file]);
    // A fingerprint that matches but a file gone from the published site: written again.
    const gone = makeTempDir("sitemaps-gone");
    expect(build({ unchanged: { fingerprints: result.fingerprints, publishedDir: gone } }).result.kept).toBe(0);
    // Another path prefix or key: every one written.
    expect(build({ unchanged: { fingerprints: result.fingerprints, publishedDir: site }, pathPrefix: "/archive/" }).result.kept).toBe(0);
    expect(build({ unchanged: { fingerprints: result.fingerprints, publishedDir: site }, key: "other code" }).result.kept).toBe(0);
  });

  it("writes files that are valid against the sitemaps.org schemas", () => {
    expectValid(path.join(site, "sitemap.xml"), schemas.index);
    for (const file of result.files.filter((f) => f.startsWith("sitemap-") && f !== "sitemap-news.xml")) {
      expectValid(path.join(site, file), schemas.urlset);
    }
    expectValid(path.join(site, "sitemap-news.xml"), schemas.news);
  });

  it("lists every article once, in the sitemap of its year in the site's zone, oldest first", () => {
    const year = (y: string): string[] => locs(read(site, `sitemap-${y}.xml`)).map((u) => u.slice(ORIGIN.length));
    expect(year("2024")).toEqual([
      "/2024/01/01/new-year/",
      "/2024/03/13/tide/",
      "/2024/03/14/council/",
      "/2024/03/15/fares/",
      "/2024/03/16/regatta/",
    ]);
    expect(year("2023")).toEqual(["/2023/03/01/column/", "/2023/06/01/market/", "/2023/12/09/harbour/"]);
    expect(year("2022")).toEqual(["/2022/05/05/editorial/"]);
    const listed = ["2024", "2023", "2022"].flatMap(year);
    expect(listed.sort()).toEqual(archive.articles.map((a) => a.url).sort());
    const listingCount = locs(read(site, "sitemap-pages.xml")).length;
    expect(result.urls).toBe(archive.articles.length + listingCount);
  });

  it("gives each article its update, else its publication, as lastmod in the site's offset", () => {
    const of2023 = lastmods(read(site, "sitemap-2023.xml"));
    expect(of2023.get(`${ORIGIN}/2023/12/09/harbour/`)).toBe("2024-02-01T10:00:00+05:00");
    expect(of2023.get(`${ORIGIN}/2023/06/01/market/`)).toBe("2023-06-01");
    expect(of2023.get(`${ORIGIN}/2023/03/01/column/`)).toBe("2023-03-01T08:00:00+05:00");
    const of2024 = lastmods(read(site, "sitemap-2024.xml"));
    expect(of2024.get(`${ORIGIN}/2024/01/01/new-year/`)).toBe("2024-01-01T02:00:00+05:00");
    expect(of2024.get(`${ORIGIN}/2024/03/14/council/`)).toBe("2024-03-14T15:00:00+05:00");
  });

  it("gives each sitemap in the index the newest lastmod of its URLs", () => {
    const index = lastmods(read(site, "sitemap.xml"));
    expect(index.get(`${ORIGIN}/sitemap-2024.xml`)).toBe("2024-03-16T13:00:00+05:00");
    // The 2023 harbour article was updated in 2024: the newest change in the 2023 file.
    expect(index.get(`${ORIGIN}/sitemap-2023.xml`)).toBe("2024-02-01T10:00:00+05:00");
    expect(index.get(`${ORIGIN}/sitemap-2022.xml`)).toBe("2022-05-05T08:00:00+05:00");
    expect(index.get(`${ORIGIN}/sitemap-pages.xml`)).toBe("2024-03-16T13:00:00+05:00");
    // The news sitemap follows the clock; the index does not.
    expect(index.get(`${ORIGIN}/sitemap-news.xml`)).toBe("");
  });

  it("dates listing pages by the newest article they list", () => {
    const pages = lastmods(read(site, "sitemap-pages.xml"));
    expect([...pages.keys()].map((u) => u.slice(ORIGIN.length))).toEqual([
      "/",
      "/news/",
      "/news/page/2/",
      "/news/page/1/",
      "/opinion/",
      "/editorial/",
      "/sport/",
    ]);
    expect(pages.get(`${ORIGIN}/`)).toBe("2024-03-16T13:00:00+05:00");
    expect(pages.get(`${ORIGIN}/news/`)).toBe("2024-03-15T09:00:00+05:00");
    expect(pages.get(`${ORIGIN}/news/page/2/`)).toBe("2024-03-13T16:00:00+05:00");
    // Page 1, the oldest, lists the market (2023-06-01) and the harbour article, updated 2024-02-01.
    expect(pages.get(`${ORIGIN}/news/page/1/`)).toBe("2024-02-01T10:00:00+05:00");
    expect(pages.get(`${ORIGIN}/opinion/`)).toBe("2023-03-01T08:00:00+05:00");
  });

  it("never writes the build time: two runs at different times differ only in news.xml", () => {
    // One day later: the news sitemap still lists the fares article, and no longer the council one.
    const later = build({ nowMillis: NOW + 24 * HOUR });
    expect(later.result.files).toEqual(result.files);
    for (const file of result.files) {
      if (file === "sitemap-news.xml") expect(read(later.dir, file)).not.toBe(read(site, file));
      else expect(read(later.dir, file), file).toBe(read(site, file));
    }
  });

  it("names the index in robots.txt with its absolute URL", () => {
    expect(read(site, "robots.txt")).toBe(`User-agent: *\nDisallow:\n\nSitemap: ${ORIGIN}/sitemap.xml\n`);
  });

  it("adds extra listing URLs, once each, and refuses URLs that are not site paths", () => {
    const tagTime = archive.articles[0]?.published;
    const { dir } = build({
      listingUrls: [{ url: "/tags/harbour/", lastmod: tagTime }, { url: "/authors/rosa-mendes/" }, { url: "/news/" }],
    });
    const pages = lastmods(read(dir, "sitemap-pages.xml"));
    expect([...pages.keys()].slice(-2)).toEqual([`${ORIGIN}/tags/harbour/`, `${ORIGIN}/authors/rosa-mendes/`]);
    expect(pages.get(`${ORIGIN}/tags/harbour/`)).toBe(tagTime?.iso);
    expect(pages.get(`${ORIGIN}/authors/rosa-mendes/`)).toBe("");
    expect(pages.size).toBe(9);
    expectValid(path.join(dir, "sitemap-pages.xml"), schemas.urlset);
    expect(() => listingEntries(archive, [{ url: "https://elsewhere.example/x/" }])).toThrow(/site-relative path/);
  });

  it("puts the path prefix in every URL, robots.txt included", () => {
    const { dir, result: prefixed } = build({ pathPrefix: "/some-prefix/" });
    const base = `${ORIGIN}/some-prefix/`;
    for (const file of prefixed.files.filter((f) => f.endsWith(".xml"))) {
      const urls = locs(read(dir, file));
      expect(urls.length, file).toBeGreaterThan(0);
      for (const url of urls) expect(url, file).toMatch(new RegExp(`^${base.replace(/[./]/g, "\\$&")}(?!/)`));
    }
    expect(locs(read(dir, "sitemap.xml"))[0]).toBe(`${base}sitemap-pages.xml`);
    expect(locs(read(dir, "sitemap-pages.xml"))[0]).toBe(base);
    expect(locs(read(dir, "sitemap-2022.xml"))).toEqual([`${base}2022/05/05/editorial/`]);
    expect(read(dir, "robots.txt")).toContain(`\nSitemap: ${base}sitemap.xml\n`);
  });
});

describe("splitting at the URL limit", () => {
  it("cuts a list into files of at most the limit, the first without a number", () => {
    const chunks = splitIntoSitemaps("2023", ["a", "b", "c", "d", "e"], 2);
    expect(chunks).toEqual([
      { path: "/sitemap-2023.xml", entries: ["a", "b"] },
      { path: "/sitemap-2023-2.xml", entries: ["c", "d"] },
      { path: "/sitemap-2023-3.xml", entries: ["e"] },
    ]);
    expect(splitIntoSitemaps("2023", ["a", "b"], 2)).toEqual([{ path: "/sitemap-2023.xml", entries: ["a", "b"] }]);
    expect(splitIntoSitemaps("2023", [], 2)).toEqual([]);
    expect(() => splitIntoSitemaps("2023", ["a"], 0)).toThrow(RangeError);
  });

  it("splits a large year into numbered sitemaps, all listed in the index and valid", () => {
    const { dir, result: split } = build({ urlsPerSitemap: 2 });
    expect(split.files.filter((f) => /^sitemap-2024/.test(f))).toEqual(["sitemap-2024.xml", "sitemap-2024-2.xml", "sitemap-2024-3.xml"]);
    expect(split.files).toContain("sitemap-2023-2.xml");
    expect(split.files).toContain("sitemap-pages-4.xml");
    expect(split.urls).toBe(result.urls);
    const index = lastmods(read(dir, "sitemap.xml"));
    // Oldest first: a growing year changes only its last file.
    expect(locs(read(dir, "sitemap-2024.xml"))).toEqual([`${ORIGIN}/2024/01/01/new-year/`, `${ORIGIN}/2024/03/13/tide/`]);
    expect(index.get(`${ORIGIN}/sitemap-2024.xml`)).toBe("2024-03-13T16:00:00+05:00");
    expect(index.get(`${ORIGIN}/sitemap-2024-3.xml`)).toBe("2024-03-16T13:00:00+05:00");
    for (const file of split.files.filter((f) => f.startsWith("sitemap-") && f !== "sitemap-news.xml")) {
      expect(index.has(`${ORIGIN}/${file}`), file).toBe(true);
      expect(locs(read(dir, file)).length, file).toBeLessThanOrEqual(2);
      expectValid(path.join(dir, file), schemas.urlset);
    }
    expectValid(path.join(dir, "sitemap.xml"), schemas.index);
  });
});

describe("the Google News sitemap", () => {
  it("lists the articles of the last two days before now, newest first, with publication, date and title", () => {
    const news = read(site, "sitemap-news.xml");
    expect(news).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
    expect(locs(news)).toEqual([`${ORIGIN}/2024/03/15/fares/`, `${ORIGIN}/2024/03/14/council/`]);
    expect(news).toContain(
      `<url><loc>${ORIGIN}/2024/03/14/council/</loc><news:news><news:publication><news:name>Gullhaven &amp; District Gazette</news:name>` +
        "<news:language>en</news:language></news:publication><news:publication_date>2024-03-14T15:00:00+05:00</news:publication_date>" +
        "<news:title>Council sits late</news:title></news:news></url>",
    );
  });

  it("escapes & < > \" ' so a parser reads the title back exactly", () => {
    const news = read(site, "sitemap-news.xml");
    expect(news).toContain("<news:title>Fares &amp; &lt;tolls&gt; &gt; &quot;ceiling&quot;, says mayor&apos;s office</news:title>");
    expect(xpathText(path.join(site, "sitemap-news.xml"), "title")).toBe(TRICKY_TITLE);
  });

  it("selects by time: the window's edges, articles not yet published, and the limit", () => {
    const articles = archive.articles;
    const urls = (list: Article[]): string[] => list.map((a) => a.url);
    expect(urls(selectNewsArticles(articles, NOW))).toEqual(["/2024/03/15/fares/", "/2024/03/14/council/"]);
    // Exactly 48 hours after the tide article's publication: still inside.
    const tide = articles.find((a) => a.slug === "tide") as Article;
    expect(urls(selectNewsArticles(articles, tide.published.millis + 48 * HOUR))).toContain("/2024/03/13/tide/");
    expect(urls(selectNewsArticles(articles, tide.published.millis + 48 * HOUR + 1))).not.toContain("/2024/03/13/tide/");
    expect(urls(selectNewsArticles(articles, NOW, 1))).toEqual(["/2024/03/15/fares/"]);
    const { dir } = build({ newsLimit: 1 });
    expect(locs(read(dir, "sitemap-news.xml"))).toEqual([`${ORIGIN}/2024/03/15/fares/`]);
  });

  it("is left out, of the site and of the index, when nothing is recent: an empty <urlset> is invalid", () => {
    const { dir, result: quiet } = build({ nowMillis: Date.UTC(2030, 0, 1) });
    expect(fs.existsSync(path.join(dir, "sitemap-news.xml"))).toBe(false);
    expect(quiet.files).toEqual(result.files.filter((f) => f !== "sitemap-news.xml"));
    expect(locs(read(dir, "sitemap.xml"))).not.toContain(`${ORIGIN}/sitemap-news.xml`);
    expectValid(path.join(dir, "sitemap.xml"), schemas.index);
    for (const file of quiet.files.filter((f) => f.startsWith("sitemap-"))) expectValid(path.join(dir, file), schemas.urlset);
  });

  it("is left out of an archive with no article at all, whose every sitemap stays valid", () => {
    const empty = loadFixture([]);
    const { dir, result: none } = build({}, empty);
    expect(none.files).toEqual(["sitemap-pages.xml", "sitemap.xml", "robots.txt"]);
    expectValid(path.join(dir, "sitemap.xml"), schemas.index);
    expectValid(path.join(dir, "sitemap-pages.xml"), schemas.urlset);
  });

  it("names the language by its ISO 639 code, with Google's exception for Chinese", () => {
    expect(newsLanguage("en-GB")).toBe("en");
    expect(newsLanguage("ur")).toBe("ur");
    expect(newsLanguage("zh-Hans-CN")).toBe("zh-cn");
    expect(newsLanguage("zh-TW")).toBe("zh-tw");
    expect(newsLanguage("zh-Hant")).toBe("zh-tw");
  });
});

describe("helpers", () => {
  it("escapes the five XML characters and drops characters XML cannot carry", () => {
    expect(escapeXml(`a & b < c > d "e" 'f'`)).toBe("a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;");
    expect(escapeXml("bell\u0007 tab\t nul\u0000 emoji 🚢 lone\uD800")).toBe("bell tab\t nul emoji 🚢 lone");
  });

  it("percent-encodes what a URL cannot hold and keeps what is already encoded", () => {
    expect(encodeUrlPath("https://x.example/tags/café au lait/")).toBe("https://x.example/tags/caf%C3%A9%20au%20lait/");
    expect(encodeUrlPath("https://x.example/tags/caf%C3%A9/")).toBe("https://x.example/tags/caf%C3%A9/");
  });

  it("groups by year newest first and keeps each year oldest first", () => {
    const groups = groupByYear(archive.articles);
    expect([...groups.keys()]).toEqual(["2024", "2023", "2022"]);
    expect(groups.get("2023")?.map((a) => a.slug)).toEqual(["column", "market", "harbour"]);
  });

  it("takes the newest of some times, skipping missing ones", () => {
    const [a, b] = archive.articles;
    expect(newestTime([undefined, b?.published, a?.published, undefined])).toBe(a?.published);
    expect(newestTime([])).toBeUndefined();
  });
});
