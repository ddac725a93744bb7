/**
 * Bodies are read again when their page is rendered and when they are indexed
 * (they are never all in memory), so a file changed after loading must not
 * reach the site: a symlink put in place of an article (to a file outside the
 * archive) is refused, and bytes that differ from the ones validated at load
 * (front matter edited mid-build) stop the build with
 * `file: changed during the build; run the build again`. The published site is
 * left as it was, and nothing of the outside file is written anywhere.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { beforeEach, describe, expect, it } from "vitest";
import { loadArchive, type Archive } from "../../src/views/archive.ts";
import { parseContextFor, readSource } from "../../src/content/loadSources.ts";
import { readArticleBody } from "../../src/content/articleSource.ts";
import { ArchiveValidationError, formatDiagnostic, type Diagnostic } from "../../src/model/diagnostics.ts";
import { buildSite } from "../../src/publish/buildSite.ts";
import { writeSearchIndex } from "../../src/search/searchIndex.ts";
import { createFixtureArchive, makeTempDir, type FixtureArticle } from "../support/fixtureArchive.ts";

const SECRET = "root:x:0:0:SECRET-MARKER-7f3a:/root:/bin/bash";
const BELL = "articles/2024/03/bell.md";

const ARTICLES: FixtureArticle[] = [
  {
    path: "2024/03/bell.md",
    frontMatter: "title: Harbour bell rings again\ndate: 2024-03-15T09:00:00+05:00\nsection: news\nauthor: Mira Holt",
    body: "The harbour bell rang at dawn for the first time in a decade.\n",
  },
  {
    path: "2024/03/ferry.md",
    frontMatter: "title: Ferry timetable changes\ndate: 2024-03-14T09:00:00+05:00\nsection: news\nauthor: Tobias Fenn",
    body: "The island ferry will run four times a day.\n",
  },
  {
    path: "2023/06/column.md",
    frontMatter: "title: On tides\ndate: 2023-06-01\nsection: opinion\nauthor: Anouk Ferrer",
    body: "Every fisher keeps a tide table.\n",
  },
];

let root: string;
let outside: string;

beforeEach(() => {
  root = createFixtureArchive({ articles: ARTICLES });
  // A file outside the archive, as /etc/passwd would be, but private to the test.
  outside = path.join(makeTempDir("outside"), "passwd");
  fs.writeFileSync(outside, `---\ntitle: x\n---\n${SECRET}\n`);
});

/** Every file under a folder with its SHA-1, to compare a published site before and after. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), createHash("sha1").update(fs.readFileSync(full)).digest("hex"));
  }
  return files;
}

/** Files anywhere under a folder (site, staging leftovers, state) whose bytes contain a text, Pagefind's gzipped files unpacked. */
function filesContaining(dir: string, text: string): string[] {
  const contains = (file: string): boolean => {
    const bytes = fs.readFileSync(file);
    if (bytes.includes(text)) return true;
    try {
      return zlib.gunzipSync(bytes).includes(text);
    } catch {
      return false;
    }
  };
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && contains(path.join(e.parentPath, e.name)))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The archive diagnostics a build failure carries, however deep Eleventy or a worker wrapped them. */
function failureText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    if (current instanceof ArchiveValidationError) parts.push(...current.diagnostics.map(formatDiagnostic));
    if (current instanceof Error) parts.push(current.message);
    const next = current as { cause?: unknown; originalError?: unknown };
    current = next.cause ?? next.originalError;
  }
  return parts.join("\n");
}

async function buildFailure(options: Parameters<typeof buildSite>[0]): Promise<string> {
  try {
    await buildSite(options);
  } catch (error) {
    return failureText(error);
  }
  throw new Error("the build succeeded");
}

function swapForSymlink(file: string, target: string): void {
  fs.rmSync(file);
  fs.symlinkSync(target, file);
}

function load(): Archive {
  const loaded = loadArchive(root);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map(formatDiagnostic).join("\n"));
  return loaded.archive;
}

describe("readArticleBody", () => {
  it("returns the body of the bytes validated at load", () => {
    const bell = load().articles.find((a) => a.sourcePath === BELL);
    expect(bell && readArticleBody(root, bell)).toBe("The harbour bell rang at dawn for the first time in a decade.\n");
  });

  it("refuses a symlink put in place of the file, even to identical bytes", () => {
    const bell = load().articles.find((a) => a.sourcePath === BELL);
    if (!bell) throw new Error("no bell article");
    const copy = path.join(makeTempDir("copy"), "bell.md");
    fs.copyFileSync(path.join(root, BELL), copy);
    swapForSymlink(path.join(root, BELL), copy);
    expect(() => readArticleBody(root, bell)).toThrow(`${BELL}: changed during the build (it is now a symbolic link, which is never followed); run the build again`);
  });

  it("refuses changed bytes, a deleted file and a named pipe (without waiting on it)", () => {
    const bell = load().articles.find((a) => a.sourcePath === BELL);
    if (!bell) throw new Error("no bell article");
    const file = path.join(root, BELL);
    fs.appendFileSync(file, "One more line.\n");
    expect(() => readArticleBody(root, bell)).toThrow(`${BELL}: changed during the build; run the build again`);
    fs.rmSync(file);
    expect(() => readArticleBody(root, bell)).toThrow(`${BELL}: changed during the build (it was removed); run the build again`);
    if (spawnSync("mkfifo", [file]).status === 0) {
      expect(() => readArticleBody(root, bell)).toThrow(`${BELL}: changed during the build (it is no longer a regular file); run the build again`);
    }
  });
});

