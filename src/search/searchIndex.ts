/**
 * Writes the site's Pagefind search index: one bundle per shard of years
 * (`pagefind/2025/`, `pagefind/2019-2024/`...) plus `pagefind/shards.json`, the
 * manifest (shards newest first, and every filter value with its count so the
 * page can offer them before loading any shard), and `pagefind/pagefind.js`,
 * Pagefind's API over all the shards (shardedPagefind.js), which the search
 * page, Pagefind's own UI and scripts use.
 *
 * Records are fed through Pagefind's Node API from the archive model, not by
 * re-reading the built HTML: only the article (headline, standfirst, byline,
 * body) is indexed, never sidebars or navigation. Shards are built one at a
 * time, so memory holds one shard. Pagefind reports problems in `errors`
 * arrays instead of throwing: every one is checked.
 */
import fs from "node:fs";
import path from "node:path";
import * as pagefind from "pagefind";
import type { Archive } from "../views/archive.ts";
import type { Article } from "../model/article.ts";
import { readArticleBody } from "../content/articleSource.ts";
import { formatDate } from "../model/dates.ts";
import { createMarkdown } from "../model/markdown.ts";
import { joinNames } from "../model/names.ts";
import { SEARCH_DIR } from "../model/urls.ts";
import { markdownToText } from "./bodyText.ts";
import { thumbImage, type PhotoInfo } from "../photos/markup.ts";
import { planShards, type SearchShard, type ShardContext } from "./shards.ts";
import { writeShardsInWorkers, type StartedShardWorkers } from "./shardWorkers.ts";

export const MANIFEST_FILE = "shards.json";
/** Where Pagefind's UI and scripts look for Pagefind's API: here it searches every shard. */
export const SEARCH_MODULE_FILE = "pagefind.js";
const SEARCH_MODULE_SOURCE = new URL("./shardedPagefind.js", import.meta.url);

export interface SearchManifest {
  version: 1;
  shards: Array<{ id: string; path: string; firstYear: number; lastYear: number; label: string; articles: number }>;
  /** Every filter value with its article count, in display order. */
  filters: { section: Record<string, number>; year: Record<string, number>; author: Record<string, number> };
}

export interface SearchIndexOptions {
  /** Folder with `articles/` (bodies are read from the sources). */
  contentRoot: string;
  /** Most articles in one shard: a busier year is split into halves, quarters or months (see shards.ts). */
  shardSize: number;
  /** Shards indexed at once, each by its own Pagefind process (default 1: a second one competes with rendering for the two cores and saved no time on a 2-core machine in the bench, and cost a gigabyte). */
  parallel?: number;
  /** The shard plan, when the caller made it already (planShards of the archive's articles). */
  shards?: SearchShard[];
  /** Write only these shards (an incremental build); the manifest is always written. Default: all. */
  only?: ReadonlySet<string>;
  /** Shards to take as they are from a published site's search folder (unchanged records); one missing there is indexed. */
  reuse?: { fromDir: string; ids: ReadonlySet<string> };
  /** Shards this build indexed ahead (writeShardsAhead): moved in from that search folder, not indexed again. */
  prebuilt?: { fromDir: string; ids: ReadonlySet<string> };
  /** Index even a single shard in a worker process, leaving this process's thread to the renderer. */
  inWorkers?: boolean;
  /** Worker processes started ahead (see startShardWorkers), taken before any other is started. */
  startedWorkers?: StartedShardWorkers;
  onRecord?: () => void;
  /** Checked photos by path: records of articles with a lead photo carry its thumbnail. */
  photos?: ReadonlyMap<string, PhotoInfo>;
}

export interface SearchIndexReport {
  pagesIndexed: number;
  /** Shards indexed by this build. */
  shards: number;
  /** Shards taken unchanged from the published site. */
  shardsReused?: number;
}

