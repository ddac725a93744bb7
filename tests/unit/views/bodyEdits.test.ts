/**
 * The archive after body edits, made from the previous one (src/views/bodyEdits.ts), against the archive assembled
 * from scratch out of the same files: the same articles, lists, diagnostics and per-article lookups, as pages show
 * them. And every other kind of change is left to assembly.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { shownIdentity, type Article } from "../../../src/model/article.ts";
import { readSources, type LoadOptions, type SourceStats, type SourcesRead } from "../../../src/content/loadSources.ts";
import { assembled, type Archive } from "../../../src/views/archive.ts";
import { withBodyEdits } from "../../../src/views/bodyEdits.ts";
import { createFixtureArchive, writeArticle } from "../../support/fixtureArchive.ts";
import { GAZETTE_ARTICLES, GAZETTE_MUST_READ } from "../../support/gazetteFixture.ts";

const NOW = Date.UTC(2024, 5, 1);
/** As the dev server reads: drafts and articles dated later shown with their banners. */
const PREVIEW: LoadOptions = { includeDrafts: true, includeFuture: true };

const SCHEDULED = {
  path: "2024/07/regatta.md",
  frontMatter: "title: Regatta route announced\ndate: 2024-07-01T09:00:00+05:00\nsection: sport\nauthor: Lev Okonjo",
  body: "The summer regatta will round the lighthouse for the first time.\n",
};

function fixture(): string {
  return createFixtureArchive({ articles: [...GAZETTE_ARTICLES, SCHEDULED], mustRead: GAZETTE_MUST_READ });
}

function read(root: string, now: number, stats: SourceStats, options: LoadOptions = PREVIEW): Extract<SourcesRead, { ok: true }> {
  const result = readSources(root, { ...options, now, sourceStats: stats });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result;
}

function archiveOf(result: SourcesRead, now: number, options: LoadOptions = PREVIEW): Archive {
  const loaded = assembled(result, { ...options, now });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.archive;
}

/** Articles inside lists as other pages show them (URL and shown identity); the articles themselves in full. */
function shown(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && "contentHash" in v && "sourcePath" in v ? `${(v as Article).url} ${shownIdentity(v as Article)}` : v,
  );
}

function expectSameArchive(edited: Archive, fresh: Archive): void {
  expect(JSON.stringify(edited.articles)).toBe(JSON.stringify(fresh.articles));
  expect(JSON.stringify(edited.scheduled)).toBe(JSON.stringify(fresh.scheduled));
  expect(JSON.stringify(edited.mustRead)).toBe(JSON.stringify(fresh.mustRead));
  expect(JSON.stringify([...edited.sources])).toBe(JSON.stringify([...fresh.sources]));
  expect(edited.diagnostics).toEqual(fresh.diagnostics);
  const { articles: _a, scheduled: _s, mustRead: _m, sources: _src, diagnostics: _d, related: _r, neighbours: _n, sidebarsBefore: _b, ...lists } = edited;
  const { articles: _fa, scheduled: _fs, mustRead: _fm, sources: _fsrc, diagnostics: _fd, related: _fr, neighbours: _fn, sidebarsBefore: _fb, ...freshLists } = fresh;
  expect(shown(lists)).toBe(shown(freshLists));
  // Looked up by each article's own object, as its page does.
  const lookups = (archive: Archive) =>
    shown(archive.articles.map((a) => [a.url, archive.related.get(a) ?? null, archive.neighbours.get(a) ?? null, archive.sidebarsBefore.get(a) ?? null]));
  expect(lookups(edited)).toBe(lookups(fresh));
}

