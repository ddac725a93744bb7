import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../../src/views/archive.ts";
import { formatDiagnostic, type Diagnostic } from "../../../src/model/diagnostics.ts";
import { checkRedirectPath, parseArticle, type ArticleContext } from "../../../src/content/parseArticle.ts";
import { loadSiteData } from "../../../src/content/siteData.ts";
import { createFixtureArchive, type FixtureArticle, type FixtureOptions } from "../../support/fixtureArchive.ts";

const good: FixtureArticle = {
  path: "2023/12/ferry-timetable.md",
  frontMatter: 'title: "Ferry timetable changes"\ndate: 2023-12-08T10:00:00+05:00\nsection: news',
};

function problems(options: Partial<FixtureOptions> & { articles: FixtureArticle[] }): string[] {
  const root = createFixtureArchive({ ...options, articles: [good, ...options.articles] });
  const result = loadArchive(root);
  const diagnostics = result.ok ? result.archive.diagnostics : result.diagnostics;
  return diagnostics.map(formatDiagnostic);
}

function onlyError(article: FixtureArticle): string {
  const root = createFixtureArchive({ articles: [article] });
  const result = loadArchive(root);
  expect(result.ok).toBe(false);
  const errors = result.ok ? [] : result.diagnostics.filter((d) => d.severity === "error");
  expect(errors).toHaveLength(1);
  return formatDiagnostic(errors[0]!);
}

