/**
 * Republishing: after each kind of change, an incremental build of the
 * published site gives exactly the tree a full build gives (same files, same
 * bytes, no stale pages, folders or search entries), and rewrites only what the
 * change touches.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, newBuildSession, type BuildReport } from "../../src/publish/buildSite.ts";
import { createFixtureArchive, makeTempDir, writeArticle } from "../support/fixtureArchive.ts";
import { GAZETTE_ARTICLES, GAZETTE_MUST_READ } from "../support/gazetteFixture.ts";
import { openSearch, searchUrls } from "../support/pagefindQuery.ts";

/** Every file and folder under `dir`, folders marked with a trailing slash. */
function listTree(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)) + (e.isDirectory() ? "/" : ""))
    .sort();
}

function expectSameTree(actual: string, expected: string): void {
  const files = listTree(expected);
  expect(listTree(actual)).toEqual(files);
  const different = files.filter((f) => !f.endsWith("/") && !fs.readFileSync(path.join(actual, f)).equals(fs.readFileSync(path.join(expected, f))));
  expect(different).toEqual([]);
}

let root: string;
let site: string;

/** What a build after an edit of a body alone did: that page fingerprinted and written, its shard indexed, no sitemap written. */
function expectOnlyTheEditedPage(report: BuildReport): void {
  expect(report.mode).toBe("incremental");
  expect(report.pagesFingerprinted).toBe(1);
  expect(report.pagesWritten).toBe(1);
  expect(report.shardsWritten).toBe(1);
  expect(report.sitemapsWritten).toBe(0);
}

/** Builds the published site incrementally and a fresh site in full, and compares them. */
async function republishAndCompare(onStage?: (stage: string) => void): Promise<BuildReport> {
  // On this small archive most changes touch most pages: never fall back to a full build, so the update path is what is compared.
  const report = await buildSite({ contentRoot: root, outputDir: site, incrementalLimit: 1, ...(onStage ? { onStage } : {}) });
  const full = path.join(makeTempDir("incremental-full"), "_site");
  const fullReport = await buildSite({ contentRoot: root, outputDir: full });
  expect(fullReport.mode).toBe("full");
  expectSameTree(site, full);
  return report;
}

const article = (file: string, frontMatter: string, body: string) => writeArticle(root, { path: file, frontMatter, body });

