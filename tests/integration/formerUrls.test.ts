/**
 * Former URLs (`redirect_from`) and path lengths, checked by loading small
 * archives from disk, without building: a former URL is refused when it would
 * land on (or under, or over) any file the site writes, letter case ignored,
 * and names too long for a file system are refused on their line. Scheduled
 * articles count as published. (checkRedirectPath alone: tests/unit/content/parseArticle.test.ts;
 * the site's files alone: tests/unit/views/sitePaths.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../src/views/archive.ts";
import { formatDiagnostic } from "../../src/model/diagnostics.ts";
import { createFixtureArchive, DEFAULT_SECTIONS, writeArticle } from "../support/fixtureArchive.ts";
import { createGazetteArchive, GAZETTE_ARTICLES, GAZETTE_MUST_READ } from "../support/gazetteFixture.ts";

/** Errors and warnings of a loaded archive, as `check` prints them. */
function report(root: string): string[] {
  const result = loadArchive(root, { now: Date.UTC(2024, 5, 1) });
  return (result.ok ? result.archive.diagnostics : result.diagnostics).map(formatDiagnostic);
}

function withRedirects(froms: string[]): string {
  const root = createGazetteArchive();
  writeArticle(root, {
    path: "2023/11/ferry-timetable.md",
    frontMatter: ["title: Ferry timetable changes for winter", "date: 2023-11-02", "section: news", "redirect_from:", ...froms.map((f) => `  - ${JSON.stringify(f)}`)].join("\n"),
    body: "The island ferry will run four times a day from November.\n",
  });
  return root;
}

describe("a former URL may not take over a file the site writes", () => {
  const taken = [
    "/news/index.html",
    "/sitemap.xml",
    "/robots.txt",
    "/archive/",
    "/2023/",
    "/2023/12/",
    "/2023/12/09/",
    "/tags/harbour/",
    "/tags/",
    "/authors/mira-holt/",
    "/feed.xml",
    "/news/feed.xml",
    "/404.html",
    "/latest.json",
    "/_redirects",
    "/_redirects.nginx.conf",
    "/News/",
    "/SEARCH",
    "/sitemap-2023.xml",
    "/sitemap-news.xml",
    "/sitemap-pages.xml",
    "/feed.xml/old",
    "/pagefind/shards.json",
    "/assets/site.css",
    "/corrections/",
    "/2023/12/09/Harbour-Vote/index.html",
  ];

  it.each(taken)("refuses %s as file:line: redirect_from: ...", (from) => {
    const lines = report(withRedirects([from])).filter((l) => l.includes("redirect_from"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^articles\/2023\/11\/ferry-timetable\.md:5: redirect_from: /);
  });

  it("names the page it would replace, and says why when only letter case differs", () => {
    const lines = report(withRedirects(["/news/index.html", "/News/", "/feed.xml/old"])).filter((l) => l.includes("redirect_from"));
    expect(lines).toEqual([
      "articles/2023/11/ferry-timetable.md:5: redirect_from: /news/index.html is the page /news/ of this site; a redirect would replace it",
      "articles/2023/11/ferry-timetable.md:5: redirect_from: /News/ is the page /news/ of this site (letter case does not count on many disks); a redirect would replace it",
      "articles/2023/11/ferry-timetable.md:5: redirect_from: /feed.xml/old would need a folder where the site writes the file /feed.xml",
    ]);
  });

  it("accepts former URLs that are no page of the site, old date-style paths included", () => {
    const root = withRedirects(["/news/1796094", "/2019/02/harbour-authority-proposes-deepening-the-main-channel-1796094.html", "/caf%C3%A9/"]);
    const result = loadArchive(root, { now: Date.UTC(2024, 5, 1) });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.archive.redirects.map((r) => r.from)).toEqual([
        "/2019/02/harbour-authority-proposes-deepening-the-main-channel-1796094.html",
        "/café/",
        "/news/1796094",
      ]);
    }
  });

  it("refuses two former URLs that are one file, across articles and within one", () => {
    const root = withRedirects(["/old/Story", "/news/1", "/news/1/", "/old/page.html"]);
    writeArticle(root, {
      path: "2021/02/bus-depot.md",
      frontMatter: "title: Bus depot moves to the ring road\ndate: 2021-02-14T09:15:00+05:00\nsection: news\nredirect_from: [/old/story, /old/page.html/2]",
      body: "The municipal bus depot will move.\n",
    });
    expect(report(root).filter((l) => l.includes("redirect_from"))).toEqual([
      "articles/2021/02/bus-depot.md:5: redirect_from: /old/story is already redirected to /2023/11/02/ferry-timetable/ by articles/2023/11/ferry-timetable.md as /old/Story (an old URL can lead to one article only)",
      "articles/2021/02/bus-depot.md:5: redirect_from: /old/page.html/2 would need a folder where articles/2023/11/ferry-timetable.md redirects the file /old/page.html",
      "articles/2023/11/ferry-timetable.md:5: redirect_from: /news/1/ is listed twice (as /news/1)",
    ]);
  });
});

