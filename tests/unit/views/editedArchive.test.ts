/**
 * The archive after edits that keep every article in its place, made from the previous one
 * (src/views/editedArchive.ts), against the archive assembled from scratch out of the same files: the same articles,
 * lists, diagnostics and per-article lookups, no object from before the edit left, and every page whose fingerprint
 * changed among those it says to fingerprint again. Every other kind of change is left to assembly.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { shownIdentity, type Article } from "../../../src/model/article.ts";
import { readSources, type LoadOptions, type SourceStats, type SourcesRead } from "../../../src/content/loadSources.ts";
import { assembled, type Archive } from "../../../src/views/archive.ts";
import { withEdits, type EditedArchive } from "../../../src/views/editedArchive.ts";
import { pageFingerprints } from "../../../src/publish/fingerprints.ts";
import { outputFileFor } from "../../../src/model/urls.ts";
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

/** Every object reachable from `value` (through arrays, plain objects and maps). */
function reachable(value: unknown, seen = new Set<object>()): Set<object> {
  if (value === null || typeof value !== "object" || seen.has(value)) return seen;
  seen.add(value);
  if (value instanceof Map) for (const [k, v] of value) reachable(v, reachable(k, seen));
  else if (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype) for (const v of Object.values(value)) reachable(v, seen);
  return seen;
}

/** No article object of the previous archive that an edit replaced is left in the edited one. */
function expectNothingFrom(before: Archive, edited: EditedArchive): void {
  const all = reachable(edited.archive);
  const left = edited.edits.filter((edit) => all.has(edit.before)).map((edit) => edit.before.url);
  expect(left).toEqual([]);
  expect(edited.edits.every((edit) => all.has(edit.after))).toBe(true);
  expect(before.articles.length).toBe(edited.archive.articles.length);
}

/** The fingerprints of an archive's pages (taken before it is edited: the edited archive takes over its maps). */
const printsOf = (archive: Archive): Map<string, string> => pageFingerprints(archive, "key").fingerprints;

/** Every page whose fingerprint differs from the previous archive's (`was`) is the edited articles' own, or among `showing`. */
function expectChangedPagesShown(was: Map<string, string>, edited: EditedArchive, fresh: Archive): string[] {
  const now = pageFingerprints(fresh, "key").fingerprints;
  const changed = [...now.keys()].filter((file) => was.get(file) !== now.get(file));
  const covered = new Set([
    ...edited.edits.map((edit) => outputFileFor(edit.after.url)),
    ...edited.showing.articles.map((article) => outputFileFor(article.url)),
    ...edited.showing.listings.map(({ page }) => outputFileFor(page.url)),
  ]);
  expect(changed.filter((file) => !covered.has(file))).toEqual([]);
  return changed;
}