describe("incremental republishing", () => {
  beforeAll(async () => {
    // Shards of at most two articles, so a busy year is split and several shards exist.
    root = createFixtureArchive({ articles: GAZETTE_ARTICLES, mustRead: GAZETTE_MUST_READ, site: { searchShardSize: 2, latestCount: 2 } });
    site = path.join(makeTempDir("incremental"), "_site");
    const first = await buildSite({ contentRoot: root, outputDir: site });
    expect(first.mode).toBe("full");
  });

  it("rewrites nothing when nothing changed", async () => {
    const report = await republishAndCompare();
    expect(report.mode).toBe("incremental");
    expect(report.pagesWritten).toBe(0);
    expect(report.shardsWritten).toBe(0);
  });

  it("adds today's article: its page, its section's listings and the newest search shard only", async () => {
    article("2024/02/new-column.md", "title: A new column on quillwort\ndate: 2024-02-03T09:00:00+05:00\nsection: opinion\nauthor: Lev Okonjo", "Quillwort again, and zymurgy.\n");
    const report = await republishAndCompare();
    expect(report.mode).toBe("incremental");
    // The article and the listings it joins (Opinion's pages, its day, month, year, author and the indexes);
    // no other article page: sidebars list earlier pieces only.
    expect(report.pagesWritten).toBeLessThan(16);
    expect(fs.readdirSync(path.join(site, "2024/02/03"))).toEqual(["index.html", "new-column"]);
    expect(report.shardsWritten).toBe(1);
    // Of the sitemaps, 2024's and the listings' (their lastmods); the other years' are left as published.
    expect(fs.readdirSync(site).filter((name) => /^sitemap-(\d{4}|pages)\.xml$/.test(name)).length).toBeGreaterThan(2);
    expect(report.sitemapsWritten).toBe(2);
    expect(fs.readFileSync(path.join(site, "latest.json"), "utf8")).toContain("A new column on quillwort");
    expect(await searchUrls(await openSearch(site), "zymurgy")).toEqual(["/2024/02/03/new-column/"]);
  });

  it("edits an article: the new headline everywhere it is listed", async () => {
    article("2021/06/parking-column.md", "title: Parking is a public good, mostly\ndate: 2021-06-20\nsection: opinion\nauthor: Lev Okonjo", "Nobody likes paying for parking.\n");
    const report = await republishAndCompare();
    expect(report.mode).toBe("incremental");
    expect(report.pagesWritten).toBeGreaterThan(1);
  });

  it("edits the body of a Must Read article: its own page and search shard only, though every page lists it", async () => {
    // The lighthouse piece is in Must Read, so every article page shows it: its headline, date and excerpt, not its body.
    const file = path.join(root, "articles/2022/05/lighthouse-keepers.md");
    fs.appendFileSync(file, "\nA later paragraph about the keepers' quinces.\n");
    const stages: string[] = [];
    const report = await republishAndCompare((stage) => stages.push(stage));
    expect(report.mode).toBe("incremental");
    expect(report.pagesWritten).toBe(1);
    expect(report.shardsWritten).toBe(1);
    expect(report.sitemapsWritten).toBe(0);
    // The changed shard started indexing once the shards were planned, before the pages' plan was done.
    expect(stages.slice(0, 5)).toEqual(["load", "photo check", "plan", "search index", "photos"]);
    expect(await searchUrls(await openSearch(site), "quinces")).toEqual(["/2022/05/01/lighthouse-museum/"]);
  });

  it("adds an article dated in the past: later pages' sidebars take it in", async () => {
    article("2022/01/old-editorial.md", "title: An editorial found in a drawer\ndate: 2022-01-15T12:00:00+05:00\nsection: editorial", "The drawer held a xenial editorial.\n");
    expect((await republishAndCompare()).mode).toBe("incremental");
  });

  it("deletes an article: its page, folder and search entry disappear", async () => {
    fs.rmSync(path.join(root, "articles/2020/09/cup-final.md"));
    const report = await republishAndCompare();
    expect(report.mode).toBe("incremental");
    // The article, and its day, month and year pages (nothing else was published in 2020).
    expect(report.pagesDeleted).toBeGreaterThanOrEqual(4);
    expect(fs.existsSync(path.join(site, "2020"))).toBe(false);
    expect(await searchUrls(await openSearch(site), "penalties")).toEqual([]);
  });

  it("repairs pages and a search shard deleted by hand from the published site", async () => {
    const shard = fs.readdirSync(path.join(site, "pagefind"), { withFileTypes: true }).find((e) => e.isDirectory())?.name ?? "";
    expect(shard).not.toBe("");
    fs.rmSync(path.join(site, "2021/06/20/parking-column/index.html"));
    fs.rmSync(path.join(site, "news/index.html"));
    fs.rmSync(path.join(site, "pagefind", shard), { recursive: true });
    fs.rmSync(path.join(site, "assets/site.css"));
    // Nothing changed in the archive: only what is missing is written again.
    const report = await republishAndCompare();
    expect(report.mode).toBe("incremental");
    expect(report.pagesWritten).toBe(2);
    expect(report.shardsWritten).toBe(1);
  });

  it("falls back to a full build when most pages change", async () => {
    // Every article page shows Must Read: emptying it changes more pages than this limit allows.
    fs.writeFileSync(path.join(root, "_data/mustRead.json"), JSON.stringify({ articles: [] }));
    expect((await buildSite({ contentRoot: root, outputDir: site, incrementalLimit: 0.1 })).mode).toBe("full");
  });

  it("changes Must Read and publishes a draft", async () => {
    fs.writeFileSync(path.join(root, "_data/mustRead.json"), JSON.stringify({ articles: ["/2021/02/14/bus-depot/"] }));
    article("2025/01/unfinished.md", "title: Marram grass, finished\ndate: 2025-01-10\nsection: opinion", "Marram grass holds the dunes together.\n");
    expect((await republishAndCompare()).mode).toBe("incremental");
  });

  it("keeps the published search shards a full build did not change, and gives the tree a fresh full build gives", async () => {
    article("2021/06/parking-column.md", "title: Parking is a public good, mostly\ndate: 2021-06-20\nsection: opinion\nauthor: Lev Okonjo", "Nobody likes paying for parking, nor for quahogs.\n");
    // Limit 0: any change renders every page, as a template change does; the search index is another stage.
    const report = await buildSite({ contentRoot: root, outputDir: site, incrementalLimit: 0 });
    expect(report.mode).toBe("full");
    expect(report.shardsWritten).toBe(1);
    expect(report.shardsReused).toBeGreaterThan(1);
    const full = path.join(makeTempDir("incremental-full"), "_site");
    const fresh = await buildSite({ contentRoot: root, outputDir: full });
    expect(fresh.shardsReused).toBe(0);
    expectSameTree(site, full);
    expect(await searchUrls(await openSearch(site), "quahogs")).toEqual(["/2021/06/20/parking-column/"]);
    // Asked for in full: nothing is kept.
    const forced = await buildSite({ contentRoot: root, outputDir: site, full: true });
    expect(forced.shardsReused).toBe(0);
    expect(forced.shardsWritten).toBe(report.shardsWritten + report.shardsReused);
  });

  it("rebuilds in full when a template input changes (the path prefix here) or when asked", async () => {
    const prefixed = await buildSite({ contentRoot: root, outputDir: site, pathPrefix: "/gazette/" });
    expect(prefixed.mode).toBe("full");
    const again = await buildSite({ contentRoot: root, outputDir: site, pathPrefix: "/gazette/" });
    expect(again.mode).toBe("incremental");
    expect((await buildSite({ contentRoot: root, outputDir: site, pathPrefix: "/gazette/", full: true })).mode).toBe("full");
  });

  it("keeps the stamps of files older than a few seconds, skips reading them, and reads a file rewritten at the same size", async () => {
    const cacheDir = path.join(path.dirname(site), "._site.parse-cache");
    const stamps = (): Record<string, string> =>
      Object.assign({}, ...fs.readdirSync(cacheDir).map((name) => (JSON.parse(fs.readFileSync(path.join(cacheDir, name), "utf8")) as { stamps: Record<string, string> }).stamps));
    // Files written in the last seconds are not stamped (a file system with coarse times could miss a write then).
    const file = "articles/2021/06/parking-column.md";
    fs.writeFileSync(path.join(root, file), fs.readFileSync(path.join(root, file)));
    await buildSite({ contentRoot: root, outputDir: site });
    expect(stamps()[file]).toBeUndefined();
    expect(Object.keys(stamps()).length).toBeGreaterThan(5);
    await new Promise((resolve) => setTimeout(resolve, 3200));
    expect((await buildSite({ contentRoot: root, outputDir: site })).pagesWritten).toBe(0);
    expect(Object.keys(stamps())).toContain(file);
    // The same size, another word: a new change time, so the file is read again and the page follows.
    const text = fs.readFileSync(path.join(root, file), "utf8");
    expect(text).toContain("quahogs");
    fs.writeFileSync(path.join(root, file), text.replace("quahogs", "mussels"));
    await republishAndCompare();
    expect(fs.readFileSync(path.join(site, "2021/06/20/parking-column/index.html"), "utf8")).toContain("mussels");
  });

  it("rebuilds in full when the published folder was replaced by other means", async () => {
    const other = `${site}-replaced`;
    fs.cpSync(site, other, { recursive: true });
    fs.rmSync(site, { recursive: true });
    fs.renameSync(other, site);
    expect((await buildSite({ contentRoot: root, outputDir: site, pathPrefix: "/gazette/" })).mode).toBe("full");
  });
});

