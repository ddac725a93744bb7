/** Checks across articles, on in-memory articles: one URL each, former URLs, links to unpublished articles, Must Read. */
import { describe, expect, it } from "vitest";
import { collectRedirects, reportBrokenLinks, reportDuplicateUrls, resolveMustRead } from "../../../src/views/crossChecks.ts";
import { SiteFiles } from "../../../src/views/sitePaths.ts";
import type { Diagnostic } from "../../../src/model/diagnostics.ts";
import type { CachedSource } from "../../../src/content/loadSources.ts";
import type { BodyLink } from "../../../src/content/links.ts";
import type { Article } from "../../../src/model/article.ts";
import { makeArticle, makeArticles } from "../../support/articleFactory.ts";

const ORIGIN = "https://archive.gullhaven.example";

function collect(run: (diagnostics: Diagnostic[]) => unknown): string[] {
  const diagnostics: Diagnostic[] = [];
  run(diagnostics);
  return diagnostics.map((d) => `${d.severity} ${d.file}${d.line ? `:${d.line}` : ""} ${d.field}: ${d.message}`);
}

describe("reportDuplicateUrls", () => {
  it("reports every later article at a taken URL against the first one, and nothing when URLs differ", () => {
    const first = makeArticle({ date: "2024-01-06", slug: "same", sourcePath: "articles/2024/01/a.md" });
    const second = makeArticle({ date: "2024-01-06", slug: "same", sourcePath: "articles/2024/01/b.md" });
    const third = makeArticle({ date: "2024-01-06", slug: "same", sourcePath: "articles/2024/01/c.md" });
    const other = makeArticle({ date: "2024-01-07", slug: "same" });
    expect(collect((d) => reportDuplicateUrls([first, second, other, third], d))).toEqual([
      "error articles/2024/01/b.md slug: URL /2024/01/06/same/ is already used by articles/2024/01/a.md (change the slug or the date of one of them)",
      "error articles/2024/01/c.md slug: URL /2024/01/06/same/ is already used by articles/2024/01/a.md (change the slug or the date of one of them)",
    ]);
    expect(collect((d) => reportDuplicateUrls([first, other], d))).toEqual([]);
    expect(collect((d) => reportDuplicateUrls([], d))).toEqual([]);
  });
});

describe("reportBrokenLinks", () => {
  const target = makeArticle({ date: "2023-12-09", slug: "harbour-vote" });
  const scheduled = makeArticle({ date: "2099-01-01T09:00:00+05:00", slug: "launch" });
  const linker = makeArticle({ date: "2024-01-02", slug: "linker" });
  const source = (links: BodyLink[]): CachedSource => ({ hash: "h", result: { kind: "article", article: linker }, warnings: [], links });

  it("warns on the line of a link to no published article, and says when a scheduled one will mend it", () => {
    const sources = new Map([
      [
        linker.sourcePath,
        source([
          { path: "/2023/12/09/harbour-vote/", line: 5 },
          { path: "/2019/01/01/missing/", line: 7 },
          { path: "/2099/01/01/launch/", line: 9 },
        ]),
      ],
    ]);
    expect(collect((d) => reportBrokenLinks([linker, target], [scheduled], [], sources, d))).toEqual([
      "warning articles/2024/01/linker.md:7 body: links to /2019/01/01/missing/, which is not a published article",
      "warning articles/2024/01/linker.md:9 body: links to /2099/01/01/launch/, which is scheduled for 2099-01-01T09:00:00+05:00: the link is broken until then",
    ]);
  });

  it("accepts links to former URLs, with or without their final slash", () => {
    const sources = new Map([[linker.sourcePath, source([{ path: "/news/1796094/", line: 4 }, { path: "/old/story/", line: 5 }])]]);
    const redirects = [
      { from: "/news/1796094", article: target },
      { from: "/old/story/", article: target },
    ];
    expect(collect((d) => reportBrokenLinks([linker, target], [], redirects, sources, d))).toEqual([]);
  });

  it("does not take a former URL with a query string for a page to link to", () => {
    const sources = new Map([[linker.sourcePath, source([{ path: "/index.php/", line: 4 }])]]);
    const redirects = [{ from: "/index.php?p=4", article: target }];
    expect(collect((d) => reportBrokenLinks([linker, target], [], redirects, sources, d))).toEqual([
      "warning articles/2024/01/linker.md:4 body: links to /index.php/, which is not a published article",
    ]);
  });

  it("checks nothing for articles without links or without a source", () => {
    expect(collect((d) => reportBrokenLinks([linker, target], [], [], new Map(), d))).toEqual([]);
  });
});

describe("resolveMustRead", () => {
  const articles = makeArticles([
    { date: "2023-12-09", slug: "harbour-vote" },
    { date: "2023-11-02", slug: "ferry" },
    { date: "2022-05-05", slug: "editorial" },
  ]);
  const bySlug = (slug: string) => articles.find((a) => a.slug === slug) as Article;

  it("finds articles by URL (with or without the final slash or the origin) or by source file, in the list's order", () => {
    const refs = [" /2022/05/05/editorial ", `${ORIGIN}/2023/12/09/harbour-vote/`, "articles/2023/11/ferry.md"];
    const diagnostics: Diagnostic[] = [];
    expect(resolveMustRead(refs, articles, ORIGIN, diagnostics)).toEqual([bySlug("editorial"), bySlug("harbour-vote"), bySlug("ferry")]);
    expect(diagnostics).toEqual([]);
  });

  it("reports each entry that is no published article, on its index in _data/mustRead.json, and keeps the others", () => {
    const diagnostics: Diagnostic[] = [];
    const refs = ["/2023/12/09/harbour-vote/", "/2020/01/01/nowhere/", "https://elsewhere.example/2023/11/02/ferry/"];
    expect(resolveMustRead(refs, articles, ORIGIN, diagnostics)).toEqual([bySlug("harbour-vote")]);
    expect(diagnostics.map((d) => [d.severity, d.file, d.field])).toEqual([
      ["error", "_data/mustRead.json", "articles.1"],
      ["error", "_data/mustRead.json", "articles.2"],
    ]);
    expect(diagnostics[0]?.message).toMatch(/^"\/2020\/01\/01\/nowhere\/" is not a published article/);
  });

  it("resolves an empty list to nothing", () => {
    expect(resolveMustRead([], articles, ORIGIN, [])).toEqual([]);
  });
});

