/** `npm run new`: the planned file, its checks, and what the real command prints and returns. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../src/views/archive.ts";
import { formatDiagnostic, type Diagnostic } from "../../src/model/diagnostics.ts";
import { parseArticle, type ArticleContext, type ParsedArticle } from "../../src/content/parseArticle.ts";
import { createMarkdown } from "../../src/model/markdown.ts";
import {
  askForFields,
  MAX_SLUG_LENGTH,
  planNewArticle,
  slugForTitle,
  writeNewArticle,
  type NewArticleInput,
  type NewArticlePlan,
  type NewArticleSite,
} from "../../src/content/newArticle.ts";
import { loadSiteData } from "../../src/content/siteData.ts";
import { SLUG_PATTERN } from "../../src/model/urls.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { makeTempDir, writeArticle } from "../support/fixtureArchive.ts";
import { useFarOffDefaultZone } from "../support/farOffZone.ts";
import { SAMPLE_ROOT } from "../support/sampleFixture.ts";

/** A content root with the sample archive's `_data/` (its copy in tests/fixtures/sample/) and no articles yet. */
function contentRoot(site: Record<string, unknown> = {}): string {
  const root = makeTempDir("new-article");
  fs.cpSync(path.join(SAMPLE_ROOT, "_data"), path.join(root, "_data"), { recursive: true });
  // The sample's Must Read list names sample articles this root does not have.
  fs.writeFileSync(path.join(root, "_data/mustRead.json"), JSON.stringify({ articles: [] }));
  if (Object.keys(site).length > 0) {
    const file = path.join(root, "_data/site.json");
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, "utf8")), ...site }, null, 2));
  }
  return root;
}

function siteData(root: string): NewArticleSite {
  const diagnostics: Diagnostic[] = [];
  const data = loadSiteData(root, diagnostics);
  if (!data) throw new Error(diagnostics.map(formatDiagnostic).join("\n"));
  return data;
}

function plan(input: Partial<NewArticleInput>, data: NewArticleSite, now = FIXED_NOW): NewArticlePlan {
  const result = planNewArticle({ title: "Harbour vote", section: "news", authors: [], ...input }, data, now);
  if (!result.ok) throw new Error(result.problems.join("\n"));
  return result.plan;
}

/** Runs the loader on one file's text, as the build does. */
function parse(root: string, relativePath: string, text: string): { parsed: ParsedArticle; diagnostics: string[] } {
  const data = siteData(root);
  const context: ArticleContext = {
    site: data.site,
    sectionsBySlug: new Map(data.sections.map((s) => [s.slug, s])),
    markdown: createMarkdown(),
  };
  const diagnostics: Diagnostic[] = [];
  const parsed = parseArticle(relativePath, text, context, diagnostics);
  return { parsed, diagnostics: diagnostics.map(formatDiagnostic) };
}

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The real command, without a terminal (stdin is a pipe), as CI or a script would run it. */
function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/new.ts"), ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: { ...process.env, ...options.env },
    input: "",
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function filesUnder(root: string): string[] {
  const dir = path.join(root, "articles");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".md"))
    .map((name) => `articles/${name.split(path.sep).join("/")}`)
    .sort();
}

/** 21:30 UTC on 31 March is already 1 April in Karachi (+05:00): the folder and URL must say April. */
const FIXED_NOW = DateTime.fromISO("2024-03-31T21:30:42.123Z", { zone: "America/Los_Angeles" });

const NASTY_TITLES = [
  'Breaking: "quotes" & \'apostrophes\'',
  "# not a comment",
  "- a leading dash",
  "? a leading question mark",
  ": a leading colon",
  "Mayor says: we will rebuild # tonight",
  "trailing colon:",
  "true",
  "null",
  "1984",
  "0x1F",
  "2024-03-05",
  "@handle and `backticks`",
  "[brackets] and {braces}",
  "*stars* & &anchor and !tag",
  "%percent |pipe >greater",
  "---",
  "...",
  "“Curly” quotes — and an em dash",
  "Tabs\tand\nnewlines collapse",
  "Backslash \\ and a 'single' quote",
  "Ölpreis steigt: Café-Besitzer in Zürich besorgt",
  "港口委员会投票: 疏浚",
  "A very long headline ".repeat(12).trim(),
];