describe("an archive after body edits, made from the previous one", () => {
  it("equals the archive assembled again, for a published article, a draft and a scheduled one, edited together", () => {
    const root = fixture();
    const stats: SourceStats = new Map();
    const before = archiveOf(read(root, NOW, stats), NOW);
    const append = (file: string, text: string) => fs.appendFileSync(path.join(root, "articles", file), text);
    // A paragraph at the end: the excerpt (the first paragraph) stays.
    append("2023/12/harbour-vote.md", "\nThe dredger arrives from the north in March.\n");
    append("2025/01/unfinished.md", "\nA second paragraph of the draft.\n");
    append("2024/07/regatta.md", "\nEntries close in June.\n");
    const later = NOW + 60_000;
    const result = read(root, later, stats);
    const edited = withBodyEdits(before, result, { ...PREVIEW, now: later });
    expect(edited?.edits.map((e) => e.after.sourcePath).sort()).toEqual(["articles/2023/12/harbour-vote.md", "articles/2024/07/regatta.md", "articles/2025/01/unfinished.md"]);
    expect(edited?.edits.map((e) => e.after.preview ?? "")).toEqual(expect.arrayContaining(["", "draft", "scheduled"]));
    const fresh = archiveOf(read(root, later, new Map()), later);
    expectSameArchive(edited?.archive as Archive, fresh);
    // The edited article is the new one everywhere its body or hash is read.
    const harbour = edited?.archive.articles.find((a) => a.url === "/2023/12/09/harbour-vote/") as Article;
    expect(harbour.contentHash).toBe(fresh.articles.find((a) => a.url === harbour.url)?.contentHash);
    expect(edited?.archive.mustRead).toContain(harbour);
    expect(edited?.archive.related.has(harbour) || edited?.archive.neighbours.has(harbour)).toBe(true);
    // The previous archive is left as it was.
    expect(before.articles.find((a) => a.url === harbour.url)?.contentHash).not.toBe(harbour.contentHash);
  });

  it("keeps the cross-checks' diagnostics and takes the edited file's own warnings as read now", () => {
    const root = fixture();
    writeArticle(root, { path: "2023/11/linking.md", frontMatter: "title: A piece with a dead link\ndate: 2023-11-20\nsection: news\nauthor: Mira Holt", body: "See [the old page](/2019/01/01/gone/).\n" });
    const stats: SourceStats = new Map();
    const before = archiveOf(read(root, NOW, stats), NOW);
    expect(before.diagnostics.map((d) => d.message).join("\n")).toContain("/2019/01/01/gone/");
    // An unknown front matter field is a warning of the file's own.
    fs.writeFileSync(path.join(root, "articles/2023/11/ferry-timetable.md"), "---\ntitle: Ferry timetable changes for winter\ndate: 2023-11-02\nsection: news\nauthor: Tobias Fenn\ncolour: red\n---\nThe island ferry will run four times a day from November, down from six, the operator said.\n\nMore.\n");
    const result = read(root, NOW, stats);
    const edited = withBodyEdits(before, result, { ...PREVIEW, now: NOW });
    expect(edited).toBeDefined();
    expect(edited?.archive.diagnostics.map((d) => d.field)).toContain("colour");
    expectSameArchive(edited?.archive as Archive, archiveOf(read(root, NOW, new Map()), NOW));
  });

  it("leaves to assembly every change that is not a body edit", () => {
    type Change = (root: string) => void;
    const file = (root: string, name: string) => path.join(root, "articles", name);
    const edit = (name: string, change: (text: string) => string): Change => (root) => fs.writeFileSync(file(root, name), change(fs.readFileSync(file(root, name), "utf8")));
    const changes: Record<string, { change: Change; now?: number }> = {
      "a new title": { change: edit("2023/11/ferry-timetable.md", (t) => t.replace("Ferry timetable", "Winter ferry timetable")) },
      "a new first paragraph (the excerpt)": { change: edit("2023/11/ferry-timetable.md", (t) => t.replace("four times", "five times")) },
      "a new link to another article": { change: edit("2023/11/ferry-timetable.md", (t) => `${t}\nSee [the bus depot](/2021/02/14/bus-depot/).\n`) },
      "a new article": { change: (root) => writeArticle(root, { path: "2023/11/new.md", frontMatter: "title: New\ndate: 2023-11-03\nsection: news", body: "New.\n" }) },
      "a deleted article": { change: (root) => fs.rmSync(file(root, "2020/09/cup-final.md")) },
      "a draft made an article": { change: edit("2025/01/unfinished.md", (t) => t.replace("draft: true\n", "")) },
      "Must Read": { change: (root) => fs.writeFileSync(path.join(root, "_data/mustRead.json"), JSON.stringify({ articles: ["/2023/11/02/ferry-timetable/"] })) },
      "site data": { change: (root) => fs.writeFileSync(path.join(root, "_data/site.json"), fs.readFileSync(path.join(root, "_data/site.json"), "utf8").replace("Test archive", "The test archive")) },
      "the date of a scheduled article coming": { change: edit("2023/11/ferry-timetable.md", (t) => `${t}\nMore.\n`), now: Date.UTC(2024, 6, 2) },
      "time going back": { change: edit("2023/11/ferry-timetable.md", (t) => `${t}\nMore.\n`), now: NOW - 1 },
    };
    for (const [name, { change, now }] of Object.entries(changes)) {
      const root = fixture();
      const stats: SourceStats = new Map();
      const before = archiveOf(read(root, NOW, stats), NOW);
      change(root);
      const at = now ?? NOW;
      expect(withBodyEdits(before, read(root, at, stats), { ...PREVIEW, now: at }), name).toBeUndefined();
    }
  });

  it("is not made from an archive read with other options", () => {
    const root = fixture();
    const stats: SourceStats = new Map();
    const live: LoadOptions = {};
    const before = archiveOf(read(root, NOW, stats, live), NOW, live);
    fs.appendFileSync(path.join(root, "articles/2023/11/ferry-timetable.md"), "\nMore.\n");
    expect(withBodyEdits(before, read(root, NOW, stats), { ...PREVIEW, now: NOW })).toBeUndefined();
    // With the same options (a live build's archive holds the scheduled article back): made, and equal.
    const edited = withBodyEdits(before, read(root, NOW, stats, live), { ...live, now: NOW });
    expect(edited).toBeDefined();
    expectSameArchive(edited?.archive as Archive, archiveOf(read(root, NOW, new Map(), live), NOW, live));
  });
});
