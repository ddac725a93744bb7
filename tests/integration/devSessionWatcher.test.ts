/**
 * The dev server takes its file watcher's word for which article files changed (no `lstat` of every file on a
 * save), and checks every stamp in a thread after each such build: a save the watcher did not report is built by
 * one more build. Here no watcher runs at all, so every save is one it "missed".
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DevSession } from "../../src/dev/devSession.ts";
import { missedSaves, type SourceStats, type CachedSource } from "../../src/content/loadSources.ts";
import { openDevServerOutput } from "../../src/publish/outputGuard.ts";
import { makeTempDir } from "../support/fixtureArchive.ts";
import { writeSyntheticArchive } from "../../tools/bench/syntheticArchive.ts";

/** An article of the archive, by its place in the sorted list of files: its source path and page. */
function articleAt(root: string, index: number): { sourcePath: string; page: string } {
  const files = (fs.readdirSync(path.join(root, "articles"), { recursive: true }) as string[]).filter((f) => f.endsWith(".md")).sort();
  const sourcePath = `articles/${files[index] as string}`;
  const date = /^date: "?(\d{4})-(\d{2})-(\d{2})/m.exec(fs.readFileSync(path.join(root, sourcePath), "utf8"));
  if (!date) throw new Error(`no date in ${sourcePath}`);
  return { sourcePath, page: `${date[1]}/${date[2]}/${date[3]}/${path.basename(sourcePath, ".md")}/index.html` };
}

describe("the dev server's watcher and the check of every stamp", () => {
  it("builds a save the watcher did not report, once the check after the build finds it", async () => {
    const root = makeTempDir("dev-missed-save");
    writeSyntheticArchive(root, { articles: 40, endDate: "2024-12-31" });
    const defaultDir = path.join(root, ".cache", "dev-site");
    const outputDir = openDevServerOutput(defaultDir, { contentRoot: root, defaultDir });
    const lines: string[] = [];
    const session = new DevSession({ contentRoot: root, outputDir, pathPrefix: "/", onPublished: () => undefined, log: (line) => lines.push(line), error: (line) => lines.push(line) });
    await session.build();
    expect(lines.join("\n")).toMatch(/^start: full build/);

    const { sourcePath, page } = articleAt(root, 17);
    fs.appendFileSync(path.join(root, sourcePath), "\nThe editor adds a sentence about a zebra finch.\n");
    const pageFile = path.join(outputDir, page);
    expect(fs.readFileSync(pageFile, "utf8")).not.toContain("zebra finch");
    lines.length = 0;
    // A build with no save reported (as if the watcher missed it): the file's stamp is taken as it was, so this
    // build changes nothing; the check after it finds the new stamp and builds again.
    await session.build();
    expect(lines[0]).toMatch(/^start: update, 0 pages written/);
    expect(lines[1]).toBe(`The file watcher missed ${sourcePath}: building again.`);
    expect(lines[2]).toMatch(new RegExp(`^${sourcePath}: update, [1-9]\\d* pages written`));
    expect(fs.readFileSync(pageFile, "utf8")).toContain("zebra finch");

    // Checked again after that build: nothing more was missed.
    lines.length = 0;
    await session.build();
    expect(lines).toEqual([expect.stringMatching(/^start: update, 0 pages written/)]);

    // Site data that does not read, and a new article meanwhile: one failed build, and no check against the last
    // listing (it would find the new file "missed" after every failed build, and build again and again).
    const siteFile = path.join(root, "_data", "site.json");
    const site = fs.readFileSync(siteFile, "utf8");
    fs.writeFileSync(siteFile, "{ not json");
    fs.mkdirSync(path.join(root, "articles", "2024", "12"), { recursive: true });
    fs.writeFileSync(path.join(root, "articles", "2024", "12", "late-addition.md"), "---\ntitle: A late addition\ndate: 2024-12-20T09:00:00+05:00\nsection: news\n---\nLate.\n");
    lines.length = 0;
    const settled = await Promise.race([session.build().then(() => "idle"), new Promise((resolve) => setTimeout(() => resolve("still building"), 20_000))]);
    expect(settled).toBe("idle");
    expect(lines.filter((line) => /not built|build failed/.test(line))).toHaveLength(1);
    expect(lines.some((line) => line.includes("missed"))).toBe(false);
    // Mended: the next build takes every file's stamp and has the new article.
    fs.writeFileSync(siteFile, site);
    await session.build();
    expect(fs.existsSync(path.join(outputDir, "2024", "12", "20", "late-addition", "index.html"))).toBe(true);
    await session.close();
  }, 120_000);
});

describe("missedSaves", () => {
  const source = { hash: "h", result: { kind: "draft" }, warnings: [] } as CachedSource;
  it("names a listed file with another stamp, a file not listed, and a listed file gone; not a file without a kept stamp", () => {
    const stats: SourceStats = new Map([
      ["articles/a.md", { stamp: "1", source }],
      ["articles/b.md", { stamp: "2", source }],
      ["articles/gone.md", { stamp: "3", source }],
    ]);
    const listed = new Set(["articles/a.md", "articles/b.md", "articles/gone.md", "articles/with-error.md"]);
    const stamps = new Map([
      ["articles/a.md", "1"],
      ["articles/b.md", "2b"],
      ["articles/new.md", "4"],
      ["articles/with-error.md", "5"],
    ]);
    expect(missedSaves(stamps, stats, listed)).toEqual(["articles/b.md", "articles/gone.md", "articles/new.md"]);
    expect(missedSaves(new Map([["articles/a.md", "1"]]), stats, new Set(["articles/a.md"]))).toEqual([]);
  });
});