useFarOffDefaultZone();

describe("slugForTitle", () => {
  it("transliterates accents, umlauts, curly quotes and ampersands", () => {
    expect(slugForTitle("Café Zürich: ‘Ölpreis’ & more")).toBe("cafe-zuerich-oelpreis-and-more");
    expect(slugForTitle("Привет мир")).toBe("privet-mir");
  });

  it("falls back to a deterministic, valid slug for a title slugify cannot transliterate", () => {
    const slug = slugForTitle("港口委员会投票");
    expect(slug).toMatch(/^article-[0-9a-f]{8}$/);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(slugForTitle("港口委员会投票")).toBe(slug);
    expect(slugForTitle("渡轮时刻表变更")).not.toBe(slug);
    expect(slugForTitle("!!!")).toMatch(/^article-[0-9a-f]{8}$/);
  });

  it("cuts a long headline at a word, within the limit", () => {
    const title = "A very long headline ".repeat(12);
    const slug = slugForTitle(title);
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug.length).toBeGreaterThan(MAX_SLUG_LENGTH - 12);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(`${"a-very-long-headline-".repeat(12)}`.startsWith(`${slug}-`)).toBe(true);
  });
});

describe("planNewArticle", () => {
  const root = contentRoot();
  const data = siteData(root);

  it("writes the front matter the sample articles use, as a draft, dated now in the site's zone", () => {
    const planned = plan(
      { title: "Harbour board: dredging vote", section: "news", authors: ["Samira Qadir", "Daniel Okafor"], dateline: "PORT CALLOWAY" },
      data,
    );
    expect(planned.relativePath).toBe("articles/2024/04/harbour-board-dredging-vote.md");
    expect(planned.url).toBe("/2024/04/01/harbour-board-dredging-vote/");
    expect(planned.draft).toBe(true);
    expect(planned.text).toBe(
      [
        "---",
        'title: "Harbour board: dredging vote"',
        "date: 2024-04-01T02:30:00+05:00",
        "section: news",
        "author:",
        "  - Samira Qadir",
        "  - Daniel Okafor",
        "dateline: PORT CALLOWAY",
        "draft: true",
        "---",
        "",
        "Write the article here. This paragraph is a placeholder for the editor to replace.",
        "",
      ].join("\n"),
    );
  });

  it("writes one author as a name, leaves out an empty byline and dateline, and drops draft with publish", () => {
    const one = plan({ authors: ["  Nadia   Rahman "], dateline: "  " }, data);
    expect(one.text).toContain("\nauthor: Nadia Rahman\n");
    expect(one.text).not.toContain("dateline");
    const unsigned = plan({ section: "editorial", publish: true }, data);
    expect(unsigned.text).not.toContain("author");
    expect(unsigned.text).not.toContain("draft");
    expect(unsigned.draft).toBe(false);
  });

  it("reads a given date in the site's zone: offsets converted, wall-clock times kept, bare days kept bare", () => {
    expect(plan({ date: "2023-12-08T22:30:00Z" }, data).text).toContain("\ndate: 2023-12-09T03:30:00+05:00\n");
    expect(plan({ date: "2023-12-08T22:30:00Z" }, data).relativePath).toBe("articles/2023/12/harbour-vote.md");
    expect(plan({ date: "2023-12-08T22:30" }, data).text).toContain("\ndate: 2023-12-08T22:30:00+05:00\n");
    const bare = plan({ date: "2023-12-31" }, data);
    expect(bare.text).toContain("\ndate: 2023-12-31\n");
    expect(bare.url).toBe("/2023/12/31/harbour-vote/");
  });

  it("takes the default date in the site's zone whatever zone `now` is given in", () => {
    const tokyoNow = FIXED_NOW.setZone("Asia/Tokyo");
    expect(plan({}, data, tokyoNow).text).toContain("\ndate: 2024-04-01T02:30:00+05:00\n");
    const losAngeles = plan({}, { ...data, site: { ...data.site, timezone: "America/Los_Angeles" } });
    expect(losAngeles.text).toContain("\ndate: 2024-03-31T14:30:00-07:00\n");
    expect(losAngeles.relativePath).toBe("articles/2024/03/harbour-vote.md");
  });

  it("names the problems: unknown section with the valid slugs, invalid date, empty title", () => {
    const result = planNewArticle({ title: "  ", section: "weather", authors: [], date: "2023-13-45" }, data, FIXED_NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      "title: is required",
      'section: "weather" is not a section in _data/sections.json (known sections: news, opinion, editorial, business, culture, sport)',
      'date: "2023-13-45" is not a valid date (expected YYYY-MM-DD or an ISO 8601 time such as "2023-12-08T22:30:00+05:00")',
    ]);
  });

  it("round-trips nasty titles, names and datelines through the loader with no diagnostics", () => {
    for (const title of NASTY_TITLES) {
      const authors = ["Smith, Jr.", "- Dash", "O'Brien: \"Ed\""];
      const dateline = "KESTREL POINT: #1";
      const published = plan({ title, authors, dateline, publish: true }, data);
      const { parsed, diagnostics } = parse(root, published.relativePath, published.text);
      expect(diagnostics, title).toEqual([]);
      expect(parsed.kind, title).toBe("article");
      if (parsed.kind !== "article") continue;
      expect(parsed.article.title).toBe(title.replace(/\s+/g, " "));
      expect(parsed.article.authors).toEqual(authors);
      expect(parsed.article.dateline).toBe(dateline);
      expect(parsed.article.url).toBe(published.url);
      expect(parsed.article.published.iso).toBe("2024-04-01T02:30:00+05:00");

      const draft = plan({ title, authors, dateline }, data);
      const asDraft = parse(root, draft.relativePath, draft.text);
      expect(asDraft.diagnostics, title).toEqual([]);
      expect(asDraft.parsed.kind).toBe("draft");
    }
  });
});

