/**
 * What a build remembers about the site it published, so the next build can
 * redo only what changed: a fingerprint of every page and search shard. It
 * lives beside the published folder (`.<name>.build-state.json`), never inside
 * it, so it is not deployed; it is valid only for the folder it describes
 * (same inode) and for the same code, templates, site data and path prefix
 * (the keys). Each source file's content hash and parse result is kept apart,
 * in the parse cache (`.<name>.parse-cache/`, in parts): a cache whose entries are
 * used only for files with the same content hash, so it need not be written
 * with the state at the commit point, and the state stays small (the parse
 * results are some 100 MB at 100,000 articles, the page fingerprints 20 MB).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { trustedStamp, type CachedSource, type SourceStats } from "../content/loadSources.ts";
import { PROJECT_ROOT } from "../paths.ts";
import { DATA_FILES } from "../content/siteData.ts";
import { realPathOf } from "./realPath.ts";
import { moduleGraph } from "./codeFingerprint.ts";

export interface BuildState {
  version: 1;
  /** What parsing depends on besides the file itself: the loader's code, site data, dependencies, Node. */
  parseKey: string;
  /** What every page depends on besides the articles: parseKey plus templates, assets, code and path prefix. */
  renderKey: string;
  /** Inode of the published folder: if it was replaced by other means, the state is void. */
  outputInode: number;
  /** A `--future` preview (embargoed articles included): no live site may be replaced by one. */
  preview?: boolean;
  /** Drafts included (the dev server's site): a build without them starts from nothing, and the other way round. */
  drafts?: boolean;
  /** Output file (relative, `/` separators) → fingerprint, for every article and listing page (src/publish/fingerprints.ts). */
  pages: Record<string, string>;
  /** Search shard id → fingerprint. */
  shards: Record<string, string>;
  /** Files written by every build whose set varies (feeds, sitemaps): the ones gone from the next set are deleted. */
  generated?: string[];
  /** Fingerprints of the year and listing sitemaps, by file (src/sitemaps/sitemaps.ts): an update writes those that changed. */
  sitemaps?: Record<string, string>;
  /** What the build's archive was made from, for the next build to tell edits that keep every article in its place (src/publish/buildPlan.ts). */
  madeFrom?: ArchiveOrigin;
}

/** Prints of what the pages of a build depend on besides the render key (see `originOf` in src/publish/buildPlan.ts). */
export interface ArchiveOrigin {
  /** Every source file's path and content hash, in the archive's order. */
  sources: string;
  /** The Must Read list as every article page shows it. */
  mustRead: string;
  /** Every checked photo's path and content hash. */
  photos: string;
  /** The news sitemap's list (URLs and headlines of its window). */
  news: string;
  /** The time the sources were read at. */
  now: number;
}

/** Source path → parse result and content hash, under the parse key they were made with. */
export interface ParseCache {
  version: 1;
  parseKey: string;
  sources: Record<string, CachedSource>;
  /**
   * Source path → the file's stamp when it was read (size, modification and change times in ns, inode:
   * `statStamp`). A file with the same stamp is taken as read, without being read and hashed again; a checkout, a
   * copy or any write gives a file another change time (and a checkout another inode), so it is read.
   */
  stamps?: Record<string, string>;
}

/** Beside the real folder: a symlinked output (`_site -> /var/www/archive`) keeps its state beside the target. */
export function buildStatePath(outputDir: string): string {
  const dir = realPathOf(outputDir);
  return path.join(path.dirname(dir), `.${path.basename(dir)}.build-state.json`);
}

/** A state file's parse kept by `parseStateFile(…, true)` for the next reader of the same, unchanged file. */
let kept: { file: string; stamp: string; state: unknown } | undefined;

/**
 * The state file, parsed. The output guard reads the state's marks before the build reads the rest: it keeps its
 * parse, and the build takes it (once, and only while the file is the one parsed), where the state of 100,000
 * articles took some 0.2 s to read and parse again. Throws as reading or parsing the file does.
 */
export function parseStateFile(file: string, keepForNextReader = false): unknown {
  const stat = fs.statSync(file);
  const stamp = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  const handed = kept;
  kept = undefined;
  if (handed && handed.file === file && handed.stamp === stamp) return handed.state;
  const state: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (keepForNextReader) kept = { file, stamp, state };
  return state;
}

