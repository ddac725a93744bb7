/**
 * The archive model: every article loaded and validated once, sorted once, and
 * indexed once per build into the slim lists that listings, sidebars and the
 * home page read. No page walks the collection; each reads a precomputed slice.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { compareNewestFirst, type Article } from "./article.ts";
import { readRegularFile } from "./articleSource.ts";
import { countErrors, type Diagnostic } from "./diagnostics.ts";
import { listArticleFiles, parseArticle, type ArticleContext } from "./loadArticles.ts";
import { stableSidebarLists } from "./sidebars.ts";
import { dateArchive, nameListings, type ArchiveIndexPage, type DayPage, type MonthPage, type NameIndexPage, type NamePage, type YearPage } from "./browse.ts";
import { relatedBefore, sectionNeighbours, type SectionNeighbours } from "./related.ts";
import { articleLinks, type BodyLink } from "./links.ts";
import { newestModification, type Correction } from "./article.ts";
import { formatDate, type ArchiveTime } from "./dates.ts";
import { createMarkdown } from "./markdown.ts";
import { DATA_FILES, loadSiteData, type Section, type SiteConfig } from "./siteConfig.ts";
import { correctionsPath, outputFileFor, sectionPath } from "./urls.ts";
import { fileKey, siteFiles, SiteFiles, type PathConflict } from "./sitePaths.ts";

/** One page of a paginated listing. `articles` is what the page shows: its fingerprint covers them. */
export interface ListingPage {
  url: string;
  pageNumber: number;
  pageCount: number;
  articles: Article[];
  previousUrl?: string;
  nextUrl?: string;
  /** What else the page shows (counts, neighbours), for its fingerprint. */
  key?: string;
}

export interface SectionPage extends ListingPage {
  section: Section;
}

export interface CorrectionsPage extends ListingPage {
  entries: Array<{ article: Article; correction: Correction }>;
}

/** A former URL of an article: a small page that sends the visitor on. */
export interface RedirectPage extends ListingPage {
  from: string;
  article: Article;
}

/** Every page made from lists of articles, by kind; each kind has one template in src/pages/. */
export interface Listings {
  section: SectionPage[];
  corrections: CorrectionsPage[];
  redirect: RedirectPage[];
  archiveIndex: ArchiveIndexPage[];
  year: YearPage[];
  month: MonthPage[];
  day: DayPage[];
  authorIndex: NameIndexPage[];
  author: NamePage[];
  tagIndex: NameIndexPage[];
  tag: NamePage[];
}

export type ListingKind = keyof Listings;

export const CORRECTIONS_PAGE_SIZE = 50;
export const FEED_ENTRIES = 50;

export interface Feed {
  /** `/feed.xml`, `/opinion/feed.xml`. */
  url: string;
  /** The HTML page the feed follows: `/`, `/opinion/`. */
  pageUrl: string;
  title: string;
  section?: Section;
  articles: Article[];
  /** Newest modification among its entries (never the build time); undefined when empty. */
  updated?: ArchiveTime;
}

export interface LatestList {
  section: Section;
  url: string;
  articles: Article[];
}

export interface Archive {
  site: SiteConfig;
  sections: Section[];
  /** Plain object so templates can look a section up by slug. */
  sectionsBySlug: Record<string, Section>;
  /** Every published article, newest first. */
  articles: Article[];
  /** Section indexes, the corrections pages and redirect pages: every page besides articles and singletons. */
  listings: Listings;
  /** Newest articles of every section, in `sections.json` order: the home page. */
  latestBySection: LatestList[];
  /** Newest articles of the sidebar sections (Opinion, Editorial): the shared `latest.json`. */
  sidebarLists: LatestList[];
  /**
   * Per article, the sidebar sections' pieces published before it: what its page
   * shows without JavaScript. It never changes when newer articles arrive, so a
   * publication does not rewrite every page (see src/archive/sidebars.ts).
   */
  sidebarsBefore: ReadonlyMap<Article, LatestList[]>;
  /** Per article, up to five earlier articles sharing its tags, then its section (src/archive/related.ts). */
  related: ReadonlyMap<Article, Article[]>;
  /** Per article, the previous and next article of its section. */
  neighbours: ReadonlyMap<Article, SectionNeighbours>;
  /** Atom feeds: the whole site, then each section, with their newest entries. */
  feeds: Feed[];
  /** Author name → `/authors/{slug}/`; tag → `/tags/{slug}/` (plain objects, for templates). */
  authorUrls: Record<string, string>;
  tagUrls: Record<string, string>;
  mustRead: Article[];
  draftCount: number;
  /** Articles whose date has not come yet, held back from this build (embargo), oldest first. */
  scheduled: Article[];
  /** Every correction, newest first, with its article: the corrections page. */
  corrections: Array<{ article: Article; correction: Correction }>;
  /** Former site paths → the article now there (from `redirect_from`), sorted by path. */
  redirects: Array<{ from: string; article: Article }>;
  diagnostics: Diagnostic[];
  /** What was read from each source file, for the next build's `LoadOptions.cache`. */
  sources: Map<string, CachedSource>;
}

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