describe("a published folder deleted by hand", () => {
  it("is built again whole when it was made again, empty, under its name (the state beside it describes a tree that is gone)", async () => {
    const gazette = createFixtureArchive({ articles: GAZETTE_ARTICLES, mustRead: GAZETTE_MUST_READ });
    const published = path.join(makeTempDir("remade-folder"), "_site");
    await buildSite({ contentRoot: gazette, outputDir: published });
    // Deleted by hand and made again, empty: the state beside it describes a tree that is gone.
    fs.rmSync(published, { recursive: true });
    fs.mkdirSync(published);
    const again = await buildSite({ contentRoot: gazette, outputDir: published });
    expect(again.mode).toBe("full");
    const fresh = path.join(makeTempDir("remade-folder-fresh"), "_site");
    await buildSite({ contentRoot: gazette, outputDir: fresh });
    expectSameTree(published, fresh);
  });
});

describe("generated files deleted by hand from the published site", () => {
  it("are written again by the next republish, even after an edit that keeps every article in its place", async () => {
    const gazette = createFixtureArchive({ articles: GAZETTE_ARTICLES, mustRead: GAZETTE_MUST_READ });
    const published = path.join(makeTempDir("generated-deleted"), "_site");
    await buildSite({ contentRoot: gazette, outputDir: published });
    const generated = ["sitemap.xml", "sitemap-pages.xml", "sitemap-2023.xml", "feed.xml"];
    for (const file of generated) expect(fs.existsSync(path.join(published, file)), file).toBe(true);
    for (const file of generated) fs.rmSync(path.join(published, file));
    // A new paragraph at the end of a body: every article keeps its place, the sitemaps would stay as published.
    fs.appendFileSync(path.join(gazette, "articles/2023/12/harbour-vote.md"), "\nThe dredger arrives in March.\n");
    await buildSite({ contentRoot: gazette, outputDir: published });
    const fresh = path.join(makeTempDir("generated-deleted-fresh"), "_site");
    await buildSite({ contentRoot: gazette, outputDir: fresh });
    expectSameTree(published, fresh);
  });
});