export function readBuildState(outputDir: string): BuildState | undefined {
  try {
    const state = parseStateFile(buildStatePath(outputDir)) as BuildState;
    return state.version === 1 ? state : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole, then renamed over the old one: a reader never sees half a state. */
export function writeBuildState(file: string, state: BuildState): void {
  const temporary = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, JSON.stringify(state));
  fs.renameSync(temporary, file);
}

/** The parse cache's folder, beside the output folder as the state is. */
export function parseCachePath(outputDir: string): string {
  const dir = realPathOf(outputDir);
  return path.join(path.dirname(dir), `.${path.basename(dir)}.parse-cache`);
}

/** Sources a part holds, about: parts double in number as the archive grows (one edit rewrites one part). */
const SOURCES_PER_PART = 1000;
const MAX_PARTS = 256;
/** `<parts>-<index>.json`: the number of parts in the name, so parts of an earlier split are told apart. */
const PART_NAME = /^(\d+)-(\d+)\.json$/;

function partCountFor(sources: number): number {
  let parts = 1;
  while (parts < MAX_PARTS && parts * SOURCES_PER_PART < sources) parts *= 2;
  return parts;
}

/** FNV-1a of the source path: the same part for a file from build to build, whatever else the archive holds. */
function partOf(sourcePath: string, parts: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < sourcePath.length; i++) hash = Math.imul(hash ^ sourcePath.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % parts;
}

function partName(parts: number, index: number): string {
  return `${parts}-${String(index).padStart(3, "0")}.json`;
}

/** What a part file holds, as this process last read or wrote it: a part that would be written the same is not. */
type PartEntries = Map<string, { source: CachedSource; stamp: string | undefined }>;
const partsOnDisk = new Map<string, { parseKey: string; entries: PartEntries }>();

/**
 * The parse results of the last build into `outputDir`, if they were made under `parseKey`, and the files' stamps
 * then. A part made under another key, or unreadable, is left out (its files are parsed again).
 */
export function readParseCache(outputDir: string, parseKey: string): { sources: Map<string, CachedSource>; stats: SourceStats } | undefined {
  const dir = parseCachePath(outputDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => PART_NAME.test(name));
  } catch {
    return undefined;
  }
  const sources = new Map<string, CachedSource>();
  const stats: SourceStats = new Map();
  for (const name of names) {
    const file = path.join(dir, name);
    let part: ParseCache;
    try {
      part = JSON.parse(fs.readFileSync(file, "utf8")) as ParseCache;
    } catch {
      continue;
    }
    if (part.version !== 1 || part.parseKey !== parseKey) continue;
    const entries: PartEntries = new Map();
    const stamps = part.stamps ?? {};
    for (const [sourcePath, source] of Object.entries(part.sources)) {
      sources.set(sourcePath, source);
      const stamp = stamps[sourcePath];
      if (stamp !== undefined) stats.set(sourcePath, { stamp, source });
      entries.set(sourcePath, { source, stamp });
    }
    partsOnDisk.set(file, { parseKey, entries });
  }
  return sources.size > 0 ? { sources, stats } : undefined;
}

/**
 * Writes the parts whose entries differ from what this process last read or wrote (a republish rewrites one or
 * two), each whole, then renamed: a reader sees a part's old text or its new one, and every entry of either is
 * right for its content hash. A cache that cannot be written is no error: the next build parses what it lacks.
 */
export function writeParseCache(outputDir: string, parseKey: string, sources: ReadonlyMap<string, CachedSource>, stats: SourceStats): void {
  const dir = parseCachePath(outputDir);
  const parts = partCountFor(sources.size);
  const split: PartEntries[] = Array.from({ length: parts }, () => new Map());
  const now = Date.now();
  for (const [sourcePath, source] of sources) {
    const known = stats.get(sourcePath);
    const stamp = known?.source === source && trustedStamp(known.stamp, now) ? known.stamp : undefined;
    (split[partOf(sourcePath, parts)] as PartEntries).set(sourcePath, { source, stamp });
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
    const keep = new Set<string>();
    split.forEach((entries, index) => {
      const name = partName(parts, index);
      const file = path.join(dir, name);
      keep.add(name);
      if (samePart(partsOnDisk.get(file), parseKey, entries) && fs.existsSync(file)) return;
      const stamps: Record<string, string> = {};
      for (const [sourcePath, { stamp }] of entries) if (stamp !== undefined) stamps[sourcePath] = stamp;
      const temporary = `${file}.tmp-${process.pid}`;
      fs.writeFileSync(temporary, parseCacheJson({ version: 1, parseKey, stamps, sources: Object.fromEntries([...entries].map(([p, e]) => [p, e.source])) }));
      fs.renameSync(temporary, file);
      partsOnDisk.set(file, { parseKey, entries });
    });
    // Parts of another split (the archive doubled), and what a killed build left half written.
    for (const name of fs.readdirSync(dir)) {
      if (keep.has(name) || !(PART_NAME.test(name) || /\.json\.tmp-\d+$/.test(name))) continue;
      fs.rmSync(path.join(dir, name), { force: true });
      partsOnDisk.delete(path.join(dir, name));
    }
    // The single-file cache of earlier versions, by its name beside the output (this tool's own file).
    fs.rmSync(`${dir}.json`, { force: true });
  } catch {
    // The next build parses what it cannot find here.
  }
}