describe("collectRedirects", () => {
  const moved = (slug: string, date: string, redirectFrom: string[]): Article =>
    makeArticle({ date, slug, redirectFrom, redirectFromLine: 5 });

  it("does not gather the site's files when no article has a former URL", () => {
    let asked = 0;
    const none = collectRedirects(makeArticles([{ date: "2023-01-01" }]), [], () => (asked++, new SiteFiles()), []);
    expect(none).toEqual([]);
    expect(asked).toBe(0);
  });

  it("accepts free former URLs, sorted, and refuses pages of the site and URLs claimed twice", () => {
    const site = new SiteFiles();
    for (const page of ["/", "/news/", "/feed.xml"]) site.add(page);
    const ferry = moved("ferry", "2023-11-02", ["/old/ferry", "/news/", "/a/first"]);
    const depot = moved("depot", "2021-02-14", ["/OLD/ferry", "/feed.xml/old", "/b/second"]);
    const diagnostics: Diagnostic[] = [];
    const redirects = collectRedirects([ferry, depot], [], () => site, diagnostics);
    expect(redirects.map((r) => [r.from, r.article.slug])).toEqual([
      ["/a/first", "ferry"],
      ["/b/second", "depot"],
      ["/old/ferry", "ferry"],
    ]);
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.field}: ${d.message}`)).toEqual([
      "articles/2023/11/ferry.md:5 redirect_from: /news/ is the page /news/ of this site; a redirect would replace it",
      "articles/2021/02/depot.md:5 redirect_from: /OLD/ferry is already redirected to /2023/11/02/ferry/ by articles/2023/11/ferry.md as /old/ferry (an old URL can lead to one article only)",
      "articles/2021/02/depot.md:5 redirect_from: /feed.xml/old would need a folder where the site writes the file /feed.xml",
    ]);
  });

  it("never sets a former URL with a query string against the site's pages: /?p=1 is not the home page", () => {
    const site = new SiteFiles();
    for (const page of ["/", "/news/", "/feed.xml"]) site.add(page);
    const ferry = moved("ferry", "2023-11-02", ["/?p=1", "/news/?p=2", "/feed.xml/old?p=3", "/index.php?p=4", "/index.php"]);
    const diagnostics: Diagnostic[] = [];
    const redirects = collectRedirects([ferry], [], () => site, diagnostics);
    expect(diagnostics).toEqual([]);
    expect(redirects.map((r) => r.from)).toEqual(["/?p=1", "/feed.xml/old?p=3", "/index.php", "/index.php?p=4", "/news/?p=2"]);
  });

  it("refuses one query former URL claimed twice: path case-folded, query as written", () => {
    const ferry = moved("ferry", "2023-11-02", ["/?p=1", "/Index.php?p=4&lang=en", "/?P=1", "/?p=1"]);
    const depot = moved("depot", "2021-02-14", ["/index.php?p=4&lang=en", "/index.php?lang=en&p=4", "/?p=01"]);
    const later = moved("launch", "2099-01-01", ["/?p=1"]);
    const diagnostics: Diagnostic[] = [];
    const redirects = collectRedirects([ferry, depot], [later], () => new SiteFiles(), diagnostics);
    expect(redirects.map((r) => [r.from, r.article.slug])).toEqual([
      ["/?P=1", "ferry"],
      ["/?p=01", "depot"],
      ["/?p=1", "ferry"],
      ["/Index.php?p=4&lang=en", "ferry"],
      ["/index.php?lang=en&p=4", "depot"],
    ]);
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.field}: ${d.message}`)).toEqual([
      "articles/2023/11/ferry.md:5 redirect_from: /?p=1 is listed twice",
      "articles/2021/02/depot.md:5 redirect_from: /index.php?p=4&lang=en is already redirected to /2023/11/02/ferry/ by articles/2023/11/ferry.md as /Index.php?p=4&lang=en (an old URL can lead to one article only)",
      "articles/2099/01/launch.md:5 redirect_from: /?p=1 is already redirected to /2023/11/02/ferry/ by articles/2023/11/ferry.md (an old URL can lead to one article only)",
    ]);
  });

  it("lets scheduled articles claim former URLs without publishing their redirects", () => {
    const published = moved("ferry", "2023-11-02", ["/old/ferry"]);
    const later = moved("launch", "2099-01-01", ["/old/launch", "/old/ferry"]);
    const diagnostics: Diagnostic[] = [];
    const redirects = collectRedirects([published], [later], () => new SiteFiles(), diagnostics);
    expect(redirects.map((r) => r.from)).toEqual(["/old/ferry"]);
    expect(diagnostics.map((d) => d.file)).toEqual(["articles/2099/01/launch.md"]);
  });
});