function check(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Search index (${step}) failed:\n${errors.join("\n")}`);
}

/** UTC ISO instant: the `date` sort key (sorts the same as text and as time). */
export function dateSortKey(article: Article): string {
  return new Date(article.published.millis).toISOString().replace(/\.000Z$/, "Z");
}

/** What a shard worker needs besides the articles: plain data, sent to another process. */

function recordFor(article: Article, shardId: string, context: ShardContext, bodyText: string): pagefind.CustomRecord {
  const section = context.sectionNames[article.section] ?? article.section;
  const byline = joinNames(article.authors);
  const content = [
    article.title,
    article.excerptIsDerived ? "" : article.excerpt,
    byline ? `By ${byline}` : "",
    bodyText,
    article.tags.length > 0 ? `Tags: ${article.tags.join(", ")}.` : "",
  ]
    .filter(Boolean)
    .join("\n");
  const meta: Record<string, string> = {
    title: article.title,
    date: formatDate.short(article.published),
    datetime: article.published.iso,
    section,
    summary: article.excerpt,
  };
  if (byline) meta.byline = byline;
  // The lead photo's 480 px JPEG, a site path like the record's URL: the search module adds the path prefix to both.
  const thumbnail = context.thumbnails?.[article.url];
  if (thumbnail) Object.assign(meta, thumbnail);
  // `shard` lets the search page scope a query to the shards it has merged (Pagefind interleaves merged indexes).
  const filters: Record<string, string[]> = { section: [section], year: [formatDate.year(article.published)], shard: [shardId] };
  if (article.authors.length > 0) filters.author = [...article.authors];
  return { url: article.url, content, language: context.language, meta, filters, sort: { date: dateSortKey(article) } };
}

/** Pagefind's `image` (the 480 px JPEG's site path), `image_alt` and the image's size of every article with a processed lead photo. */
function thumbnailsFor(articles: readonly Article[], photos: ReadonlyMap<string, PhotoInfo> | undefined): ShardContext["thumbnails"] {
  if (!photos) return undefined;
  const thumbnails: NonNullable<ShardContext["thumbnails"]> = {};
  let any = false;
  for (const article of articles) {
    const photo = article.image ? photos.get(article.image.path) : undefined;
    if (!article.image || !photo) continue;
    const thumb = thumbImage(photo);
    thumbnails[article.url] = { image: thumb.path, image_alt: article.image.alt, image_width: String(thumb.width), image_height: String(thumb.height) };
    any = true;
  }
  return any ? thumbnails : undefined;
}

function manifestFor(archive: Archive, shards: SearchShard[]): SearchManifest {
  const section: Record<string, number> = {};
  for (const s of archive.sections) section[s.name] = 0;
  const year: Record<string, number> = {};
  const authors = new Map<string, number>();
  for (const article of archive.articles) {
    const name = archive.sectionsBySlug[article.section]?.name ?? article.section;
    section[name] = (section[name] ?? 0) + 1;
    const y = formatDate.year(article.published);
    year[y] = (year[y] ?? 0) + 1;
    for (const author of article.authors) authors.set(author, (authors.get(author) ?? 0) + 1);
  }
  for (const [name, count] of Object.entries(section)) if (count === 0) delete section[name];
  const byName = new Intl.Collator("en");
  const author = Object.fromEntries([...authors].sort(([a], [b]) => byName.compare(a, b)));
  return {
    version: 1,
    shards: shards.map((s) => ({ id: s.id, path: `${s.id}/`, firstYear: s.firstYear, lastYear: s.lastYear, label: s.label, articles: s.articles.length })),
    filters: { section, year, author },
  };
}

/** Indexes one shard with this process's Pagefind service and writes its bundle. */
export async function writeShard(shard: SearchShard, context: ShardContext, onRecord?: () => void): Promise<void> {
  const created = await pagefind.createIndex({});
  check("create", created.errors);
  const index = created.index;
  if (!index) throw new Error("Search index (create) failed: Pagefind returned no index");
  const markdown = createMarkdown();
  const BATCH = 256;
  for (let i = 0; i < shard.articles.length; i += BATCH) {
    const batch = shard.articles.slice(i, i + BATCH).map((article) => {
      // The bytes validated at load, or the build stops (src/content/articleSource.ts): never a second, unchecked read.
      const text = markdownToText(markdown, readArticleBody(context.contentRoot, article));
      return index.addCustomRecord(recordFor(article, shard.id, context, article.dateline ? `${article.dateline}: ${text}` : text));
    });
    for (const added of await Promise.all(batch)) {
      check(`add ${added.file?.url ?? "record"}`, added.errors);
      onRecord?.();
    }
  }
  const written = await index.writeFiles({ outputPath: path.join(context.siteDir, SEARCH_DIR, shard.id) });
  check(`write ${shard.id}`, written.errors);
  await index.deleteIndex();
}

export async function writeSearchIndex(archive: Archive, siteDir: string, options: SearchIndexOptions): Promise<SearchIndexReport> {
  const shards = options.shards ?? planShards(archive.articles, options.shardSize);
  const dir = path.join(siteDir, SEARCH_DIR);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const reused = new Set<string>();
  for (const id of options.reuse?.ids ?? []) {
    const target = path.join(dir, id);
    if (linkTree(path.join(options.reuse?.fromDir ?? "", id), target)) reused.add(id);
    else fs.rmSync(target, { recursive: true, force: true });
  }
  const prebuilt = new Set<string>();
  for (const id of options.prebuilt?.ids ?? []) {
    fs.renameSync(path.join(options.prebuilt?.fromDir ?? "", id), path.join(dir, id));
    prebuilt.add(id);
  }
  const wanted = (s: SearchShard): boolean => (options.only ? options.only.has(s.id) : true) || Boolean(options.reuse?.ids.has(s.id) && !reused.has(s.id));
  const toWrite = shards.filter((s) => wanted(s) && !prebuilt.has(s.id));
  const context = shardContextFor(archive, siteDir, options);
  const parallel = Math.max(1, Math.min(options.parallel ?? (Number(process.env.ARCHIVE_SEARCH_WORKERS) || 1), toWrite.length));
  if (toWrite.length === 1 && !options.inWorkers) {
    try {
      for (const shard of toWrite) await writeShard(shard, context, options.onRecord);
    } finally {
      await pagefind.close();
    }
  } else if (toWrite.length > 0) {
    await writeShardsInWorkers(toWrite, context, parallel, options.onRecord, options.startedWorkers);
  }
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifestFor(archive, shards), null, 1)}\n`);
  // Written by every build, like the manifest it reads, so an incremental build publishes it too.
  fs.copyFileSync(SEARCH_MODULE_SOURCE, path.join(dir, SEARCH_MODULE_FILE));
  const indexed = [...toWrite, ...shards.filter((s) => prebuilt.has(s.id))];
  return { pagesIndexed: indexed.reduce((n, s) => n + s.articles.length, 0), shards: indexed.length, shardsReused: reused.size };
}