describe("a republish after edits that keep every article in its place (from the published state)", () => {
  let editRoot: string;
  let editSite: string;
  let allPages: number;
  const build = (now?: number): Promise<BuildReport> => buildSite({ contentRoot: editRoot, outputDir: editSite, incrementalLimit: 1, ...(now ? { now } : {}) });
  const fresh = async (now?: number): Promise<string> => {
    const full = path.join(makeTempDir("edits-full"), "_site");
    await buildSite({ contentRoot: editRoot, outputDir: full, ...(now ? { now } : {}) });
    return full;
  };
  const file = (relative: string): string => path.join(editRoot, "articles", relative);
  const replaceIn = (relative: string, from: string, to: string): void => fs.writeFileSync(file(relative), fs.readFileSync(file(relative), "utf8").replace(from, to));

  beforeAll(async () => {
    editRoot = createFixtureArchive({ articles: GAZETTE_ARTICLES, mustRead: GAZETTE_MUST_READ, site: { searchShardSize: 2, latestCount: 2 } });
    editSite = path.join(makeTempDir("edits"), "_site");
    const first = await build();
    allPages = first.pagesFingerprinted;
    expect(allPages).toBeGreaterThan(20);
  });

  it("fingerprints and writes only the edited page and its search shard after an edit of a body", async () => {
    fs.appendFileSync(file("2023/11/ferry-timetable.md"), "\nThe winter boats carry forty bicycles.\n");
    const report = await build();
    expectOnlyTheEditedPage(report);
    expect(await searchUrls(await openSearch(editSite), "bicycles")).toEqual(["/2023/11/02/ferry-timetable/"]);
    expectSameTree(editSite, await fresh());
  });

  it("fingerprints the pages that show a new headline, and no other", async () => {
    replaceIn("2023/11/ferry-timetable.md", "Ferry timetable changes for winter", "Ferry timetable changes for the dark months");
    const report = await build();
    expect(report.pagesFingerprinted).toBeGreaterThan(3);
    expect(report.pagesFingerprinted).toBeLessThan(allPages);
    expect(report.pagesWritten).toBeLessThanOrEqual(report.pagesFingerprinted);
    expect(fs.readFileSync(path.join(editSite, "news/index.html"), "utf8")).toContain("the dark months");
    expectSameTree(editSite, await fresh());
  });

  it("fingerprints every page when the edit is shown on every page, the parse cache is not the state's, or a page is missing", async () => {
    // A new headline of a Must Read article: every article page shows it.
    replaceIn("2023/12/harbour-vote.md", "final", "last");
    expect((await build()).pagesFingerprinted).toBe(allPages);
    expectSameTree(editSite, await fresh());
    // A parse cache that is not the published state's (a build killed after publishing, before writing it).
    const cache = path.join(path.dirname(editSite), "._site.parse-cache");
    expect(fs.existsSync(cache)).toBe(true);
    fs.rmSync(cache, { recursive: true });
    fs.appendFileSync(file("2023/11/ferry-timetable.md"), "\nA third paragraph.\n");
    expect((await build()).pagesFingerprinted).toBe(allPages);
    expectSameTree(editSite, await fresh());
    // A page deleted by hand is written again.
    fs.rmSync(path.join(editSite, "news/index.html"));
    fs.appendFileSync(file("2023/11/ferry-timetable.md"), "\nA fourth paragraph.\n");
    const repaired = await build();
    expect(repaired.pagesFingerprinted).toBe(allPages);
    expect(fs.existsSync(path.join(editSite, "news/index.html"))).toBe(true);
    expectSameTree(editSite, await fresh());
  });

  it("fingerprints every page when an article's date came between the two builds", async () => {
    const due = Date.UTC(2030, 0, 15, 6);
    writeArticle(editRoot, { path: "2030/01/tide-tables.md", frontMatter: "title: Tide tables for the new decade\ndate: 2030-01-15T09:00:00+05:00\nsection: news\nauthor: Mira Castell", body: "High water at dawn.\n" });
    // Held back, then published by a build after its time, with an edit of a body in between.
    const before = await build(due - 86_400_000);
    expect(fs.existsSync(path.join(editSite, "2030/01/15/tide-tables/index.html"))).toBe(false);
    expect(before.pagesFingerprinted).toBe(allPages);
    fs.appendFileSync(file("2023/11/ferry-timetable.md"), "\nA fifth paragraph.\n");
    const after = await build(due + 60_000);
    expect(after.pagesFingerprinted).toBeGreaterThan(allPages);
    expect(fs.existsSync(path.join(editSite, "2030/01/15/tide-tables/index.html"))).toBe(true);
    expectSameTree(editSite, await fresh(due + 60_000));
  });
});

