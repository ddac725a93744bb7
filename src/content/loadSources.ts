/**
 * Reading the archive's sources: the site data, then every article file,
 * parsed and validated one by one (src/content/parseArticle.ts). A file whose
 * content hash matches the previous build's is not parsed again; a large cold
 * archive is parsed in worker processes. What the articles mean together
 * (listings, cross-article checks) is src/views/archive.ts.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { shownHashOf, type Article } from "../model/article.ts";
import type { Diagnostic } from "../model/diagnostics.ts";
import { createMarkdown } from "../model/markdown.ts";
import { forkModule } from "../model/forkModule.ts";
import { readRegularFile } from "./articleSource.ts";
import { articleLinks, type BodyLink } from "./links.ts";
import { ARTICLES_DIR, listArticleFiles, parseArticle, type ArticleContext } from "./parseArticle.ts";
import type { ParseChunk } from "./parseWorker.ts";
import { loadSiteData, type Section, type SiteConfig } from "./siteData.ts";

/** The parse result of one source file, remembered between builds by content hash. */
export interface CachedSource {
  hash: string;
  /** A draft keeps its article when it is complete enough to preview. */
  result: { kind: "article"; article: Article } | { kind: "draft"; article?: Article };
  /** Warnings the file produced (shown again on every build until fixed). */
  warnings: Diagnostic[];
  /** Links in the body to article URLs of this site, checked once everything is loaded. */
  links?: BodyLink[];
}

export interface LoadOptions {
  /** Called with the number of article files, then once per file read. */
  onStart?: (files: number) => void;
  onFile?: () => void;
  /**
   * Parse results of a previous build, by source path. A file whose content hash
   * matches is not parsed again. The caller must drop the cache when anything
   * the parse depends on changes (site data, the loader's code).
   */
  cache?: ReadonlyMap<string, CachedSource>;
  /** The time of the build (default now): articles dated later are held back, with a warning. */
  now?: number;
  /** Preview: include articles dated after `now`, marked as scheduled (`npm run build -- --future`, the dev server). */
  includeFuture?: boolean;
  /** Preview: include drafts that are complete enough, marked as drafts (the dev server). */
  includeDrafts?: boolean;
  /**
   * Parse results by source path with the file's stat stamp: a file whose stamp
   * is unchanged is not even read. Filled as files are read. The dev server keeps
   * them in memory; a build keeps them in its parse cache, without the stamps
   * too recent to trust (see `trustedStamp`).
   */
  sourceStats?: SourceStats;
  /**
   * Stamps of the article files taken ahead, by source path (`stampSourcesInBackground`): a file listed there is
   * not stat'ed again; one missing from it is.
   */
  stampsTaken?: Promise<ReadonlyMap<string, string>>;
  /**
   * The dev server's watcher: the source paths saved, added or removed since the last load with these
   * `sourceStats`. A file with a known stamp that is not among them is taken as unchanged without a stat (100,000
   * `lstat` calls are half a second of every save at 100,000 articles); the session checks every stamp after the
   * build, in a thread, and builds again should the watcher have missed a save (src/dev/devSession.ts).
   */
  savedSince?: ReadonlySet<string>;
}

/** See `LoadOptions.sourceStats`. */
export type SourceStats = Map<string, { stamp: string; source: CachedSource }>;

/** How old a file's last change must be for its stamp to be kept (see `trustedStamp`). */
const RACY_STAMP_MS = 3000;

/**
 * Whether a stamp may be kept for another process: not when the file was changed within the last few seconds
 * before `now`, since a file system with coarse times (a second, two on FAT) would give a write in that same
 * interval the same stamp ("racy git"). Such a file is read again next time.
 */
export function trustedStamp(stamp: string, now: number): boolean {
  const [, mtimeNs, ctimeNs] = stamp.split(":");
  const newest = Math.max(nanosecondsToMillis(mtimeNs), nanosecondsToMillis(ctimeNs));
  return newest < now - RACY_STAMP_MS;
}

