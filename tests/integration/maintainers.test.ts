/**
 * The maintainers' tools: `npm run check` and its messages, scheduling
 * (embargo) and `--future`, corrections, and moved URLs (`redirect_from`).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { createFixtureArchive, makeTempDir, writeArticle } from "../support/fixtureArchive.ts";
import { createGazetteArchive, GAZETTE_ARTICLES, GAZETTE_MUST_READ } from "../support/gazetteFixture.ts";
import { loadPage } from "../support/html.ts";
import { openSearch, searchUrls } from "../support/pagefindQuery.ts";

function cli(script: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli", script), ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** An archive with one of each problem `check` reports. */
function brokenArchive(): string {
  const root = createGazetteArchive();
  const add = (file: string, frontMatter: string, body = "Some text.\n") => writeArticle(root, { path: file, frontMatter, body });
  add("2024/01/bad-date.md", "title: Bad date\ndate: 2023-13-45\nsection: news");
  add("2024/01/unknown-section.md", "title: Letters\ndate: 2024-01-05\nsection: letters");
  add("2024/01/copy-a.md", "title: Copy A\ndate: 2024-01-06\nsection: news\nslug: same-slug");
  add("2024/01/copy-b.md", "title: Copy B\ndate: 2024-01-06T10:00:00+05:00\nsection: news\nslug: same-slug");
  add("2024/01/updated-early.md", "title: Updated early\ndate: 2024-01-07T10:00:00+05:00\nupdated: 2024-01-06T10:00:00+05:00\nsection: news");
  add("2024/01/empty.md", "title: Empty\ndate: 2024-01-08\nsection: news", "\n");
  add("2024/01/linker.md", "title: Linker\ndate: 2024-01-09\nsection: news", "First line.\n\nSee [the missing piece](/2019/01/01/missing-piece/) and [the ferry](/2023/11/02/ferry-timetable/).\n");
  add("2099/01/far-future.md", "title: Far future\ndate: 2099-01-01T09:00:00+05:00\nsection: news");
  fs.writeFileSync(path.join(root, "_data/mustRead.json"), JSON.stringify({ articles: ["/2020/01/01/nowhere/"] }));
  return root;
}