describe("former URLs with a query string (WordPress's /?p=1234)", () => {
  it("are accepted at the home page's path and beside pages, and only refused when claimed twice", () => {
    const root = withRedirects(["/?p=1234", "/index.php?p=1234", "/news/?p=9", "/sitemap.xml?x=1"]);
    writeArticle(root, {
      path: "2021/02/bus-depot.md",
      frontMatter: "title: Bus depot moves to the ring road\ndate: 2021-02-14T09:15:00+05:00\nsection: news\nredirect_from: [/INDEX.php?p=1234, /?p=1235]",
      body: "The municipal bus depot will move.\n",
    });
    expect(report(root).filter((l) => l.includes("redirect_from"))).toEqual([
      "articles/2021/02/bus-depot.md:5: redirect_from: /INDEX.php?p=1234 is already redirected to /2023/11/02/ferry-timetable/ by articles/2023/11/ferry-timetable.md as /index.php?p=1234 (an old URL can lead to one article only)",
    ]);
    const result = loadArchive(withRedirects(["/?p=1234", "/index.php?p=1234"]), { now: Date.UTC(2024, 5, 1) });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.archive.redirects.map((r) => r.from)).toEqual(["/?p=1234", "/index.php?p=1234"]);
      expect(result.archive.listings.redirect).toEqual([]); // no page: a static file cannot answer a query
    }
  });
});

describe("lengths a file system cannot store", () => {
  it("refuses a slug over 255 bytes, on its line", () => {
    const root = createFixtureArchive({
      articles: [{ path: "2023/12/long.md", frontMatter: `title: Long\ndate: 2023-12-08\nsection: news\nslug: ${"a".repeat(256)}` }],
    });
    expect(report(root)).toEqual([expect.stringMatching(/^articles\/2023\/12\/long\.md:5: slug: is 256 bytes long/)]);
  });

  it("refuses a tag or an author whose page would need a folder name over the limit", () => {
    const root = createFixtureArchive({
      articles: [
        {
          path: "2023/12/tagged.md",
          frontMatter: `title: Tagged\ndate: 2023-12-08\nsection: news\nauthor: ${"Mira ".repeat(60)}Holt\ntags: [harbour, ${"harbour ".repeat(38)}dredging]`,
        },
      ],
    });
    const lines = report(root);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^articles\/2023\/12\/tagged\.md:5: author: is too long: its page \/authors\/mira-mira-.*/);
    expect(lines[1]).toMatch(/^articles\/2023\/12\/tagged\.md:6: tags\.1: /);
  });

  it("refuses a section slug over the limit", () => {
    const root = createFixtureArchive({ sections: [...DEFAULT_SECTIONS, { slug: "s".repeat(256), name: "Long" }], articles: [] });
    expect(report(root)).toEqual([expect.stringMatching(/^_data\/sections\.json: 4\.slug: is 256 bytes long/)]);
  });
});

describe("scheduled articles are checked as if published", () => {
  const LATER = "2099-01-01T09:00:00+05:00";

  it("reports two scheduled articles at one URL as an error, still holding both back", () => {
    const root = createFixtureArchive({ articles: GAZETTE_ARTICLES, mustRead: GAZETTE_MUST_READ });
    writeArticle(root, { path: "2099/01/a.md", frontMatter: `title: A\ndate: ${LATER}\nsection: news\nslug: launch` });
    writeArticle(root, { path: "2099/01/b.md", frontMatter: `title: B\ndate: ${LATER}\nsection: news\nslug: launch` });
    const lines = report(root);
    expect(lines).toContain("articles/2099/01/b.md: slug: URL /2099/01/01/launch/ is already used by articles/2099/01/a.md (change the slug or the date of one of them)");
    expect(lines.filter((l) => l.includes("held back"))).toHaveLength(2);
  });

  it("reports a scheduled article's former URL that is a page, or another article's", () => {
    const root = withRedirects(["/news/1796094"]);
    writeArticle(root, { path: "2099/01/a.md", frontMatter: `title: A\ndate: ${LATER}\nsection: news\nredirect_from: [/news/, /news/1796094]` });
    expect(report(root).filter((l) => l.includes("redirect_from"))).toEqual([
      "articles/2099/01/a.md:5: redirect_from: /news/ is the page /news/ of this site; a redirect would replace it",
      "articles/2099/01/a.md:5: redirect_from: /news/1796094 is already redirected to /2023/11/02/ferry-timetable/ by articles/2023/11/ferry-timetable.md (an old URL can lead to one article only)",
    ]);
  });

  it("reports a former URL that a scheduled article's pages will take", () => {
    const root = withRedirects(["/2099/", "/2099/01/01/a/"]);
    writeArticle(root, { path: "2099/01/a.md", frontMatter: `title: A\ndate: ${LATER}\nsection: news` });
    expect(report(root).filter((l) => l.includes("redirect_from"))).toEqual([
      "articles/2023/11/ferry-timetable.md:5: redirect_from: /2099/ will be the page /2099/ of this site once the scheduled articles are published; a redirect would replace it",
      "articles/2023/11/ferry-timetable.md:5: redirect_from: /2099/01/01/a/ will be the page /2099/01/01/a/ of this site once the scheduled articles are published; a redirect would replace it",
    ]);
  });
});