describe("loading a large archive in parallel", () => {
  it("gives the same archive and diagnostics as loading it in one process", async () => {
    const { loadArchive, loadArchiveInParallel } = await import("../../src/views/archive.ts");
    const fixture = createFixtureArchive({ articles: GAZETTE_ARTICLES, mustRead: GAZETTE_MUST_READ });
    writeArticle(fixture, { path: "2024/01/broken.md", frontMatter: "title: Broken\ndate: 2024-13-01\nsection: news", body: "Text.\n" });
    writeArticle(fixture, { path: "2024/01/odd.md", frontMatter: "title: Odd\ndate: 2024-01-02\nsection: news\ncolour: red", body: "Text.\n" });
    const saved = { min: process.env.ARCHIVE_PARALLEL_MIN_FILES, workers: process.env.ARCHIVE_PARSE_WORKERS };
    process.env.ARCHIVE_PARALLEL_MIN_FILES = "1";
    process.env.ARCHIVE_PARSE_WORKERS = "3";
    try {
      const parallel = await loadArchiveInParallel(fixture);
      const serial = loadArchive(fixture);
      expect(parallel.ok).toBe(false);
      expect(serial.ok).toBe(false);
      expect(!parallel.ok && parallel.diagnostics).toEqual(!serial.ok && serial.diagnostics);
      fs.rmSync(path.join(fixture, "articles/2024/01/broken.md"));
      const good = await loadArchiveInParallel(fixture);
      const goodSerial = loadArchive(fixture);
      if (!good.ok || !goodSerial.ok) throw new Error("the fixture should load");
      expect(JSON.stringify(good.archive.articles)).toBe(JSON.stringify(goodSerial.archive.articles));
      expect(good.archive.diagnostics).toEqual(goodSerial.archive.diagnostics);
      expect(good.archive.diagnostics.map((d) => d.field)).toEqual(["colour"]);
    } finally {
      process.env.ARCHIVE_PARALLEL_MIN_FILES = saved.min;
      process.env.ARCHIVE_PARSE_WORKERS = saved.workers;
      if (saved.min === undefined) delete process.env.ARCHIVE_PARALLEL_MIN_FILES;
      if (saved.workers === undefined) delete process.env.ARCHIVE_PARSE_WORKERS;
    }
  });
});