describe("npm run check", () => {
  it("reports each problem on one line with file, line and field, then a count, and exits 1", () => {
    const result = cli("check.ts", ["--root", brokenArchive()]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toEqual([
      '_data/mustRead.json: articles.0: "/2020/01/01/nowhere/" is not a published article (give its URL, like /2023/12/09/slug/, or its file, like articles/2023/12/slug.md)',
      "articles/2024/01/bad-date.md:3: date: \"2023-13-45\" is not a valid date (expected YYYY-MM-DD or an ISO 8601 time such as \"2023-12-08T22:30:00+05:00\")",
      "articles/2024/01/copy-b.md: slug: URL /2024/01/06/same-slug/ is already used by articles/2024/01/copy-a.md (change the slug or the date of one of them)",
      "articles/2024/01/empty.md:6: body: is empty: an article needs text (mark it `draft: true` until it has some)",
      "articles/2024/01/linker.md:8: warning: body: links to /2019/01/01/missing-piece/, which is not a published article",
      "articles/2024/01/unknown-section.md:4: section: \"letters\" is not a section in _data/sections.json (known sections: news, opinion, editorial, sport)",
      "articles/2024/01/updated-early.md:4: updated: \"2024-01-06T10:00:00+05:00\" is before the publication date \"2024-01-07T10:00:00+05:00\"",
      "articles/2099/01/far-future.md: warning: date: 2099-01-01T09:00:00+05:00 is in the future: held back until a build at or after that time (npm run build -- --future previews it)",
      "",
      expect.stringMatching(/^Checked 17 files in \d+\.\d s: 6 errors, 2 warnings\.$/),
    ]);
  });

  it("gives the same findings as JSON for tools", () => {
    const result = cli("check.ts", ["--root", brokenArchive(), "--format", "json"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; errors: number; warnings: number; diagnostics: Array<Record<string, unknown>> };
    expect(report.ok).toBe(false);
    expect([report.errors, report.warnings]).toEqual([6, 2]);
    expect(report.diagnostics).toContainEqual({
      severity: "error",
      file: "articles/2024/01/bad-date.md",
      line: 3,
      field: "date",
      message: '"2023-13-45" is not a valid date (expected YYYY-MM-DD or an ISO 8601 time such as "2023-12-08T22:30:00+05:00")',
    });
  });

  it("passes a clean archive, fails on warnings only with --strict", () => {
    const root = createGazetteArchive();
    const clean = cli("check.ts", ["--root", root]);
    expect(clean.code).toBe(0);
    expect(clean.stdout.trim()).toMatch(/^Checked 8 articles published, 1 draft, 0 scheduled in \d+\.\d s: 0 errors, 0 warnings\.$/);
    writeArticle(root, { path: "2099/05/later.md", frontMatter: "title: Later\ndate: 2099-05-01\nsection: news", body: "Text.\n" });
    expect(cli("check.ts", ["--root", root]).code).toBe(0);
    const strict = cli("check.ts", ["--root", root, "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("0 errors, 1 warning.");
  });

  it("is what npm run build runs first: the build stops with the same messages", () => {
    const root = brokenArchive();
    const site = path.join(makeTempDir("check-build"), "_site");
    const result = cli("build.ts", ["--root", root, "--output", site]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("articles/2024/01/empty.md:6: body: is empty");
    expect(result.stderr).toContain("Build stopped: 6 errors in the archive. Nothing was published.");
    expect(fs.existsSync(site)).toBe(false);
  });
});

describe("scheduling", () => {
  const EMBARGOED = "/2024/06/01/budget-leak/";
  const embargoed = (root: string) =>
    writeArticle(root, {
      path: "2024/06/budget-leak.md",
      frontMatter: "title: The budget, a day early\ndate: 2024-06-01T09:00:00+05:00\nsection: news",
      body: "Embargoed until nine, this piece mentions quokkas.\n",
    });
  const before = Date.parse("2024-06-01T03:59:00Z");
  const after = Date.parse("2024-06-01T04:00:00Z");

  it("holds an article back until its date, and publishes it at the first build after", async () => {
    const root = createGazetteArchive();
    embargoed(root);
    const site = path.join(makeTempDir("embargo"), "_site");
    const held = await buildSite({ contentRoot: root, outputDir: site, now: before });
    expect(held.articles).toBe(8);
    expect(held.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining("is in the future: held back"));
    expect(fs.existsSync(path.join(site, EMBARGOED, "index.html"))).toBe(false);
    expect(fs.readFileSync(path.join(site, "news/index.html"), "utf8")).not.toContain("budget, a day early");
    expect(await searchUrls(await openSearch(site), "quokkas")).toEqual([]);

    const published = await buildSite({ contentRoot: root, outputDir: site, now: after });
    expect(published.mode).toBe("incremental");
    expect(loadPage(site, EMBARGOED)("h1").text()).toBe("The budget, a day early");
    expect(loadPage(site, EMBARGOED)(".preview-banner").length).toBe(0);
    expect(await searchUrls(await openSearch(site), "quokkas")).toEqual([EMBARGOED]);
  });

  it("--future previews it with a banner, and the next normal build takes the preview down", async () => {
    const root = createGazetteArchive();
    embargoed(root);
    const site = path.join(makeTempDir("future"), "_site");
    await buildSite({ contentRoot: root, outputDir: site, now: before, future: true });
    const banner = loadPage(site, EMBARGOED)(".preview-banner");
    expect(banner.text()).toContain("Scheduled: publishes at");
    expect(banner.find("time").attr("datetime")).toBe("2024-06-01T09:00:00+05:00");
    await buildSite({ contentRoot: root, outputDir: site, now: before });
    expect(fs.existsSync(path.join(site, EMBARGOED, "index.html"))).toBe(false);
  });
});

describe("corrections", () => {
  it("are shown on the article with their dates, move dateModified, and collect on /corrections/ newest first", async () => {
    const root = createGazetteArchive();
    writeArticle(root, {
      path: "2023/11/ferry-timetable.md",
      frontMatter: [
        "title: Ferry timetable changes for winter",
        "date: 2023-11-02",
        "section: news",
        "corrections:",
        "  - date: 2023-11-03T10:00:00+05:00",
        "    text: The first sailing is at 07:10, not 07:00.",
        "  - date: 2023-11-05",
        "    text: \"The operator is Gull Ferries <Ltd>, not the council.\"",
      ].join("\n"),
      body: "The island ferry will run four times a day from November.\n",
    });
    const site = path.join(makeTempDir("corrections"), "_site");
    await buildSite({ contentRoot: root, outputDir: site });
    const $ = loadPage(site, "/2023/11/02/ferry-timetable/");
    expect($(".corrections h2").text()).toBe("Corrections");
    expect($(".corrections li").map((_, el) => $(el).text()).get()).toEqual([
      "3 Nov, 2023: The first sailing is at 07:10, not 07:00.",
      "5 Nov, 2023: The operator is Gull Ferries <Ltd>, not the council.",
    ]);
    expect($(".corrections").html()).toContain("&lt;Ltd&gt;");
    const jsonLd = JSON.parse($('script[type="application/ld+json"]').first().text()) as { dateModified: string };
    expect(jsonLd.dateModified).toBe("2023-11-05");
    const list = loadPage(site, "/corrections/");
    expect(list(".corrections-list li p:last-child").map((_, el) => list(el).text()).get()).toEqual([
      "The operator is Gull Ferries <Ltd>, not the council.",
      "The first sailing is at 07:10, not 07:00.",
    ]);
    expect(list(".corrections-list a").first().attr("href")).toBe("/2023/11/02/ferry-timetable/");
    expect(loadPage(site, "/")(".site-footer a:last-child").attr("href")).toBe("/corrections/");
  });

  it("refuses a correction dated before the article", () => {
    const root = createGazetteArchive();
    writeArticle(root, {
      path: "2023/11/early.md",
      frontMatter: "title: Early\ndate: 2023-11-10\nsection: news\ncorrections:\n  - date: 2023-11-01\n    text: Too early.",
      body: "Text.\n",
    });
    const result = cli("check.ts", ["--root", root]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('articles/2023/11/early.md:5: corrections.0.date: "2023-11-01" is before the publication date "2023-11-10"');
  });
});

describe("moved URLs (redirect_from)", () => {
  const moved = (root: string, extra: string[]) =>
    writeArticle(root, {
      path: "2023/11/ferry-timetable.md",
      frontMatter: ["title: Ferry timetable changes for winter", "date: 2023-11-02", "section: news", ...extra].join("\n"),
      body: "The island ferry will run four times a day from November.\n",
    });

  it("writes a redirect page at each old URL, a _redirects file and an nginx map", async () => {
    const root = createFixtureArchive({ articles: GAZETTE_ARTICLES, mustRead: GAZETTE_MUST_READ });
    moved(root, ["redirect_from:", "  - /news/1796094", "  - https://archive.gullhaven.example/old/ferry.html"]);
    const site = path.join(makeTempDir("redirects"), "_site");
    await buildSite({ contentRoot: root, outputDir: site, pathPrefix: "/gazette/" });
    const page = loadPage(site, "/news/1796094/");
    expect(page('meta[http-equiv="refresh"]').attr("content")).toBe("0; url=/gazette/2023/11/02/ferry-timetable/");
    expect(page('link[rel="canonical"]').attr("href")).toBe("https://archive.gullhaven.example/gazette/2023/11/02/ferry-timetable/");
    expect(page('meta[name="robots"]').attr("content")).toBe("noindex");
    expect(page("main a").attr("href")).toBe("/gazette/2023/11/02/ferry-timetable/");
    expect(fs.existsSync(path.join(site, "old/ferry.html"))).toBe(true);
    expect(fs.readFileSync(path.join(site, "_redirects"), "utf8").split("\n").filter((l) => l && !l.startsWith("#"))).toEqual([
      "/gazette/news/1796094 /gazette/2023/11/02/ferry-timetable/ 301",
      "/gazette/old/ferry.html /gazette/2023/11/02/ferry-timetable/ 301",
    ]);
    expect(fs.readFileSync(path.join(site, "_redirects.nginx.conf"), "utf8")).toContain(
      '  "/gazette/news/1796094" "/gazette/2023/11/02/ferry-timetable/";',
    );
  });

  it("refuses one old URL claimed by two articles, and old URLs that are pages of the site", () => {
    const root = createGazetteArchive();
    moved(root, ["redirect_from: /news/1796094"]);
    writeArticle(root, {
      path: "2021/02/bus-depot.md",
      frontMatter: "title: Bus depot moves to the ring road\ndate: 2021-02-14T09:15:00+05:00\nsection: news\nredirect_from: [/news/1796094, /news/, /search/x]",
      body: "The municipal bus depot will move.\n",
    });
    writeArticle(root, {
      path: "2020/09/cup-final.md",
      frontMatter: "title: Gulls win the cup\ndate: 2020-09-12T17:45:00+05:00\nsection: sport\nredirect_from: [/sport/cup, /q?id=4#top]",
      body: "The Gulls won.\n",
    });
    const result = cli("check.ts", ["--root", root]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split("\n").filter((l) => l.includes("redirect_from"));
    expect(lines).toEqual([
      'articles/2020/09/cup-final.md:5: redirect_from.1: "/q?id=4#top" has a query string or fragment, which a static site cannot redirect by file',
      "articles/2021/02/bus-depot.md:5: redirect_from: /news/1796094 is already redirected to /2023/11/02/ferry-timetable/ by articles/2023/11/ferry-timetable.md (an old URL can lead to one article only)",
      "articles/2021/02/bus-depot.md:5: redirect_from: /news/ is the page /news/ of this site; a redirect would replace it",
      "articles/2021/02/bus-depot.md:5: redirect_from: /search/x is inside /search/, which the build writes",
    ]);
  });
});