describe("an archive after edits that keep every article in its place, made from the previous one", () => {
  it("equals the archive assembled again, for a published article, a draft and a scheduled one, edited together", () => {
    const root = fixture();
    const stats: SourceStats = new Map();
    const before = archiveOf(read(root, NOW, stats), NOW);
    const was = printsOf(before);
    const beforeHarbour = before.articles.find((a) => a.url === "/2023/12/09/harbour-vote/")?.contentHash;
    const append = (file: string, text: string) => fs.appendFileSync(path.join(root, "articles", file), text);
    // A paragraph at the end: the excerpt (the first paragraph) stays.
    append("2023/12/harbour-vote.md", "\nThe dredger arrives from the north in March.\n");
    append("2025/01/unfinished.md", "\nA second paragraph of the draft.\n");
    append("2024/07/regatta.md", "\nEntries close in June.\n");
    const later = NOW + 60_000;
    const result = read(root, later, stats);
    const edited = withEdits(before, result, { ...PREVIEW, now: later });
    expect(edited?.edits.map((e) => [e.after.sourcePath, e.shown]).sort()).toEqual([
      ["articles/2023/12/harbour-vote.md", false],
      ["articles/2024/07/regatta.md", false],
      ["articles/2025/01/unfinished.md", false],
    ]);
    expect(edited?.showing).toEqual({ articles: [], listings: [] });
    expect(edited?.edits.map((e) => e.after.preview ?? "")).toEqual(expect.arrayContaining(["", "draft", "scheduled"]));
    const fresh = archiveOf(read(root, later, new Map()), later);
    expectSameArchive(edited?.archive as Archive, fresh);
    expectNothingFrom(before, edited as EditedArchive);
    expectChangedPagesShown(was, edited as EditedArchive, fresh);
    // The edited article is the new one everywhere its body or hash is read.
    const harbour = edited?.archive.articles.find((a) => a.url === "/2023/12/09/harbour-vote/") as Article;
    expect(harbour.contentHash).toBe(fresh.articles.find((a) => a.url === harbour.url)?.contentHash);
    expect(edited?.archive.mustRead).toContain(harbour);
    expect(edited?.archive.related.has(harbour) || edited?.archive.neighbours.has(harbour)).toBe(true);
    expect(beforeHarbour).not.toBe(harbour.contentHash);
  });

  it("equals the archive assembled again after a new headline and excerpt, and names the pages that show them", () => {
    const root = fixture();
    const stats: SourceStats = new Map();
    let before = archiveOf(read(root, NOW, stats), NOW);
    const file = (name: string) => path.join(root, "articles", name);
    const edit = (name: string, change: (text: string) => string) => fs.writeFileSync(file(name), change(fs.readFileSync(file(name), "utf8")));
    // First a body edit, then a new headline of the same article and a new first paragraph (its excerpt) of another.
    fs.appendFileSync(file("2021/06/parking-column.md"), "\nA second paragraph.\n");
    let edited = withEdits(before, read(root, NOW, stats), { ...PREVIEW, now: NOW }) as EditedArchive;
    expect(edited.edits.map((e) => e.shown)).toEqual([false]);
    before = edited.archive;
    edit("2021/06/parking-column.md", (t) => t.replace("Parking is a public good", "Parking is a public good, says a reader"));
    edit("2023/11/ferry-timetable.md", (t) => t.replace("four times", "five times"));
    const was = printsOf(before);
    edited = withEdits(before, read(root, NOW, stats), { ...PREVIEW, now: NOW }) as EditedArchive;
    expect(edited.edits.map((e) => [e.after.sourcePath, e.shown]).sort()).toEqual([
      ["articles/2021/06/parking-column.md", true],
      ["articles/2023/11/ferry-timetable.md", true],
    ]);
    const fresh = archiveOf(read(root, NOW, new Map()), NOW);
    expectSameArchive(edited.archive, fresh);
    expectNothingFrom(before, edited);
    const changed = expectChangedPagesShown(was, edited, fresh);
    // The section, author and day listings, the neighbours' pages and more show the new headline.
    expect(changed.length).toBeGreaterThan(5);
    expect(edited.showing.listings.map(({ page }) => page.url)).toEqual(expect.arrayContaining(["/opinion/", "/2021/06/20/"]));
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
    const edited = withEdits(before, result, { ...PREVIEW, now: NOW });
    expect(edited).toBeDefined();
    expect(edited?.archive.diagnostics.map((d) => d.field)).toContain("colour");
    expectSameArchive(edited?.archive as Archive, archiveOf(read(root, NOW, new Map()), NOW));
  });

  it("leaves to assembly every change that is not a body edit", () => {
    type Change = (root: string) => void;
    const file = (root: string, name: string) => path.join(root, "articles", name);
    const edit = (name: string, change: (text: string) => string): Change => (root) => fs.writeFileSync(file(root, name), change(fs.readFileSync(file(root, name), "utf8")));
    const changes: Record<string, { change: Change; now?: number }> = {
      "a new date": { change: edit("2023/11/ferry-timetable.md", (t) => t.replace("date: 2023-11-02", "date: 2023-11-03")) },
      "a new section": { change: edit("2023/11/ferry-timetable.md", (t) => t.replace("section: news", "section: sport")) },
      "a new byline": { change: edit("2023/11/ferry-timetable.md", (t) => t.replace("author: Tobias Fenn", "author: Mira Holt")) },
      "a new tag": { change: edit("2023/11/ferry-timetable.md", (t) => t.replace("author: Tobias Fenn", "author: Tobias Fenn\ntags: [ferries]")) },
      "a new slug": { change: edit("2023/11/ferry-timetable.md", (t) => t.replace("author: Tobias Fenn", "author: Tobias Fenn\nslug: winter-ferries")) },
      "a new headline of a Must Read article (every page shows it)": { change: edit("2022/05/lighthouse-keepers.md", (t) => t.replace("to become", "will become")) },
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
      expect(withEdits(before, read(root, at, stats), { ...PREVIEW, now: at }), name).toBeUndefined();
    }
  });

  it("is not made from an archive read with other options", () => {
    const root = fixture();
    const stats: SourceStats = new Map();
    const live: LoadOptions = {};
    const before = archiveOf(read(root, NOW, stats, live), NOW, live);
    fs.appendFileSync(path.join(root, "articles/2023/11/ferry-timetable.md"), "\nMore.\n");
    expect(withEdits(before, read(root, NOW, stats), { ...PREVIEW, now: NOW })).toBeUndefined();
    // With the same options (a live build's archive holds the scheduled article back): made, and equal.
    const edited = withEdits(before, read(root, NOW, stats, live), { ...live, now: NOW });
    expect(edited).toBeDefined();
    expectSameArchive(edited?.archive as Archive, archiveOf(read(root, NOW, new Map(), live), NOW, live));
  });
});