describe("the loader", () => {
  it("does not follow a symlink put in place of an article after the files were listed", () => {
    const context = parseContextFor(root);
    if (!context) throw new Error("no parse context");
    swapForSymlink(path.join(root, BELL), outside);
    const diagnostics: Diagnostic[] = [];
    expect(readSource(root, BELL, context, undefined, diagnostics)).toBeUndefined();
    expect(diagnostics.map(formatDiagnostic)).toEqual([`${BELL}: cannot be read: it is a symbolic link, which is never followed`]);
  });
});

/**
 * Builds the site, then builds again with `options` while the bell article becomes a symlink to a file outside the
 * archive as search indexing starts: the build fails with the file's message, the site is as it was, and nothing of
 * the outside file is anywhere. Returns the site folder.
 */
async function expectSymlinkSwapRefused(options: Partial<Parameters<typeof buildSite>[0]>): Promise<string> {
  const site = path.join(makeTempDir("integrity-site"), "_site");
  await buildSite({ contentRoot: root, outputDir: site });
  const before = snapshot(site);
  const message = await buildFailure({
    ...options,
    contentRoot: root,
    outputDir: site,
    onStage: (stage) => {
      if (stage === "search index") swapForSymlink(path.join(root, BELL), outside);
    },
  });
  expect(message).toContain(`${BELL}: changed during the build (it is now a symbolic link, which is never followed); run the build again`);
  expect(snapshot(site)).toEqual(before);
  expect(filesContaining(path.dirname(site), "SECRET-MARKER")).toEqual([]);
  return site;
}

describe("a build whose article changes after loading", () => {
  it("fails without publishing when an article becomes a symlink to a file outside the archive", async () => {
    // The first stage after loading: the hook between load and render.
    await expectSymlinkSwapRefused({ full: true });
  });

  it("fails without publishing when front matter is edited mid-build (an incremental build, indexed in workers)", async () => {
    const site = path.join(makeTempDir("integrity-site"), "_site");
    await buildSite({ contentRoot: root, outputDir: site });
    const before = snapshot(site);
    const file = path.join(root, BELL);
    // A change the next build picks up, so the bell article is rendered and indexed again.
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("a decade.", "a decade, said the keeper."));
    const message = await buildFailure({
      contentRoot: root,
      outputDir: site,
      onStage: (stage) => {
        if (stage === "search index") {
          // Longer front matter: a second read at the loaded offset would publish front matter text as the body.
          fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("author: Mira Holt", "author: Mira Holt\ntags: [SECRET-MARKER-7f3a, harbour, bells]"));
        }
      },
    });
    expect(message).toContain(`${BELL}: changed during the build; run the build again`);
    expect(snapshot(site)).toEqual(before);
    expect(filesContaining(path.dirname(site), "SECRET-MARKER")).toEqual([]);
    // The changed shard was indexed ahead of the plan, in a folder of its own: removed with the staging folder.
    expect(fs.readdirSync(path.dirname(site)).sort()).toEqual(["._site.build-state.json", "._site.parse-cache", "_site"]);
  });

  it("stops the render workers too (every page rendered again, search unchanged), with the file's message", async () => {
    // Every page rendered, one a batch, by two worker processes; the search shards are kept, so only a worker reads the body.
    const site = await expectSymlinkSwapRefused({ incrementalLimit: -1, renderWorkers: 2, renderBatchPages: 1 });
    // Nothing left beside the site but its state and parse cache: no staging folder, no render job.
    expect(fs.readdirSync(path.dirname(site)).sort()).toEqual(["._site.build-state.json", "._site.parse-cache", "_site"]);
  });

  it("stops the search indexer too, in this process and in its worker processes", async () => {
    const archive = load();
    swapForSymlink(path.join(root, BELL), outside);
    for (const inWorkers of [false, true]) {
      const site = makeTempDir("integrity-index");
      const failure = await writeSearchIndex(archive, site, { contentRoot: root, shardSize: 1000, inWorkers }).then(
        () => "indexed",
        (error: unknown) => failureText(error),
      );
      expect(failure).toContain(`${BELL}: changed during the build (it is now a symbolic link, which is never followed); run the build again`);
      expect(filesContaining(site, "SECRET-MARKER")).toEqual([]);
    }
  });
});
