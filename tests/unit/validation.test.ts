import { describe, expect, it } from "vitest";
import { loadArchive } from "../../src/archive/archive.ts";
import { formatDiagnostic } from "../../src/archive/diagnostics.ts";
import { createFixtureArchive, type FixtureArticle, type FixtureOptions } from "../support/fixtureArchive.ts";

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