describe("writeNewArticle", () => {
  it("creates the file, then refuses to overwrite it", () => {
    const root = contentRoot();
    const data = siteData(root);
    const planned = plan({}, data);
    expect(writeNewArticle(root, planned, data.site.timezone)).toEqual({ ok: true });
    expect(fs.readFileSync(path.join(root, planned.relativePath), "utf8")).toBe(planned.text);

    const again = plan({ title: "Harbour vote", authors: ["Someone Else"] }, data);
    const refused = writeNewArticle(root, again, data.site.timezone);
    expect(refused).toEqual({
      ok: false,
      reason: "articles/2024/04/harbour-vote.md already exists; nothing was written (choose another title or date)",
    });
    expect(fs.readFileSync(path.join(root, planned.relativePath), "utf8")).toBe(planned.text);
  });

  it("refuses a URL another article in the month's folder already has, even a draft under another file name", () => {
    const root = contentRoot();
    const data = siteData(root);
    writeArticle(root, {
      path: "2024/04/vote-on-the-harbour.md",
      frontMatter: "title: Vote\ndate: 2024-03-31T23:00:00Z\nsection: news\nslug: harbour-vote\ndraft: true",
    });
    const refused = writeNewArticle(root, plan({}, data), data.site.timezone);
    expect(refused).toEqual({
      ok: false,
      reason: "URL /2024/04/01/harbour-vote/ is already used by articles/2024/04/vote-on-the-harbour.md; nothing was written (choose another title or date)",
    });
    expect(filesUnder(root)).toEqual(["articles/2024/04/vote-on-the-harbour.md"]);
  });

  it("allows the same slug on another day of another month", () => {
    const root = contentRoot();
    const data = siteData(root);
    writeArticle(root, { path: "2024/03/harbour-vote.md", frontMatter: "title: Vote\ndate: 2024-03-02\nsection: news" });
    expect(writeNewArticle(root, plan({}, data), data.site.timezone)).toEqual({ ok: true });
    const loaded = loadArchive(root);
    expect(loaded.ok && loaded.archive.diagnostics).toEqual([]);
  });
});