describe("front matter validation", () => {
  it("loads a valid article", () => {
    const root = createFixtureArchive({ articles: [good] });
    const result = loadArchive(root);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.archive.articles.map((a) => a.url)).toEqual(["/2023/12/08/ferry-timetable/"]);
  });

  it("reports a missing title with file, line and field", () => {
    expect(onlyError({ path: "2023/12/a.md", frontMatter: "date: 2023-12-08\nsection: news" })).toBe(
      "articles/2023/12/a.md:1: title: is required",
    );
  });

  it("reports an unparsable date on its line", () => {
    expect(onlyError({ path: "2023/12/b.md", frontMatter: "title: B\nsection: news\ndate: 2023-13-45" })).toBe(
      'articles/2023/12/b.md:4: date: "2023-13-45" is not a valid date (expected YYYY-MM-DD or an ISO 8601 time such as "2023-12-08T22:30:00+05:00")',
    );
  });

  it("reports an unknown section and lists the known ones", () => {
    expect(onlyError({ path: "2023/12/c.md", frontMatter: "title: C\ndate: 2023-12-08\nsection: weather" })).toBe(
      'articles/2023/12/c.md:4: section: "weather" is not a section in _data/sections.json (known sections: news, opinion, editorial, sport)',
    );
  });

  it("reports a YAML syntax error with its line", () => {
    const message = onlyError({ path: "2023/12/d.md", frontMatter: 'title: D\ndate: 2023-12-08\nsection: [news\nauthor: "x' });
    expect(message).toMatch(/^articles\/2023\/12\/d\.md:\d+: YAML syntax error in front matter: /);
  });

  it("reports a file without front matter", () => {
    expect(onlyError({ path: "2023/12/e.md", raw: "Just text, no front matter.\n" })).toBe(
      "articles/2023/12/e.md:1: front matter is missing: the file must start with a line of three dashes (---)",
    );
  });

  it("reports front matter that is never closed", () => {
    expect(onlyError({ path: "2023/12/f.md", raw: "---\ntitle: F\ndate: 2023-12-08\n" })).toContain("front matter is not closed");
  });

  it("reports a wrong type in plain words", () => {
    expect(onlyError({ path: "2023/12/g.md", frontMatter: "title: G\ndate: 2023-12-08\nsection: news\ntags: harbour" })).toBe(
      "articles/2023/12/g.md:5: tags: must be a list (found text)",
    );
  });

  it("reports an invalid slug", () => {
    expect(onlyError({ path: "2023/12/h.md", frontMatter: "title: H\ndate: 2023-12-08\nsection: news\nslug: Not A Slug" })).toContain(
      "articles/2023/12/h.md:5: slug: must be lowercase letters, digits and single hyphens",
    );
  });

  it("refuses a slug that is a page of the day (its print edition, its later pages), from the field or the file name", () => {
    expect(onlyError({ path: "2023/12/p.md", frontMatter: "title: P\ndate: 2023-12-08\nsection: news\nslug: print" })).toBe(
      'articles/2023/12/p.md:5: slug: "print" is taken by the pages of the day (its print edition): choose another slug',
    );
    expect(onlyError({ path: "2023/12/page.md", frontMatter: "title: P\ndate: 2023-12-08\nsection: news" })).toBe(
      'articles/2023/12/page.md:1: slug: "page" is taken by the pages of the day (its later pages): choose another slug',
    );
  });

  it("reports an update time before the publication time", () => {
    expect(
      onlyError({ path: "2023/12/i.md", frontMatter: "title: I\ndate: 2023-12-08T10:00:00+05:00\nupdated: 2023-12-07T10:00:00+05:00\nsection: news" }),
    ).toBe('articles/2023/12/i.md:4: updated: "2023-12-07T10:00:00+05:00" is before the publication date "2023-12-08T10:00:00+05:00"');
  });

  it("reports a print date that is not a day", () => {
    expect(onlyError({ path: "2023/12/j.md", frontMatter: "title: J\ndate: 2023-12-08\nsection: news\nprintDate: 2023-12-09T06:00:00+05:00" })).toContain(
      'printDate: "2023-12-09T06:00:00+05:00" is not a valid day (expected YYYY-MM-DD)',
    );
  });

  it("reports every problem of every file, not just the first", () => {
    const messages = problems({
      articles: [
        { path: "2023/12/k.md", frontMatter: "date: 2023-12-08\nsection: news" },
        { path: "2023/12/l.md", frontMatter: "title: L\ndate: nope\nsection: news" },
      ],
    });
    expect(messages.some((m) => m.startsWith("articles/2023/12/k.md:1: title:"))).toBe(true);
    expect(messages.some((m) => m.startsWith("articles/2023/12/l.md:3: date:"))).toBe(true);
  });

  it("warns about an unknown field without failing", () => {
    const root = createFixtureArchive({
      articles: [{ path: "2023/12/m.md", frontMatter: "title: M\ndate: 2023-12-08\nsection: news\ndateLine: KARACHI" }],
    });
    const result = loadArchive(root);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.archive.diagnostics.map(formatDiagnostic)[0]).toMatch(/^articles\/2023\/12\/m\.md:5: warning: dateLine: unknown field/);
  });

  it("counts drafts instead of dropping them silently", () => {
    const root = createFixtureArchive({
      articles: [good, { path: "2023/12/n.md", frontMatter: "title: N\ndate: 2023-12-09\nsection: news\ndraft: true" }],
    });
    const result = loadArchive(root);
    expect(result.ok && result.archive.draftCount).toBe(1);
    expect(result.ok && result.archive.articles.length).toBe(1);
  });
});