describe("the dev server's builds: drafts shown, pages published before search", () => {
  let devRoot: string;
  let devSite: string;
  const session = newBuildSession();
  const devBuild = (onPagesPublished?: () => void): Promise<BuildReport> =>
    buildSite({ contentRoot: devRoot, outputDir: devSite, drafts: true, session, onPagesPublished, incrementalLimit: 1 });
  const freshDevBuild = async (): Promise<string> => {
    const full = path.join(makeTempDir("dev-full"), "site");
    expect((await buildSite({ contentRoot: devRoot, outputDir: full, drafts: true })).mode).toBe("full");
    return full;
  };
  const edit = (body: string) =>
    writeArticle(devRoot, { path: "2021/06/parking-column.md", frontMatter: "title: Parking is a public good\ndate: 2021-06-20\nsection: opinion\nauthor: Lev Okonjo", body });

  beforeAll(async () => {
    devRoot = createFixtureArchive({ articles: GAZETTE_ARTICLES, mustRead: GAZETTE_MUST_READ, site: { searchShardSize: 2, latestCount: 2 } });
    devSite = path.join(makeTempDir("dev-engine"), "site");
    expect((await devBuild()).mode).toBe("full");
  });

  it("shows the draft, and an edit is on its page before search has it, then in search, as a fresh build gives it", async () => {
    expect(fs.readFileSync(path.join(devSite, "2025/01/10/unfinished/index.html"), "utf8")).toContain('class="preview-banner"');
    edit("Nobody likes paying for parking, nor for wombats.\n");
    let seenBeforeSearch: { page: boolean } | undefined;
    const report = await devBuild(() => {
      // Between the two updates: the page is new, the search is not yet.
      seenBeforeSearch = { page: fs.readFileSync(path.join(devSite, "2021/06/20/parking-column/index.html"), "utf8").includes("wombats") };
    });
    expect(seenBeforeSearch?.page).toBe(true);
    expect(report.mode).toBe("incremental");
    expect(report.shardsWritten).toBe(1);
    expect(await searchUrls(await openSearch(devSite), "wombats")).toEqual(["/2021/06/20/parking-column/"]);
    expectSameTree(devSite, await freshDevBuild());
  });

  it("a build stopped between the two updates leaves a state that re-indexes the shard next time", async () => {
    edit("Nobody likes paying for parking, nor for quokkas.\n");
    await expect(
      devBuild(() => {
        throw new Error("stopped after the pages");
      }),
    ).rejects.toThrow("stopped after the pages");
    expect(fs.readFileSync(path.join(devSite, "2021/06/20/parking-column/index.html"), "utf8")).toContain("quokkas");
    expect(await searchUrls(await openSearch(devSite), "quokkas")).toEqual([]);
    const next = await devBuild();
    expect(next.pagesWritten).toBe(0);
    expect(next.shardsWritten).toBe(1);
    expect(await searchUrls(await openSearch(devSite), "quokkas")).toEqual(["/2021/06/20/parking-column/"]);
    expectSameTree(devSite, await freshDevBuild());
  });

  it("reads a file again when it changes, even within the same second and at the same size", async () => {
    edit("Nobody likes paying for parking, nor for axolotls.\n");
    await devBuild();
    edit("Nobody likes paying for parking, nor for pangolin.\n");
    const report = await devBuild();
    expect(report.pagesWritten).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(devSite, "2021/06/20/parking-column/index.html"), "utf8")).toContain("pangolin");
  });

  describe("after edits that keep every article in its place (the dev server's common saves)", () => {
    const append = (file: string, text: string): void => fs.appendFileSync(path.join(devRoot, "articles", file), text);
    const harbourPage = (): string => fs.readFileSync(path.join(devSite, "2023/12/09/harbour-vote/index.html"), "utf8");

    it("fingerprints and writes only the edited page and its search shard, and the site is a fresh build's", async () => {
      await devBuild();
      // A paragraph at the end: the excerpt (the first paragraph) stays, so no other page shows the change.
      append("2023/12/harbour-vote.md", "\nThe dredger arrives from the north in March, with a crew of twelve.\n");
      const report = await devBuild();
      expectOnlyTheEditedPage(report);
      expect(harbourPage()).toContain("crew of twelve");
      expect(await searchUrls(await openSearch(devSite), "twelve")).toEqual(["/2023/12/09/harbour-vote/"]);
      expectSameTree(devSite, await freshDevBuild());
    });

    it("does the same for a draft, which keeps its banner, and for two files saved together", async () => {
      append("2025/01/unfinished.md", "\nA second paragraph about sea kale.\n");
      append("2023/12/harbour-vote.md", "\nThe crew will count mudskippers.\n");
      const report = await devBuild();
      expect(report.pagesFingerprinted).toBe(2);
      expect(report.pagesWritten).toBe(2);
      const draft = fs.readFileSync(path.join(devSite, "2025/01/10/unfinished/index.html"), "utf8");
      expect(draft).toContain("sea kale");
      expect(draft).toContain('class="preview-banner"');
      expect(await searchUrls(await openSearch(devSite), "mudskippers")).toEqual(["/2023/12/09/harbour-vote/"]);
      expectSameTree(devSite, await freshDevBuild());
    });

    it("writes nothing when a file is saved again unchanged", async () => {
      const file = path.join(devRoot, "articles/2023/12/harbour-vote.md");
      fs.writeFileSync(file, fs.readFileSync(file));
      const report = await devBuild();
      expect(report.pagesFingerprinted).toBe(1);
      expect(report.pagesWritten).toBe(0);
      expect(report.shardsWritten).toBe(0);
    });

    it("after a new headline, fingerprints and writes the pages that show it, and the site is a fresh build's", async () => {
      const ferry = path.join(devRoot, "articles/2023/11/ferry-timetable.md");
      fs.writeFileSync(ferry, fs.readFileSync(ferry, "utf8").replace("Ferry timetable changes for winter", "Ferry timetable changes for the hibernal months"));
      const report = await devBuild();
      expect(report.pagesFingerprinted).toBeGreaterThan(3);
      expect(report.pagesWritten).toBeGreaterThan(3);
      expect(report.pagesWritten).toBeLessThanOrEqual(report.pagesFingerprinted);
      expect(fs.readFileSync(path.join(devSite, "news/index.html"), "utf8")).toContain("the hibernal months");
      expect(await searchUrls(await openSearch(devSite), "hibernal")).toEqual(["/2023/11/02/ferry-timetable/"]);
      expectSameTree(devSite, await freshDevBuild());
    });

    it("writes the news sitemap again when a new headline is in it, and when its window moves", async () => {
      // Without the harbour article, which was updated after the time of these builds.
      const articles = GAZETTE_ARTICLES.filter((article) => !article.path.includes("harbour-vote"));
      const root = createFixtureArchive({ articles, site: { searchShardSize: 2, latestCount: 2 } });
      const out = path.join(makeTempDir("dev-news"), "site");
      const own = newBuildSession();
      // A day after the ferry article: it is the one article of the news sitemap.
      const dayAfter = Date.UTC(2023, 10, 2, 12);
      const build = (now: number) => buildSite({ contentRoot: root, outputDir: out, drafts: true, session: own, incrementalLimit: 1, now });
      const fresh = async (now: number): Promise<string> => {
        const full = path.join(makeTempDir("dev-news-full"), "site");
        await buildSite({ contentRoot: root, outputDir: full, drafts: true, now });
        return full;
      };
      await build(dayAfter);
      const news = (): string => fs.readFileSync(path.join(out, "sitemap-news.xml"), "utf8");
      expect(news()).toContain("Ferry timetable changes for winter");
      const ferry = path.join(root, "articles/2023/11/ferry-timetable.md");
      fs.writeFileSync(ferry, fs.readFileSync(ferry, "utf8").replace("changes for winter", "changes for the cold season"));
      const retitled = await build(dayAfter + 60_000);
      expect(retitled.pagesFingerprinted).toBeLessThan(20);
      expect(news()).toContain("changes for the cold season");
      expectSameTree(out, await fresh(dayAfter + 60_000));
      // A week later the window is empty: the news sitemap goes, after an edit of a body alone too.
      fs.appendFileSync(ferry, "\nA second paragraph.\n");
      const weekLater = dayAfter + 7 * 86_400_000;
      const later = await build(weekLater);
      expect(later.pagesFingerprinted).toBe(1);
      expect(fs.existsSync(path.join(out, "sitemap-news.xml"))).toBe(false);
      expectSameTree(out, await fresh(weekLater));
    });

    it("fingerprints every page again for any other edit, and after a build that failed", async () => {
      // Nothing changed: nothing to fingerprint.
      expect((await devBuild()).pagesFingerprinted).toBe(0);
      // A new time of publication: the article may move in its listings.
      const ferry = path.join(devRoot, "articles/2023/11/ferry-timetable.md");
      fs.writeFileSync(ferry, fs.readFileSync(ferry, "utf8").replace("date: 2023-11-02", "date: 2023-11-02T18:00:00+05:00"));
      const moved = await devBuild();
      const all = moved.pagesFingerprinted;
      expect(all).toBeGreaterThan(20);
      expectSameTree(devSite, await freshDevBuild());
      // A new headline of a Must Read article, which every article page shows.
      const file = path.join(devRoot, "articles/2023/12/harbour-vote.md");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("final", "last"));
      const retitled = await devBuild();
      expect(retitled.pagesFingerprinted).toBe(all);
      expect(retitled.pagesWritten).toBeGreaterThan(10);
      expectSameTree(devSite, await freshDevBuild());
      // A build that fails after publishing its pages leaves the session nothing to start from.
      append("2023/12/harbour-vote.md", "\nThe survey starts on Monday.\n");
      await expect(
        devBuild(() => {
          throw new Error("stopped after the pages");
        }),
      ).rejects.toThrow("stopped after the pages");
      append("2023/12/harbour-vote.md", "\nIt ends on Friday.\n");
      const after = await devBuild();
      expect(after.pagesFingerprinted).toBe(all);
      expect(harbourPage()).toContain("It ends on Friday.");
      expect(await searchUrls(await openSearch(devSite), "survey starts")).toEqual(["/2023/12/09/harbour-vote/"]);
      expectSameTree(devSite, await freshDevBuild());
    });
  });

  it("is not a site `npm run build` keeps building on: without drafts it starts from nothing", async () => {
    const report = await buildSite({ contentRoot: devRoot, outputDir: devSite });
    expect(report.mode).toBe("full");
    expect(fs.existsSync(path.join(devSite, "2025/01/10/unfinished/index.html"))).toBe(false);
  });
});