function samePart(onDisk: { parseKey: string; entries: PartEntries } | undefined, parseKey: string, entries: PartEntries): boolean {
  if (!onDisk || onDisk.parseKey !== parseKey || onDisk.entries.size !== entries.size) return false;
  for (const [sourcePath, entry] of entries) {
    const known = onDisk.entries.get(sourcePath);
    if (known?.source !== entry.source || known.stamp !== entry.stamp) return false;
  }
  return true;
}

/**
 * The JSON text of each parse result this process has written: parse results are never changed once made, and the
 * dev server writes the cache after its saves, so an unchanged source is serialised once.
 */
const sourceJson = new WeakMap<CachedSource, string>();

/** `JSON.stringify(cache)`, with `sources` last and each source's text reused. */
export function parseCacheJson(cache: ParseCache): string {
  const { sources, ...rest } = cache;
  const parts: string[] = [];
  for (const [sourcePath, source] of Object.entries(sources)) {
    let text = sourceJson.get(source);
    if (text === undefined) {
      text = JSON.stringify(source);
      sourceJson.set(source, text);
    }
    parts.push(`${JSON.stringify(sourcePath)}:${text}`);
  }
  const head = JSON.stringify(rest);
  return `${head.slice(0, -1)},"sources":{${parts.join(",")}}}`;
}

/**
 * Replaces the state with one that describes no tree (the next build is a
 * full one) but still marks the folder as the build's own: a build killed
 * during a full build's swap must not leave a site the next build refuses.
 */
export function voidBuildState(outputDir: string, preview: boolean): void {
  const file = buildStatePath(outputDir);
  const temporary = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, JSON.stringify({ version: 0, preview }));
  fs.renameSync(temporary, file);
}

export function inodeOf(dir: string): number | undefined {
  try {
    return fs.statSync(dir).ino;
  } catch {
    return undefined;
  }
}

function hashTree(hash: ReturnType<typeof createHash>, root: string, relative: string): void {
  const full = path.join(root, relative);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    hash.update(`missing ${relative}\n`);
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(full).sort()) hashTree(hash, root, path.join(relative, name));
  } else {
    hash.update(`file ${relative}\n`);
    hash.update(fs.readFileSync(full));
  }
}

export interface BuildKeys {
  parseKey: string;
  renderKey: string;
  /** What a search shard depends on besides its articles: parseKey, the indexing code and the path prefix (no template). */
  searchKey: string;
}

/** The code each stage runs, by its entry points (src/publish/codeFingerprint.ts); folders read by path are whole. */
const PARSE_CODE = ["src/content/loadSources.ts"];
const RENDER_CODE = ["src/cli/build.ts", ".eleventy.ts"];
const RENDER_FOLDERS = ["_includes", "src/render", "src/assets", "package.json"];
const SEARCH_CODE = ["src/search/searchIndex.ts"];

/**
 * Fingerprints of the inputs that are not articles, one per stage, each over
 * what that stage really uses: the code reachable from its entry points, its
 * templates and data, the dependencies (package-lock.json) and Node. A change
 * to a stage's inputs makes it redo everything (correctness first); a change to
 * another command's code (new, import, the dev server) or to the benchmark
 * changes no key, and a template or stylesheet changes the render key only.
 */
/** `projectRoot`: the code and templates (another checkout in tests). */
export function buildKeys(contentRoot: string, pathPrefix: string, projectRoot = PROJECT_ROOT): BuildKeys {
  const parse = createHash("sha1");
  parse.update(`node ${process.version}\n`);
  for (const file of ["package-lock.json", ...moduleGraph(projectRoot, PARSE_CODE)]) hashTree(parse, projectRoot, file);
  // Must Read is not here: it changes no parse, and the pages that show it carry it in their fingerprints.
  for (const file of [DATA_FILES.site, DATA_FILES.sections]) hashTree(parse, contentRoot, file);
  const parseKey = parse.digest("hex");
  const render = createHash("sha1");
  render.update(`${parseKey}\nprefix ${pathPrefix}\n`);
  for (const file of [...moduleGraph(projectRoot, RENDER_CODE), ...RENDER_FOLDERS]) hashTree(render, projectRoot, file);
  const search = createHash("sha1");
  search.update(`${parseKey}\nprefix ${pathPrefix}\n`);
  for (const file of moduleGraph(projectRoot, SEARCH_CODE)) hashTree(search, projectRoot, file);
  return { parseKey, renderKey: render.digest("hex"), searchKey: search.digest("hex") };
}