/** What a shard's records need besides its articles: the site's language, section names and lead photos' thumbnails. */
function shardContextFor(archive: Archive, siteDir: string, options: Pick<SearchIndexOptions, "contentRoot" | "photos">): ShardContext {
  const context: ShardContext = {
    contentRoot: options.contentRoot,
    siteDir,
    language: archive.site.language.split("-")[0] ?? "en",
    sectionNames: Object.fromEntries(archive.sections.map((s) => [s.slug, s.name])),
  };
  const thumbnails = thumbnailsFor(archive.articles, options.photos);
  if (thumbnails) context.thumbnails = thumbnails;
  return context;
}

/**
 * Indexes `shards` into `siteDir`'s search folder in worker processes, before the rest of the build knows where its
 * site goes: a republish starts its changed shards as soon as the archive is loaded, and writeSearchIndex takes them
 * in (`prebuilt`) when the plan and the pages are ready. Only the shards: the manifest is writeSearchIndex's.
 */
export async function writeShardsAhead(
  archive: Archive,
  shards: readonly SearchShard[],
  siteDir: string,
  options: Pick<SearchIndexOptions, "contentRoot" | "photos" | "parallel" | "startedWorkers" | "onRecord">,
): Promise<void> {
  if (shards.length === 0) return;
  const parallel = Math.max(1, Math.min(options.parallel ?? 1, shards.length));
  await writeShardsInWorkers(shards, shardContextFor(archive, siteDir, options), parallel, options.onRecord, options.startedWorkers);
}

/**
 * A published shard's folder into the new site: hard links (the old tree is only ever replaced, never written in
 * place), copies across file systems. False when the folder is not there (the shard is then indexed).
 */
function linkTree(from: string, to: string): boolean {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(from, { withFileTypes: true });
  } catch {
    return false;
  }
  fs.mkdirSync(to, { recursive: true });
  for (const entry of entries) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (!linkTree(source, target)) return false;
    } else if (entry.isFile()) {
      try {
        fs.linkSync(source, target);
      } catch {
        fs.copyFileSync(source, target);
      }
    } else return false;
  }
  return true;
}