describe("archive-wide validation", () => {
  it("reports two articles with the same URL, naming both files", () => {
    const messages = problems({
      articles: [{ path: "2023/12/other-folder.md", frontMatter: "title: Dup\ndate: 2023-12-08T20:00:00+05:00\nsection: opinion\nslug: ferry-timetable" }],
    });
    expect(messages).toContain(
      "articles/2023/12/other-folder.md: slug: URL /2023/12/08/ferry-timetable/ is already used by articles/2023/12/ferry-timetable.md (change the slug or the date of one of them)",
    );
  });

  it("reports a Must Read reference to an article that does not exist", () => {
    const messages = problems({ articles: [], mustRead: ["/2023/12/08/ferry-timetable/", "/2020/01/01/missing/"] });
    expect(messages).toEqual([
      '_data/mustRead.json: articles.1: "/2020/01/01/missing/" is not a published article (give its URL, like /2023/12/09/slug/, or its file, like articles/2023/12/slug.md)',
    ]);
  });

  it("resolves Must Read entries given as full URLs or source files", () => {
    const root = createFixtureArchive({
      articles: [good, { path: "2023/11/b.md", frontMatter: "title: B\ndate: 2023-11-02\nsection: news" }],
      mustRead: ["https://archive.gullhaven.example/2023/12/08/ferry-timetable", "articles/2023/11/b.md"],
    });
    const result = loadArchive(root);
    expect(result.ok && result.archive.mustRead.map((a) => a.title)).toEqual(["Ferry timetable changes", "B"]);
  });

  it("reports an invalid time zone in site.json", () => {
    expect(problems({ articles: [], site: { timezone: "Mars/Olympus" } })).toEqual([
      '_data/site.json: timezone: is not an IANA time zone name (e.g. "Asia/Karachi")',
    ]);
  });

  it("refuses a section whose index would overwrite the site's own pages or date folders", () => {
    const sections = [
      { slug: "news", name: "News" },
      { slug: "search", name: "Search" },
      { slug: "2024", name: "Year" },
      { slug: "opinion", name: "Opinion" },
      { slug: "editorial", name: "Editorial" },
    ];
    const messages = problems({ articles: [], sections });
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^_data\/sections\.json: 1\.slug: "search" cannot be a section/);
    expect(messages[1]).toMatch(/^_data\/sections\.json: 2\.slug: "2024" cannot be a section/);
  });

  it("reports a sidebar section that does not exist", () => {
    expect(problems({ articles: [], site: { sidebarSections: ["opinion", "letters"] } })).toEqual([
      '_data/site.json: sidebarSections.1: "letters" is not a section in _data/sections.json',
    ]);
  });
});