/** Whole milliseconds of a count of nanoseconds written in decimal (a stamp's times): its digits but the last six. */
function nanosecondsToMillis(nanoseconds: string | undefined): number {
  return nanoseconds && nanoseconds.length > 6 ? Number(nanoseconds.slice(0, -6)) : 0;
}

/** Size, times and inode of a regular file (undefined otherwise): any write, rename over or replacement changes one. */
export function statStamp(file: string): string | undefined {
  const stat = fs.lstatSync(file, { throwIfNoEntry: false, bigint: true });
  return stat?.isFile() ? `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}` : undefined;
}

/** Plain JavaScript, so the thread starts without the TypeScript loader (`execArgv: []`); stamps as `statStamp`'s. */
const STAMP_FILES = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
const stamps = new Map();
const walk = (relative) => {
  let entries;
  try {
    entries = fs.readdirSync(path.join(workerData.root, relative), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const child = relative + "/" + entry.name;
    if (entry.isDirectory()) walk(child);
    else if (entry.isFile() && entry.name.endsWith(".md")) {
      const stat = fs.lstatSync(path.join(workerData.root, child), { throwIfNoEntry: false, bigint: true });
      if (stat && stat.isFile()) stamps.set(child, stat.size + ":" + stat.mtimeNs + ":" + stat.ctimeNs + ":" + stat.ino);
    }
  }
};
walk(workerData.dir);
parentPort.postMessage(stamps);
`;

/**
 * The stamps (`statStamp`) of the article files under `root`, taken in a worker thread started now: one `lstat`
 * per file, 100,000 at 100,000 articles (half a second of system calls), made while this thread reads the parse
 * cache. Each stamp is taken before the file is read, as `readSource` takes it. Should the thread fail, the map is
 * empty and every file is stat'ed as it is read.
 */
export function stampSourcesInBackground(root: string): Promise<ReadonlyMap<string, string>> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (stamps: ReadonlyMap<string, string>): void => {
      if (settled) return;
      settled = true;
      resolve(stamps);
    };
    const worker = new Worker(STAMP_FILES, { eval: true, workerData: { root, dir: ARTICLES_DIR }, execArgv: [] });
    worker.once("message", (stamps: Map<string, string>) => {
      settle(stamps);
      void worker.terminate();
    });
    worker.once("error", () => settle(new Map()));
    worker.once("exit", () => settle(new Map()));
  });
}

/**
 * The article files whose stamp (`stamps`: a walk of the folder, `stampSourcesInBackground`) says they changed since
 * the last load, which listed `listed` and kept `stats`: a listed file whose kept stamp differs, a file not listed
 * then, and a listed file gone. Files the load kept no stamp for (one with an error is read on every load anyway)
 * are not counted. Sorted. The dev server's check that its watcher missed no save (`LoadOptions.savedSince`).
 */
export function missedSaves(stamps: ReadonlyMap<string, string>, stats: SourceStats, listed: ReadonlySet<string>): string[] {
  const missed: string[] = [];
  for (const [sourcePath, stamp] of stamps) {
    if (!listed.has(sourcePath)) missed.push(sourcePath);
    else {
      const kept = stats.get(sourcePath)?.stamp;
      if (kept !== undefined && kept !== stamp) missed.push(sourcePath);
    }
  }
  for (const sourcePath of listed) if (!stamps.has(sourcePath)) missed.push(sourcePath);
  return missed.sort();
}

/** What loading needs before reading articles: the validated site data and the parse context. */
export interface LoadSetup {
  root: string;
  site: SiteConfig;
  sections: Section[];
  sectionsBySlug: Map<string, Section>;
  mustRead: { articles: string[] };
  context: ArticleContext;
  files: string[];
}

function setUp(root: string, diagnostics: Diagnostic[]): LoadSetup | undefined {
  const siteData = loadSiteData(root, diagnostics);
  if (!siteData) return undefined;
  const { site, sections, mustRead } = siteData;
  const sectionsBySlug = new Map(sections.map((s) => [s.slug, s]));
  return { root, site, sections, sectionsBySlug, mustRead, context: { site, sectionsBySlug, markdown: createMarkdown() }, files: listArticleFiles(root, undefined, diagnostics) };
}

/**
 * Reads one article file: its content hash, then the cached parse when the hash
 * matches, else a fresh parse. Undefined when it cannot be read or has errors
 * (they are in `diagnostics`).
 */
export function readSource(
  root: string,
  sourcePath: string,
  context: ArticleContext,
  cache: ReadonlyMap<string, CachedSource> | undefined,
  diagnostics: Diagnostic[],
  stats?: SourceStats,
  stampsTaken?: ReadonlyMap<string, string>,
  savedSince?: ReadonlySet<string>,
): CachedSource | undefined {
  const unsaved = savedSince && !savedSince.has(sourcePath) ? stats?.get(sourcePath) : undefined;
  if (unsaved) {
    diagnostics.push(...unsaved.source.warnings);
    return unsaved.source;
  }
  const stamp = stats && (stampsTaken?.get(sourcePath) ?? statStamp(path.join(root, sourcePath)));
  if (stats) {
    const known = stamp === undefined ? undefined : stats.get(sourcePath);
    if (known && known.stamp === stamp) {
      diagnostics.push(...known.source.warnings);
      return known.source;
    }
    stats.delete(sourcePath);
  }
  const source = readAndParse(root, sourcePath, context, cache, diagnostics);
  if (stats && stamp !== undefined && source) stats.set(sourcePath, { stamp, source });
  return source;
}

function readAndParse(
  root: string,
  sourcePath: string,
  context: ArticleContext,
  cache: ReadonlyMap<string, CachedSource> | undefined,
  diagnostics: Diagnostic[],
): CachedSource | undefined {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path.join(root, sourcePath));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "ELOOP" ? "it is a symbolic link, which is never followed" : (err as Error).message;
    diagnostics.push({ severity: "error", file: sourcePath, message: `cannot be read: ${why}` });
    return undefined;
  }
  const hash = createHash("sha1").update(bytes).digest("hex");
  const cached = cache?.get(sourcePath);
  if (cached?.hash === hash) {
    diagnostics.push(...cached.warnings);
    return cached;
  }
  return parseSource(sourcePath, hash, bytes.toString("utf8"), context, diagnostics);
}

/** Site data for a worker that parses part of the archive (src/content/parseWorker.ts). */
export function parseContextFor(root: string): ArticleContext | undefined {
  return setUp(root, [])?.context;
}

/** The sources read: the setup, and per listed file its parse (undefined when it has errors, which are in `diagnostics`). */
export type SourcesRead =
  | { ok: true; setup: LoadSetup; read: Array<CachedSource | undefined>; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** Reads every source in this process. `options.now` must be set (one time for the whole load). */
export function readSources(root: string, options: LoadOptions, stampsTaken?: ReadonlyMap<string, string>): SourcesRead {
  const diagnostics: Diagnostic[] = [];
  const setup = setUp(root, diagnostics);
  if (!setup) return { ok: false, diagnostics };
  options.onStart?.(setup.files.length);
  const context: ArticleContext = { ...setup.context, now: options.now };
  const read = setup.files.map((sourcePath) => {
    options.onFile?.();
    return readSource(root, sourcePath, context, options.cache, diagnostics, options.sourceStats, stampsTaken, options.savedSince);
  });
  return { ok: true, setup, read, diagnostics };
}

/** Below this many files to parse, starting workers costs more than it saves (`ARCHIVE_PARALLEL_MIN_FILES` overrides, for tests). */
const PARALLEL_MIN_FILES = 2000;

/**
 * `readSources`, with the parsing of a large archive spread over worker
 * processes (one per core, at most four; `ARCHIVE_PARSE_WORKERS` overrides):
 * parsing front matter is most of a cold load. Results are the same, in the
 * same order. When the cache covers most files there is little to parse, and
 * it runs in this process.
 */
export async function readSourcesInParallel(root: string, options: LoadOptions): Promise<SourcesRead> {
  const diagnostics: Diagnostic[] = [];
  const setup = setUp(root, diagnostics);
  if (!setup) return { ok: false, diagnostics };
  const workers = Math.max(1, Number(process.env.ARCHIVE_PARSE_WORKERS) || Math.min(4, os.availableParallelism()));
  const minFiles = Number(process.env.ARCHIVE_PARALLEL_MIN_FILES) || PARALLEL_MIN_FILES;
  if (options.cache || options.sourceStats?.size || workers < 2 || setup.files.length < minFiles) return readSources(root, options, await options.stampsTaken);
  options.onStart?.(setup.files.length);
  // Stamped before the workers read them: a file changed meanwhile has another stamp next time, so is read again.
  const taken = await options.stampsTaken;
  const stamps = options.sourceStats && setup.files.map((sourcePath) => taken?.get(sourcePath) ?? statStamp(path.join(root, sourcePath)));
  const chunks = Array.from({ length: workers }, (_, i) =>
    setup.files.slice(Math.floor((i * setup.files.length) / workers), Math.floor(((i + 1) * setup.files.length) / workers)),
  );
  let results: Array<{ sources: Array<CachedSource | null>; diagnostics: Diagnostic[] }>;
  try {
    results = await Promise.all(
      chunks.map((files) =>
        parseInWorker(root, files, options.now ?? Date.now(), (n) => {
          for (let i = 0; i < n; i++) options.onFile?.();
        }),
      ),
    );
  } catch (error) {
    // Workers asked for by name must work; otherwise (an unusual setup) parse in this process.
    if (process.env.ARCHIVE_PARSE_WORKERS) throw error;
    return readSources(root, { ...options, onStart: undefined });
  }
  for (const result of results) diagnostics.push(...result.diagnostics);
  const read = results.flatMap((result) => result.sources.map((source) => source ?? undefined));
  if (stamps && options.sourceStats) {
    for (const [i, sourcePath] of setup.files.entries()) {
      const stamp = stamps[i];
      const source = read[i];
      if (stamp !== undefined && source) options.sourceStats.set(sourcePath, { stamp, source });
    }
  }
  return { ok: true, setup, read, diagnostics };
}

function parseInWorker(
  root: string,
  files: string[],
  now: number,
  onProgress: (files: number) => void,
): Promise<{ sources: Array<CachedSource | null>; diagnostics: Diagnostic[] }> {
  // Results come back through the IPC channel with structured cloning, a chunk at a time (parseWorker.ts).
  const child = forkModule(new URL("./parseWorker.ts", import.meta.url), { serialization: "advanced" });
  const sources: Array<CachedSource | null> = [];
  const diagnostics: Diagnostic[] = [];
  return new Promise((resolve, reject) => {
    let done = false;
    child.on("message", (chunk: ParseChunk) => {
      for (const source of chunk.sources) sources.push(source);
      for (const diagnostic of chunk.diagnostics) diagnostics.push(diagnostic);
      onProgress(chunk.sources.length);
      if (chunk.done) {
        done = true;
        resolve({ sources, diagnostics });
        child.disconnect();
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (!done) reject(new Error(`parse worker exited with ${code}`));
    });
    child.send({ root, files, now });
  });
}

/** Parses one file; undefined when it has errors (they are in `diagnostics`, and errors are never cached). */
function parseSource(
  sourcePath: string,
  hash: string,
  text: string,
  context: ArticleContext,
  diagnostics: Diagnostic[],
): CachedSource | undefined {
  const own: Diagnostic[] = [];
  const parsed = parseArticle(sourcePath, text, context, own);
  diagnostics.push(...own);
  if (parsed.kind === "invalid") return undefined;
  const warnings = own.filter((d) => d.severity === "warning");
  const parsedArticle = parsed.article && { ...parsed.article, contentHash: hash };
  const article = parsedArticle && { ...parsedArticle, shownHash: shownHashOf(parsedArticle as Article) };
  const links = parsed.article
    ? articleLinks(text.slice(parsed.article.bodyOffset), text.slice(0, parsed.article.bodyOffset).split("\n").length, context.site.url)
    : [];
  const cached: CachedSource = { hash, result: parsed.kind === "draft" ? { kind: "draft", article } : { kind: "article", article: article as Article }, warnings };
  if (links.length > 0) cached.links = links;
  return cached;
}