export type LoadResult = { ok: true; archive: Archive } | { ok: false; diagnostics: Diagnostic[] };

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
}

/** What loading needs before reading articles: the validated site data and the parse context. */
interface LoadSetup {
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

/** Site data for a worker that parses part of the archive (src/archive/parseWorker.ts). */
export function parseContextFor(root: string): ArticleContext | undefined {
  return setUp(root, [])?.context;
}

export function loadArchive(root: string, options: LoadOptions = {}): LoadResult {
  // One "now" for parsing (updates may not be dated after it) and assembly (later articles are held back).
  const now = options.now ?? Date.now();
  options = { ...options, now };
  const diagnostics: Diagnostic[] = [];
  const setup = setUp(root, diagnostics);
  if (!setup) return { ok: false, diagnostics };
  options.onStart?.(setup.files.length);
  const context: ArticleContext = { ...setup.context, now };
  const read = setup.files.map((sourcePath) => {
    options.onFile?.();
    return readSource(root, sourcePath, context, options.cache, diagnostics);
  });
  return assembleArchive(setup, read, diagnostics, options);
}

/** Below this many files to parse, starting workers costs more than it saves (`ARCHIVE_PARALLEL_MIN_FILES` overrides, for tests). */
const PARALLEL_MIN_FILES = 2000;

/**
 * `loadArchive`, with the parsing of a large archive spread over worker
 * processes (one per core, at most four; `ARCHIVE_PARSE_WORKERS` overrides):
 * parsing front matter is most of a cold load. Results are the same, in the
 * same order. When the cache covers most files there is little to parse, and
 * it runs in this thread.
 */
export async function loadArchiveInParallel(root: string, options: LoadOptions = {}): Promise<LoadResult> {
  const now = options.now ?? Date.now();
  options = { ...options, now };
  const diagnostics: Diagnostic[] = [];
  const setup = setUp(root, diagnostics);
  if (!setup) return { ok: false, diagnostics };
  const workers = Math.max(1, Number(process.env.ARCHIVE_PARSE_WORKERS) || Math.min(4, os.availableParallelism()));
  const minFiles = Number(process.env.ARCHIVE_PARALLEL_MIN_FILES) || PARALLEL_MIN_FILES;
  if (options.cache || workers < 2 || setup.files.length < minFiles) return loadArchive(root, options);
  options.onStart?.(setup.files.length);
  const chunks = Array.from({ length: workers }, (_, i) =>
    setup.files.slice(Math.floor((i * setup.files.length) / workers), Math.floor(((i + 1) * setup.files.length) / workers)),
  );
  let results: Array<{ sources: Array<CachedSource | null>; diagnostics: Diagnostic[] }>;
  try {
    results = await Promise.all(chunks.map((files) => parseInWorker(root, files, now, (n) => {
      for (let i = 0; i < n; i++) options.onFile?.();
    })));
  } catch (error) {
    // Workers asked for by name must work; otherwise (an unusual setup) parse in this process.
    if (process.env.ARCHIVE_PARSE_WORKERS) throw error;
    return loadArchive(root, { ...options, onStart: undefined });
  }
  for (const result of results) diagnostics.push(...result.diagnostics);
  const read = results.flatMap((result) => result.sources.map((source) => source ?? undefined));
  return assembleArchive(setup, read, diagnostics, options);
}

function parseInWorker(
  root: string,
  files: string[],
  now: number,
  onProgress: (files: number) => void,
): Promise<{ sources: Array<CachedSource | null>; diagnostics: Diagnostic[] }> {
  // A child process run by tsx, as the build runs (worker threads do not get tsx's loader); results come back
  // through the IPC channel with structured cloning.
  const child = fork(fileURLToPath(new URL("./parseWorker.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    let done = false;
    child.on("message", (message: { progress?: number; sources?: Array<CachedSource | null>; diagnostics?: Diagnostic[] }) => {
      if (message.progress) onProgress(message.progress);
      if (message.sources && message.diagnostics) {
        done = true;
        resolve({ sources: message.sources, diagnostics: message.diagnostics });
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

function assembleArchive(setup: LoadSetup, read: Array<CachedSource | undefined>, diagnostics: Diagnostic[], options: LoadOptions): LoadResult {
  const { site, sections, sectionsBySlug, mustRead } = setup;
  const articles: Article[] = [];
  const sources = new Map<string, CachedSource>();
  const scheduled: Article[] = [];
  const now = options.now ?? Date.now();
  let draftCount = 0;
  setup.files.forEach((sourcePath, i) => {
    const source = read[i];
    if (!source) return;
    sources.set(sourcePath, source);
    const { result } = source;
    if (result.kind === "article") {
      if (result.article.published.millis <= now) articles.push(result.article);
      else if (options.includeFuture) articles.push({ ...result.article, preview: "scheduled" });
      else scheduled.push(result.article);
    } else {
      draftCount++;
      if (options.includeDrafts && result.article) articles.push({ ...result.article, preview: "draft" });
    }
  });
  scheduled.sort((a, b) => a.published.millis - b.published.millis);
  for (const article of scheduled) {
    diagnostics.push({
      severity: "warning",
      file: article.sourcePath,
      field: "date",
      message: `${formatDate.machine(article.published)} is in the future: held back until a build at or after that time (npm run build -- --future previews it)`,
    });
  }

  // Scheduled articles are checked as if published (and still held back): a conflict they bring would
  // otherwise stop the unattended build at their embargo time, which would then publish nothing.
  reportDuplicateUrls(scheduled.length > 0 ? [...articles, ...scheduled] : articles, diagnostics);
  articles.sort(compareNewestFirst);
  const pages = pagesOf(site, sections, articles);
  const { bySection } = pages;
  const redirects = collectRedirects(articles, scheduled, () => {
    // The site as it will be once the scheduled articles are out, only for the paths it will write.
    const later = scheduled.length > 0 ? pagesOf(site, sections, [...articles, ...scheduled].sort(compareNewestFirst)) : undefined;
    return siteFiles({ articles, listings: pages.listings, feeds: pages.feeds }, later && { articles: scheduled, listings: later.listings, feeds: later.feeds });
  }, diagnostics);
  reportBrokenLinks(articles, scheduled, redirects, sources, diagnostics);
  const mustReadArticles = resolveMustRead(mustRead.articles, articles, site.url, diagnostics);
  // One order for every report (check, build, dev server): by file, then line.
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  if (countErrors(diagnostics) > 0) return { ok: false, diagnostics };

  const latest = (section: Section): LatestList => ({
    section,
    url: sectionPath(section.slug),
    articles: (bySection.get(section.slug) ?? []).slice(0, site.latestCount),
  });

  const archive: Archive = {
    site,
    sections,
    sectionsBySlug: Object.fromEntries(sectionsBySlug),
    articles,
    listings: pages.listings,
    related: relatedBefore(articles),
    neighbours: sectionNeighbours(bySection),
    feeds: pages.feeds,
    authorUrls: Object.fromEntries(pages.authorUrls),
    tagUrls: Object.fromEntries(pages.tagUrls),
    latestBySection: sections.map(latest),
    sidebarLists: site.sidebarSections.map((slug) => latest(sectionsBySlug.get(slug) as Section)),
    sidebarsBefore: stableSidebarLists(
      articles,
      site.sidebarSections.map((slug) => sectionsBySlug.get(slug) as Section),
      site.latestCount,
    ),
    mustRead: mustReadArticles,
    draftCount,
    scheduled,
    corrections: pages.corrections,
    redirects,
    diagnostics,
    sources,
  };
  archive.listings.redirect = redirects.map(({ from, article }) => ({ url: from, pageNumber: 1, pageCount: 1, articles: [article], from, article }));
  return { ok: true, archive };
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
  const article = parsed.article && { ...parsed.article, contentHash: hash };
  const links = parsed.article
    ? articleLinks(text.slice(parsed.article.bodyOffset), text.slice(0, parsed.article.bodyOffset).split("\n").length, context.site.url)
    : [];
  const cached: CachedSource = { hash, result: parsed.kind === "draft" ? { kind: "draft", article } : { kind: "article", article: article as Article }, warnings };
  if (links.length > 0) cached.links = links;
  return cached;
}

/** Every page made from a newest-first list of articles, but the redirects: listings, feeds, and what they are made from. */
interface ArchivePages {
  bySection: Map<string, Article[]>;
  listings: Listings;
  feeds: Feed[];
  corrections: Archive["corrections"];
  authorUrls: Map<string, string>;
  tagUrls: Map<string, string>;
}

function pagesOf(site: SiteConfig, sections: readonly Section[], articlesNewestFirst: readonly Article[]): ArchivePages {
  const bySection = new Map<string, Article[]>(sections.map((s) => [s.slug, []]));
  for (const article of articlesNewestFirst) bySection.get(article.section)?.push(article);
  const dates = dateArchive(articlesNewestFirst, sections);
  const authors = nameListings(articlesNewestFirst, (a) => a.authors, "/authors/", "Authors");
  const tags = nameListings(articlesNewestFirst, (a) => a.tags, "/tags/", "Tags");
  const corrections = articlesNewestFirst
    .flatMap((article) => (article.corrections ?? []).map((correction) => ({ article, correction })))
    .sort((a, b) => b.correction.date.millis - a.correction.date.millis || compareNewestFirst(a.article, b.article));
  const listings: Listings = {
    section: sections.flatMap((s) => paginateSection(s, bySection.get(s.slug) ?? [])),
    corrections: paginate(corrections, CORRECTIONS_PAGE_SIZE, correctionsPath).map((page) => ({
      ...page,
      entries: page.items,
      articles: page.items.map((entry) => entry.article),
    })),
    redirect: [],
    archiveIndex: [dates.index],
    year: dates.years,
    month: dates.months,
    day: dates.days,
    authorIndex: authors.index,
    author: authors.pages,
    tagIndex: tags.index,
    tag: tags.pages,
  };
  const feeds = [
    feedOf(`${site.outlet}`, "/", undefined, articlesNewestFirst),
    ...sections.map((section) => feedOf(`${site.outlet}: ${section.name}`, sectionPath(section.slug), section, bySection.get(section.slug) ?? [])),
  ];
  return { bySection, listings, feeds, corrections, authorUrls: authors.urlOf, tagUrls: tags.urlOf };
}

function feedOf(title: string, pageUrl: string, section: Section | undefined, newestFirst: readonly Article[]): Feed {
  const entries = newestFirst.slice(0, FEED_ENTRIES);
  return { url: `${pageUrl}feed.xml`, pageUrl, title, section, articles: entries, updated: newestModification(entries) };
}

/**
 * Former URLs from `redirect_from`: the published articles' (newest first), then the scheduled ones' as if
 * published. Each must be a path where the site writes nothing (src/archive/sitePaths.ts), claimed once;
 * every problem is an error on the article's `redirect_from` line. Returns the published articles' only.
 */
function collectRedirects(
  articles: readonly Article[],
  scheduled: readonly Article[],
  writtenFiles: () => SiteFiles,
  diagnostics: Diagnostic[],
): Archive["redirects"] {
  // Most archives have no former URLs: the paths of the site are only gathered for those that do.
  if (!articles.some((a) => a.redirectFrom) && !scheduled.some((a) => a.redirectFrom)) return [];
  const site = writtenFiles();
  const claimed = new SiteFiles();
  const claimedBy = new Map<string, Article>();
  const accepted: Archive["redirects"] = [];
  const claim = (article: Article, published: boolean): void => {
    for (const from of article.redirectFrom ?? []) {
      const file = fileKey(from);
      const problem = pageConflict(from, site.conflict(from, file)) ?? claimConflict(from, article, claimed.conflict(from, file), claimedBy);
      if (problem) {
        diagnostics.push({ severity: "error", file: article.sourcePath, line: article.redirectFromLine, field: "redirect_from", message: problem });
        continue;
      }
      claimed.add(from, false, file);
      claimedBy.set(from, article);
      if (published) accepted.push({ from, article });
    }
  };
  for (const article of articles) claim(article, true);
  for (const article of scheduled) claim(article, false);
  return accepted.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** Why a former URL cannot be written where the site writes its pages. */
function pageConflict(from: string, conflict: PathConflict | undefined): string | undefined {
  if (!conflict) return undefined;
  const { path: taken } = conflict;
  switch (conflict.kind) {
    case "page": {
      const caseOnly = outputFileFor(from) !== outputFileFor(taken) ? " (letter case does not count on many disks)" : "";
      return conflict.later
        ? `${from} will be the page ${taken} of this site${caseOnly} once the scheduled articles are published; a redirect would replace it`
        : `${from} is the page ${taken} of this site${caseOnly}; a redirect would replace it`;
    }
    case "under-file":
      return `${from} would need a folder where the site ${conflict.later ? "will write" : "writes"} the file ${taken}`;
    case "folder":
      return `${from} is a folder of this site (${taken}); a redirect page cannot be written in its place`;
    case "build-folder":
      return `${from} is inside ${taken}, which the build writes`;
    case "build-files":
      return `${from} is one of the build's own file names (${taken})`;
  }
}

/** Why a former URL cannot be written where another former URL already is. */
function claimConflict(from: string, article: Article, conflict: PathConflict | undefined, claimedBy: ReadonlyMap<string, Article>): string | undefined {
  if (!conflict) return undefined;
  const other = claimedBy.get(conflict.path);
  const as = from !== conflict.path ? ` as ${conflict.path}` : "";
  if (conflict.kind === "page" && other === article) return `${from} is listed twice${from !== conflict.path ? ` (as ${conflict.path})` : ""}`;
  if (conflict.kind === "page" && other) return `${from} is already redirected to ${other.url} by ${other.sourcePath}${as} (an old URL can lead to one article only)`;
  if (conflict.kind === "under-file" && other) {
    return `${from} would need a folder where ${other === article ? "this article" : other.sourcePath} redirects the file ${conflict.path}`;
  }
  if (conflict.kind === "folder") return `${from} would be a file where other former URLs need a folder (${conflict.path})`;
  return pageConflict(from, conflict);
}

/** Links in bodies to article URLs that are not published: warnings naming the line (a broken link should not stop a publication). */
function reportBrokenLinks(
  articles: readonly Article[],
  scheduled: readonly Article[],
  redirects: Archive["redirects"],
  sources: ReadonlyMap<string, CachedSource>,
  diagnostics: Diagnostic[],
): void {
  const known = new Set(articles.map((a) => a.url));
  for (const r of redirects) known.add(r.from.endsWith("/") ? r.from : `${r.from}/`);
  const later = new Map(scheduled.map((a) => [a.url, a]));
  for (const article of articles) {
    for (const link of sources.get(article.sourcePath)?.links ?? []) {
      if (known.has(link.path)) continue;
      const waiting = later.get(link.path);
      diagnostics.push({
        severity: "warning",
        file: article.sourcePath,
        line: link.line,
        field: "body",
        message: waiting
          ? `links to ${link.path}, which is scheduled for ${formatDate.machine(waiting.published)}: the link is broken until then`
          : `links to ${link.path}, which is not a published article`,
      });
    }
  }
}

function reportDuplicateUrls(articles: readonly Article[], diagnostics: Diagnostic[]): void {
  const firstByUrl = new Map<string, Article>();
  for (const article of articles) {
    const first = firstByUrl.get(article.url);
    if (first) {
      diagnostics.push({
        severity: "error",
        file: article.sourcePath,
        field: "slug",
        message: `URL ${article.url} is already used by ${first.sourcePath} (change the slug or the date of one of them)`,
      });
    } else firstByUrl.set(article.url, article);
  }
}

/** Must Read entries may be URL paths, full URLs on the site's origin, or source paths. */
function resolveMustRead(refs: readonly string[], articles: readonly Article[], origin: string, diagnostics: Diagnostic[]): Article[] {
  const byKey = new Map<string, Article>();
  for (const article of articles) {
    byKey.set(article.url, article);
    byKey.set(article.sourcePath, article);
  }
  const resolved: Article[] = [];
  refs.forEach((ref, i) => {
    let key = ref.trim();
    if (key.startsWith(origin)) key = key.slice(origin.length);
    if (key.startsWith("/") && !key.endsWith("/")) key += "/";
    const article = byKey.get(key);
    if (article) resolved.push(article);
    else {
      diagnostics.push({
        severity: "error",
        file: DATA_FILES.mustRead,
        field: `articles.${i}`,
        message: `"${ref}" is not a published article (give its URL, like /2023/12/09/slug/, or its file, like articles/2023/12/slug.md)`,
      });
    }
  });
  return resolved;
}

/** Splits `items` into pages of `size` (at least one page, possibly empty), with their URLs and neighbours. */
export function paginate<T>(
  items: readonly T[],
  size: number,
  urlFor: (pageNumber: number) => string,
): Array<Omit<ListingPage, "articles"> & { items: T[] }> {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const pages: Array<Omit<ListingPage, "articles"> & { items: T[] }> = [];
  for (let n = 1; n <= pageCount; n++) {
    pages.push({
      pageNumber: n,
      pageCount,
      url: urlFor(n),
      items: items.slice((n - 1) * size, n * size),
      previousUrl: n > 1 ? urlFor(n - 1) : undefined,
      nextUrl: n < pageCount ? urlFor(n + 1) : undefined,
    });
  }
  return pages;
}

export function paginateSection(section: Section, articles: readonly Article[]): SectionPage[] {
  return paginate(articles, section.pageSize, (n) => sectionPath(section.slug, n)).map(({ items, ...page }) => ({ ...page, section, articles: items }));
}