describe("dates checked against the calendar, the publication and the build's time", () => {
  // 17:00 in Karachi (the fixture's zone).
  const NOW = Date.parse("2024-06-01T12:00:00Z");

  function dateMessages(articles: FixtureArticle[], site?: Record<string, unknown>): { ok: boolean; messages: string[] } {
    const result = loadArchive(createFixtureArchive({ articles, site }), { now: NOW });
    return { ok: result.ok, messages: (result.ok ? result.archive.diagnostics : result.diagnostics).map(formatDiagnostic) };
  }

  it("refuses a year outside 1600 to 9999, on its line", () => {
    expect(dateMessages([{ path: "0001/01/first.md", frontMatter: "title: First\nsection: news\ndate: 0001-01-01" }])).toEqual({
      ok: false,
      messages: ['articles/0001/01/first.md:4: date: "0001-01-01" is in the year 1: this archive accepts the years 1600 to 9999'],
    });
  });

  it("refuses a time without offset that did not happen in the site's zone (DST gap)", () => {
    const gap = { path: "2024/03/gap.md", frontMatter: "title: Gap\ndate: 2024-03-10T02:30\nsection: news" };
    expect(dateMessages([gap], { timezone: "America/New_York" })).toEqual({
      ok: false,
      messages: [
        'articles/2024/03/gap.md:3: date: "2024-03-10T02:30" did not happen in America/New_York: the clocks went forward from 02:00 to 03:00 that night (-05:00 EST to -04:00 EDT); write a time that happened, or the offset you mean (e.g. "2024-03-10T02:30-05:00")',
      ],
    });
  });

  it("warns about a time without offset that happened twice, naming the offset chosen", () => {
    const twice = { path: "2023/11/twice.md", frontMatter: "title: Twice\ndate: 2023-11-05T01:30\nsection: news" };
    expect(dateMessages([twice], { timezone: "America/New_York" })).toEqual({
      ok: true,
      messages: [
        'articles/2023/11/twice.md:3: warning: date: "2023-11-05T01:30" happened twice in America/New_York (the clocks went back from 02:00 to 01:00 that night): read as -05:00 (EST), the second time; write the offset to choose ("2023-11-05T01:30-04:00" for the first)',
      ],
    });
  });

  it("refuses an update or a correction dated after the build's time", () => {
    const future = {
      path: "2024/05/future.md",
      frontMatter: "title: Future\ndate: 2024-05-01\nsection: news\nupdated: 2099-01-01T00:00:00Z\ncorrections:\n  - date: 2099-01-02\n    text: Fixed.",
    };
    expect(dateMessages([future])).toEqual({
      ok: false,
      messages: [
        'articles/2024/05/future.md:5: updated: "2099-01-01T00:00:00Z" is in the future (this build runs at 2024-06-01T17:00:00+05:00): date it when it happens',
        'articles/2024/05/future.md:6: corrections.0.date: "2099-01-02" is in the future (this build runs at 2024-06-01T17:00:00+05:00): date it when it happens',
      ],
    });
  });

  it("accepts an update and a correction up to the build's time (a bare day means its midnight)", () => {
    const recent = {
      path: "2024/05/recent.md",
      frontMatter: "title: Recent\ndate: 2024-05-01\nsection: news\nupdated: 2024-06-01T17:00:00+05:00\ncorrections:\n  - date: 2024-06-01\n    text: Fixed.",
    };
    expect(dateMessages([recent])).toEqual({ ok: true, messages: [] });
  });

  it("lets a scheduled article carry an update up to its publication time, not later", () => {
    const atPublication = {
      path: "2024/07/budget.md",
      frontMatter: "title: Budget\ndate: 2024-07-01T09:00:00+05:00\nsection: news\nupdated: 2024-07-01T09:00:00+05:00",
    };
    const held = dateMessages([atPublication]);
    expect(held.ok).toBe(true);
    expect(held.messages).toEqual([expect.stringMatching(/^articles\/2024\/07\/budget\.md: warning: date: .* is in the future: held back/)]);

    const later = { ...atPublication, frontMatter: `${atPublication.frontMatter.replace(/updated: .*/, "updated: 2024-07-02")}` };
    expect(dateMessages([later]).messages).toContain(
      'articles/2024/07/budget.md:5: updated: "2024-07-02" is after the scheduled publication 2024-07-01T09:00:00+05:00 and in the future (this build runs at 2024-06-01T17:00:00+05:00): until the article is out, date it at most at its publication',
    );
  });

  it("refuses a print date before the publication day in the site's zone; the same day or later is fine", () => {
    // 22:30 UTC on the 8th is the 9th in Karachi.
    const article = (printDate: string): FixtureArticle => ({
      path: "2023/12/printed.md",
      frontMatter: `title: Print\ndate: 2023-12-08T22:30:00Z\nsection: news\nprintDate: ${printDate}`,
    });
    expect(dateMessages([article("2023-12-08")]).messages).toEqual([
      'articles/2023/12/printed.md:5: printDate: "2023-12-08" is before the publication day, 2023-12-09 in Asia/Karachi: a print edition can be of that day or later',
    ]);
    expect(dateMessages([article("2023-12-09")])).toEqual({ ok: true, messages: [] });
    expect(dateMessages([article("2023-12-11")])).toEqual({ ok: true, messages: [] });
  });

  it("checks against the build's time in parse worker processes too", async () => {
    const { loadArchiveInParallel } = await import("../../../src/views/archive.ts");
    // Past by the clock, future for a build run as of NOW.
    const root = createFixtureArchive({
      articles: [
        { path: "2024/05/a.md", frontMatter: "title: A\ndate: 2024-05-01\nsection: news\nupdated: 2024-07-01" },
        { path: "2024/05/b.md", frontMatter: "title: B\ndate: 2024-05-02\nsection: news" },
      ],
    });
    const saved = { min: process.env.ARCHIVE_PARALLEL_MIN_FILES, workers: process.env.ARCHIVE_PARSE_WORKERS };
    process.env.ARCHIVE_PARALLEL_MIN_FILES = "1";
    process.env.ARCHIVE_PARSE_WORKERS = "2";
    try {
      const result = await loadArchiveInParallel(root, { now: NOW });
      expect(result.ok ? [] : result.diagnostics.map(formatDiagnostic)).toEqual([
        'articles/2024/05/a.md:5: updated: "2024-07-01" is in the future (this build runs at 2024-06-01T17:00:00+05:00): date it when it happens',
      ]);
    } finally {
      for (const [name, value] of [["ARCHIVE_PARALLEL_MIN_FILES", saved.min], ["ARCHIVE_PARSE_WORKERS", saved.workers]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});

describe("front matter messages a maintainer can act on", () => {
  const at = (name: string, frontMatter: string, body?: string): FixtureArticle => ({ path: `2023/12/${name}.md`, frontMatter, body });
  const head = "title: T\ndate: 2023-12-08\nsection: news";

  function loaded(article: FixtureArticle) {
    const result = loadArchive(createFixtureArchive({ articles: [article] }));
    if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join("\n"));
    return result.archive;
  }

  it("reports a YAML error on its own line, not line 1", () => {
    expect(onlyError(at("dup", "title: A\ndate: 2023-12-08\ntitle: B\nsection: news"))).toBe(
      "articles/2023/12/dup.md:4: YAML syntax error in front matter: title is given twice (each field may appear once)",
    );
  });

  it("reports an alias bomb as an error on the line of the first alias, instead of throwing", () => {
    const bomb = ["title: Bomb", "date: 2023-12-08", "section: news", "a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const name of "bcdefghi") bomb.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`).join(", ")}]`);
    expect(onlyError(at("bomb", bomb.join("\n")))).toMatch(/^articles\/2023\/12\/bomb\.md:6: yaml: too many aliases/);
  });

  it("says what shape an author must have", () => {
    expect(onlyError(at("mapping", `${head}\nauthor: {name: Mira Holt}`))).toBe(
      "articles/2023/12/mapping.md:5: author: must be a name or a list of names (found a mapping)",
    );
    expect(onlyError(at("list", `${head}\nauthor: [{name: Mira Holt}]`))).toBe("articles/2023/12/list.md:5: author.0: must be text (found a mapping)");
  });

  it("names the line of a key called __proto__ or constructor", () => {
    const messages = loaded(at("proto", `${head}\n__proto__: {x: 1}\nconstructor: y`)).diagnostics.map(formatDiagnostic);
    expect(messages).toEqual([
      expect.stringMatching(/^articles\/2023\/12\/proto\.md:5: warning: __proto__: unknown field/),
      expect.stringMatching(/^articles\/2023\/12\/proto\.md:6: warning: constructor: unknown field/),
    ]);
  });

  it("keeps numbers in text fields as written", () => {
    const [article] = loaded(at("numbers", "title: 007\ndate: 2023-12-08\nsection: news\nauthor: [1.10, 0x1F]\ndateline: .inf\ntags: [1e3, 0o17]")).articles;
    expect(article).toMatchObject({ title: "007", authors: ["1.10", "0x1F"], dateline: ".inf", tags: ["1e3", "0o17"] });
  });

  it("shows control characters of a quoted value instead of sending them to the terminal", () => {
    const message = onlyError(at("escape", 'title: T\ndate: 2023-12-08\nsection: "\\e[2K\\r\\e[32mAll good"'));
    expect(message).toMatch(/^articles\/2023\/12\/escape\.md:4: section: "\\u001b\[2K\\u000d\\u001b\[32mAll good" is not a section/);
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });

  it("warns about control characters and direction overrides in text fields and the body", () => {
    const messages = loaded(
      at("controls", 'title: "Bell\\a"\ndate: 2023-12-08\nsection: news\nauthor: [Mira Holt, "\\u202Eflog"]\ntags: [ok, "\\x1b[31m"]', "First line.\n\nSecond \u0001 line.\n"),
    ).diagnostics.map(formatDiagnostic);
    expect(messages).toEqual([
      "articles/2023/12/controls.md:2: warning: title: contains the control character U+0007, which is invisible and not allowed in feeds: remove it",
      "articles/2023/12/controls.md:5: warning: author.1: contains U+202E RIGHT-TO-LEFT OVERRIDE, which shows the text after it in another order than it is written: remove it",
      "articles/2023/12/controls.md:6: warning: tags.1: contains the control character U+001B, which is invisible and not allowed in feeds: remove it",
      "articles/2023/12/controls.md:10: warning: body: contains the control character U+0001, which is invisible and not allowed in feeds: remove it",
    ]);
  });

  it("treats a body or a title of invisible characters as empty", () => {
    expect(onlyError(at("zwsp-body", head, "\u200B\n"))).toBe(
      "articles/2023/12/zwsp-body.md:6: body: is empty: an article needs text (mark it `draft: true` until it has some)",
    );
    expect(onlyError(at("zwsp-title", 'title: "\u200B\u2060"\ndate: 2023-12-08\nsection: news'))).toBe(
      "articles/2023/12/zwsp-title.md:2: title: must not be empty (it has only invisible characters)",
    );
  });

  it("reports bytes that are not UTF-8 with their line", () => {
    const root = createFixtureArchive({ articles: [] });
    const text = Buffer.concat([Buffer.from(`---\n${head}\n---\nFirst line.\n\nCaf`), Buffer.from([0xe9]), Buffer.from(" au lait.\n")]);
    fs.mkdirSync(path.join(root, "articles/2023/12"), { recursive: true });
    fs.writeFileSync(path.join(root, "articles/2023/12/latin1.md"), text);
    const result = loadArchive(root);
    expect(result.ok ? [] : result.diagnostics.map(formatDiagnostic)).toEqual([
      'articles/2023/12/latin1.md:8: is not valid UTF-8 on this line (it reads as U+FFFD, "\uFFFD"): save the file as UTF-8',
    ]);
  });

  it("names the file when reading it fails in an unforeseen way, instead of throwing", () => {
    const root = createFixtureArchive({ articles: [] });
    const site = loadSiteData(root, []);
    if (!site) throw new Error("fixture site data does not load");
    const failing = { parse: () => { throw new RangeError("Maximum call stack size exceeded"); } } as unknown as ArticleContext["markdown"];
    const context: ArticleContext = { site: site.site, sectionsBySlug: new Map(site.sections.map((s) => [s.slug, s])), markdown: failing };
    const diagnostics: Diagnostic[] = [];
    // Markup in the first paragraph: its excerpt is read by Markdown (a plain one is read without it).
    expect(parseArticle("articles/2023/12/deep.md", `---\n${head}\n---\nText with *emphasis*.\n`, context, diagnostics)).toEqual({ kind: "invalid" });
    expect(diagnostics.map(formatDiagnostic)).toEqual(["articles/2023/12/deep.md: cannot be read: Maximum call stack size exceeded"]);
  });

  it("says which files under articles/ it does not read, and why", () => {
    const root = createFixtureArchive({ articles: [good, { path: "2023/12/upper.MD", frontMatter: head }, { path: "2023/12/long.markdown", frontMatter: head }] });
    fs.writeFileSync(path.join(root, "outside.md"), `---\n${head}\n---\nText.\n`);
    fs.symlinkSync(path.join(root, "outside.md"), path.join(root, "articles/2023/12/linked.md"));
    const result = loadArchive(root);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.archive.articles.map((a) => a.sourcePath)).toEqual(["articles/2023/12/ferry-timetable.md"]);
    expect(result.archive.diagnostics.map(formatDiagnostic)).toEqual([
      "articles/2023/12/linked.md: warning: is a symbolic link: not read (a link could publish a file from outside the archive); move the file here instead",
      "articles/2023/12/long.markdown: warning: is not read: articles end in .md (rename it long.md)",
      "articles/2023/12/upper.MD: warning: is not read: articles end in .md (rename it upper.md)",
    ]);
  });
});

const SITE = "https://archive.gullhaven.example";

describe("a former URL is decoded, normalised and refused when a redirect file cannot carry it", () => {
  it("keeps plain paths and strips the site's own origin", () => {
    expect(checkRedirectPath("/news/1796094", SITE)).toBe("/news/1796094");
    expect(checkRedirectPath(`${SITE}/old/ferry.html`, SITE)).toBe("/old/ferry.html");
  });

  it("decodes percent-encoding, composes Unicode and merges repeated slashes", () => {
    expect(checkRedirectPath("/caf%C3%A9/", SITE)).toBe("/café/");
    expect(checkRedirectPath("/cafe\u0301/", SITE)).toBe("/café/");
    expect(checkRedirectPath("/news//1796094", SITE)).toBe("/news/1796094");
  });

  const refused = (from: string): string => {
    const result = checkRedirectPath(from, SITE);
    expect(typeof result, `${JSON.stringify(from)} should be refused`).toBe("object");
    return typeof result === "object" ? result.problem : "";
  };

  it("refuses the wildcards and placeholders of _redirects", () => {
    expect(refused("/*")).toMatch(/\*/);
    expect(refused("/news/*")).toMatch(/\*/);
    expect(refused("/news/:id")).toMatch(/:/);
  });

  it("refuses . and .. segments, also when percent-encoded, and encoded slashes", () => {
    expect(refused("/%2e%2e/etc/passwd")).toMatch(/\.\./);
    expect(refused("/news/%2E/x")).toMatch(/\./);
    expect(refused("/..%2f..%2fetc%2fpasswd")).toMatch(/\.\.|%2F/i);
    expect(refused("/a%2Fb")).toMatch(/%2F/i);
    expect(refused("/a%5Cb")).toMatch(/%5C|\\/i);
  });

  it("refuses control characters, raw or encoded, NUL included", () => {
    expect(refused("/a\u0001b")).toMatch(/control character/);
    expect(refused("/a\u0000b")).toMatch(/control character/);
    expect(refused("/a%00b")).toMatch(/control character/);
    expect(refused("/a%7Fb")).toMatch(/control character/);
    expect(refused("/a\u0085b")).toMatch(/control character/);
  });

  it("refuses malformed percent-encoding, an encoded %, ? or #, and spaces", () => {
    expect(refused("/%E0%A4%A")).toMatch(/percent/);
    expect(refused("/100%25")).toMatch(/%/);
    expect(refused("/a%3Fb")).toMatch(/query string/);
    expect(refused("/a%20b")).toMatch(/spaces/);
    expect(refused("/a b")).toMatch(/spaces/);
  });

  it("refuses a path segment longer than a file name can be", () => {
    expect(refused(`/news/${"x".repeat(256)}`)).toMatch(/255 bytes/);
    expect(checkRedirectPath(`/news/${"x".repeat(255)}`, SITE)).toBe(`/news/${"x".repeat(255)}`);
    expect(refused(`/news/${"é".repeat(128)}`)).toMatch(/255 bytes/);
  });

  it("refuses the home page, other sites and fragments as before", () => {
    expect(refused("/")).toMatch(/home page/);
    expect(refused("%2F")).toMatch(/must be a path/);
    expect(refused("https://elsewhere.example/x")).toMatch(/another site/);
    expect(refused("/q#top")).toBe('"/q#top" has a query string or fragment, which a static site cannot redirect by file');
  });
});

describe("a former URL may carry a query string (WordPress's /?p=1234)", () => {
  const refused = (from: string): string => {
    const result = checkRedirectPath(from, SITE);
    expect(typeof result, `${JSON.stringify(from)} should be refused`).toBe("object");
    return typeof result === "object" ? result.problem : "";
  };

  it("accepts WordPress's shortlinks, the home page's path included, and the site's origin", () => {
    expect(checkRedirectPath("/?p=1234", SITE)).toBe("/?p=1234");
    expect(checkRedirectPath("/index.php?p=1234", SITE)).toBe("/index.php?p=1234");
    expect(checkRedirectPath(`${SITE}/?p=1234`, SITE)).toBe("/?p=1234");
    expect(checkRedirectPath(`${SITE}?p=1234`, SITE)).toBe("/?p=1234");
    expect(checkRedirectPath(" /?page_id=2 ", SITE)).toBe("/?page_id=2");
  });

  it("keeps the query as written: its order, its case, its percent-escapes and any ? or / in it", () => {
    expect(checkRedirectPath("/index.php?p=1&lang=EN", SITE)).toBe("/index.php?p=1&lang=EN");
    expect(checkRedirectPath("/index.php?lang=EN&p=1", SITE)).toBe("/index.php?lang=EN&p=1");
    expect(checkRedirectPath("/search.php?q=caf%C3%A9+au+lait", SITE)).toBe("/search.php?q=caf%C3%A9+au+lait");
    expect(checkRedirectPath("/go?to=/news/1?x", SITE)).toBe("/go?to=/news/1?x");
    expect(checkRedirectPath("/q?preview", SITE)).toBe("/q?preview");
    expect(checkRedirectPath("/q?id=4:5", SITE)).toBe("/q?id=4:5");
  });

  it("reads the path part as any former path: decoded, composed, slashes merged", () => {
    expect(checkRedirectPath("/caf%C3%A9/?p=1", SITE)).toBe("/café/?p=1");
    expect(checkRedirectPath("/news//story.php?id=4", SITE)).toBe("/news/story.php?id=4");
  });

  it("checks the path part as every former path is checked", () => {
    expect(refused("/news/*?p=1")).toMatch(/\*/);
    expect(refused("/news/:id?p=1")).toMatch(/:/);
    expect(refused("/%2e%2e/x?p=1")).toMatch(/\.\./);
    expect(refused("/a%2Fb?p=1")).toMatch(/%2F/i);
    expect(refused("/a%3Fb?p=1")).toMatch(/encoded query string/);
    expect(refused("/a b?p=1")).toMatch(/spaces/);
    expect(refused(`/${"x".repeat(256)}?p=1`)).toMatch(/255 bytes/);
    expect(refused("https://elsewhere.example/?p=1")).toMatch(/another site/);
  });

  it("refuses an empty query, a fragment, and what a redirect file cannot quote", () => {
    expect(refused("/?")).toMatch(/no query string/);
    expect(refused("/index.php?")).toMatch(/no query string/);
    expect(refused("/?p=1#comments")).toBe('"/?p=1#comments" has a query string or fragment, which a static site cannot redirect by file');
    expect(refused("/?p=1 2")).toMatch(/spaces in its query string/);
    expect(refused("/?p=1\t2")).toMatch(/control character U\+0009 in its query string/);
    expect(refused("/?p=1\u00a02")).toMatch(/spaces in its query string/);
    expect(refused("/?p=\u0001")).toMatch(/control character U\+0001/);
    expect(refused('/?p="1"')).toMatch(/quote or a backslash/);
    expect(refused("/?p=1\\2")).toMatch(/quote or a backslash/);
    expect(refused("/?p=*")).toMatch(/\* in its query string/);
  });

  it("reports a refused query as file:line: redirect_from.N: ..., and nothing about an accepted one", () => {
    const root = createFixtureArchive({
      articles: [{ ...good, frontMatter: `${good.frontMatter}\nredirect_from:\n  - /?p=1234\n  - "/?p=1 2"` }],
    });
    const result = loadArchive(root);
    expect(result.ok).toBe(false);
    const errors = (result.ok ? [] : result.diagnostics).map(formatDiagnostic);
    expect(errors).toEqual(['articles/2023/12/ferry-timetable.md:5: redirect_from.1: "/?p=1 2" has spaces in its query string, which a redirect file would read as the end of the URL (a browser sends them as %20 or +: write that)']);
  });
});