describe("askForFields", () => {
  const data = siteData(contentRoot());

  /** Answers questions from a script and records them. */
  function scripted(answers: string[]): { ask: (q: string) => Promise<string>; questions: string[] } {
    const questions: string[] = [];
    return {
      questions,
      ask: async (question) => {
        questions.push(question);
        const answer = answers.shift();
        if (answer === undefined) throw new Error(`no answer for ${question}`);
        return answer;
      },
    };
  }

  it("asks for each field, showing the sections, until title and section are valid", async () => {
    const { ask, questions } = scripted(["", "  Ferry timetable  ", "weather", "9", "2", "Smith, Jr.", "Ann Lee", "", "DUBAI"]);
    const fields = await askForFields({}, data.sections, ask);
    expect(fields).toEqual({ title: "Ferry timetable", section: "opinion", authors: ["Smith, Jr.", "Ann Lee"], dateline: "DUBAI" });
    expect(questions[2]).toContain("1) news (News)");
    expect(questions[2]).toContain("6) sport (Sport)");
    expect(questions[3]).toContain("Not a section");
  });

  it("asks only for what was not given, and accepts a slug", async () => {
    const { ask, questions } = scripted(["Sport", ""]);
    const fields = await askForFields({ title: "Gulls draw", authors: ["Bilal Haider"] }, data.sections, ask);
    expect(fields).toEqual({ title: "Gulls draw", section: "sport", authors: ["Bilal Haider"], dateline: "" });
    expect(questions).toHaveLength(2);
  });
});

describe("npm run new (the real command)", () => {
  it("creates a draft the archive loads, prints its path on stdout and the publishing hint on stderr", () => {
    const root = contentRoot();
    const run = runCli(["--root", root, "--title", "Café Zürich: ‘Ölpreis’ & more", "--section", "opinion", "--author", "Smith, Jr.", "--author", "Ann Lee", "--dateline", "PORT CALLOWAY"]);
    expect(run.stderr).toMatch(/^Created as a draft: remove `draft: true` from its front matter to publish it at \/\d{4}\/\d{2}\/\d{2}\/cafe-zuerich-oelpreis-and-more\/ on the next build\.\n$/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^articles\/\d{4}\/\d{2}\/cafe-zuerich-oelpreis-and-more\.md\n$/);
    const created = run.stdout.trim();
    expect(filesUnder(root)).toEqual([created]);

    const text = fs.readFileSync(path.join(root, created), "utf8");
    const date = /\ndate: (\S+)\n/.exec(text)?.[1] ?? "";
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+05:00$/);
    expect(created.startsWith(`articles/${date.slice(0, 4)}/${date.slice(5, 7)}/`)).toBe(true);
    expect(text).toContain('title: "Café Zürich: ‘Ölpreis’ & more"\n');
    expect(text).toContain("author:\n  - Smith, Jr.\n  - Ann Lee\n");
    expect(text).toContain("draft: true\n");

    const loaded = loadArchive(root);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.archive.diagnostics).toEqual([]);
    expect(loaded.archive.draftCount).toBe(1);
    expect(loaded.archive.articles).toEqual([]);
  });

  it("with --publish and --date, creates an article the archive publishes at the expected URL", () => {
    const root = contentRoot();
    const run = runCli(["--root", root, "--title", "Ferry: timetable #2", "--section", "news", "--date", "2023-12-08T22:30:00Z", "--publish"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("articles/2023/12/ferry-timetable-2.md\n");
    expect(run.stderr).toBe("It will be published at /2023/12/09/ferry-timetable-2/ on the next build.\n");
    const loaded = loadArchive(root);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.archive.diagnostics).toEqual([]);
    expect(loaded.archive.articles.map((a) => [a.url, a.title, a.published.iso])).toEqual([
      ["/2023/12/09/ferry-timetable-2/", "Ferry: timetable #2", "2023-12-09T03:30:00+05:00"],
    ]);
  });

  it("dates the article in the site's zone, not the machine's, and uses the current folder by default", () => {
    const root = contentRoot({ timezone: "Pacific/Kiritimati" });
    // `npm run new` runs `tsx src/cli/new.ts` from the content root; the tsx binary finds its loader from anywhere.
    const result = spawnSync(path.join(PROJECT_ROOT, "node_modules/.bin/tsx"), [path.join(PROJECT_ROOT, "src/cli/new.ts"), "--title", "Tide tables", "--section", "news"], {
      cwd: root,
      env: { ...process.env, TZ: "America/Los_Angeles" },
      input: "",
      encoding: "utf8",
    });
    expect(result.stderr).toContain("Created as a draft");
    expect(result.status).toBe(0);
    const created = result.stdout.trim();
    expect(filesUnder(root)).toEqual([created]);
    expect(fs.readFileSync(path.join(root, created), "utf8")).toMatch(/\ndate: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+14:00\n/);
  });

  it("without a terminal, names the missing flags with a usage line and exits 2", () => {
    const root = contentRoot();
    const none = runCli(["--root", root]);
    expect(none.status).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toMatch(/^Missing --title and --section\.\nUsage: npm run new -- --title "Headline" --section SLUG /);
    const noSection = runCli(["--root", root, "--title", "Harbour vote"]);
    expect(noSection.status).toBe(2);
    expect(noSection.stderr).toMatch(/^Missing --section\.\nUsage: /);
    expect(filesUnder(root)).toEqual([]);
  });

  it("refuses an unknown section, listing the valid ones, with exit 2", () => {
    const root = contentRoot();
    const run = runCli(["--root", root, "--title", "Rain", "--section", "weather"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      'section: "weather" is not a section in _data/sections.json (known sections: news, opinion, editorial, business, culture, sport)\nUsage: ',
    );
    expect(filesUnder(root)).toEqual([]);
  });

  it("refuses an invalid date with exit 2", () => {
    const root = contentRoot();
    const run = runCli(["--root", root, "--title", "Rain", "--section", "news", "--date", "2024-02-30"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('date: "2024-02-30" is not a valid date (expected YYYY-MM-DD or an ISO 8601 time');
    expect(filesUnder(root)).toEqual([]);
  });

  it("refuses an unknown option with exit 2", () => {
    const root = contentRoot();
    const run = runCli(["--root", root, "--title", "Rain", "--section", "news", "--authors", "A"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Unknown option '--authors'");
    expect(run.stderr).toContain("Usage: ");
  });

  it("refuses to overwrite an existing file, naming it, with exit 1", () => {
    const root = contentRoot();
    const args = ["--root", root, "--title", "Harbour vote", "--section", "news", "--date", "2024-04-01T09:00"];
    expect(runCli(args).status).toBe(0);
    const file = path.join(root, "articles/2024/04/harbour-vote.md");
    const before = fs.readFileSync(file, "utf8");
    const again = runCli([...args.slice(0, -1), "2024-04-20T09:00", "--author", "Someone Else"]);
    expect(again.status).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toBe("articles/2024/04/harbour-vote.md already exists; nothing was written (choose another title or date)\n");
    expect(fs.readFileSync(file, "utf8")).toBe(before);
  });

  it("falls back to a valid slug for a title in Chinese", () => {
    const root = contentRoot();
    const run = runCli(["--root", root, "--title", "港口委员会投票", "--section", "news", "--date", "2024-04-01", "--publish"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`articles/2024/04/${slugForTitle("港口委员会投票")}.md\n`);
    const loaded = loadArchive(root);
    expect(loaded.ok && loaded.archive.articles.map((a) => [a.title, a.url])).toEqual([
      ["港口委员会投票", `/2024/04/01/${slugForTitle("港口委员会投票")}/`],
    ]);
  });

  it("refuses when the site data cannot be read, with exit 1", () => {
    const root = makeTempDir("new-article-empty");
    const run = runCli(["--root", root, "--title", "Rain", "--section", "news"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("_data/site.json: file is missing");
    expect(filesUnder(root)).toEqual([]);
  });
});
