/**
 * The archive: the articles that content/ read and validated, sorted once and
 * indexed once per build into the slim lists that listings, sidebars, feeds
 * and the home page read. No page walks the collection; each reads a
 * precomputed slice.
 */
import { compareNewestFirst, newestModification, type Article, type Correction } from "../model/article.ts";
import { countErrors, sortDiagnostics, type Diagnostic } from "../model/diagnostics.ts";
import { formatDate } from "../model/dates.ts";
import { feedPath, HOME_PATH, sectionPath } from "../model/urls.ts";
import { readSources, readSourcesInParallel, type CachedSource, type LoadOptions, type LoadSetup, type SourcesRead } from "../content/loadSources.ts";
import type { Section, SiteConfig } from "../content/siteData.ts";
import { dateArchive, nameListings } from "./browse.ts";
import { collectRedirects, reportBrokenLinks, reportDuplicateUrls, resolveMustRead, type Redirect } from "./crossChecks.ts";
import { FEED_ENTRIES, type Feed, type LatestList } from "./listings.ts";
import { correctionsOf, listingsOf, type Listings } from "./pageKinds.ts";
import { relatedBefore, sectionNeighbours, type SectionNeighbours } from "./related.ts";
import { stableSidebarLists } from "./sidebars.ts";
import { siteFiles, splitFormerUrl } from "./sitePaths.ts";

export interface Archive {
  site: SiteConfig;
  sections: Section[];
  /** Plain object so templates can look a section up by slug. */
  sectionsBySlug: Record<string, Section>;
  /** Every published article, newest first. */
  articles: Article[];
  /** Every page made from lists of articles, by kind (the registry: src/views/pageKinds.ts). */
  listings: Listings;
  /** Newest articles of every section, in `sections.json` order: the home page. */
  latestBySection: LatestList[];
  /** Newest articles of the sidebar sections (Opinion, Editorial): the shared `latest.json`. */
  sidebarLists: LatestList[];
  /**
   * Per article, the sidebar sections' pieces published before it: what its page
   * shows without JavaScript. It never changes when newer articles arrive, so a
   * publication does not rewrite every page (see src/views/sidebars.ts).
   */
  sidebarsBefore: ReadonlyMap<Article, LatestList[]>;
  /** Per article, up to five earlier articles sharing its tags, then its section (src/views/related.ts). */
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
  /** Former site paths (some with a query string: `/?p=1234`) → the article now there (from `redirect_from`), sorted. */
  redirects: Redirect[];
  diagnostics: Diagnostic[];
  /** What was read from each source file, for the next build's `LoadOptions.cache`. */
  sources: Map<string, CachedSource>;
}

export type LoadResult = { ok: true; archive: Archive } | { ok: false; diagnostics: Diagnostic[] };


/** Reads and validates every source (content/), then assembles the archive. */
export function loadArchive(root: string, options: LoadOptions = {}): LoadResult {
  // One "now" for parsing (updates may not be dated after it) and assembly (later articles are held back).
  const timed = { ...options, now: options.now ?? Date.now() };
  return assembled(readSources(root, timed), timed);
}

/** `loadArchive`, with the parsing of a large archive spread over worker processes (content/loadSources.ts). */
export async function loadArchiveInParallel(root: string, options: LoadOptions = {}): Promise<LoadResult> {
  const timed = { ...options, now: options.now ?? Date.now() };
  return assembled(await readSourcesInParallel(root, timed), timed);
}

/** The archive of sources already read (`options.now` set: the time they were read at). */
export function assembled(read: SourcesRead, options: LoadOptions): LoadResult {
  return read.ok ? assembleArchive(read, options) : { ok: false, diagnostics: read.diagnostics };
}

/**
 * What an archive was assembled from, besides its sources: the time, the preview options, the Must Read list, and
 * the diagnostics assembly added to the sources' own (duplicate URLs, former URLs, broken links, Must Read, held-back
 * articles). An archive made by editing another (src/views/editedArchive.ts) starts from them.
 */
export interface Assembly {
  now: number;
  includeFuture: boolean;
  includeDrafts: boolean;
  mustRead: readonly string[];
  crossChecks: readonly Diagnostic[];
}

const assemblies = new WeakMap<Archive, Assembly>();

export function assemblyOf(archive: Archive): Assembly | undefined {
  return assemblies.get(archive);
}

export function keepAssembly(archive: Archive, assembly: Assembly): void {
  assemblies.set(archive, assembly);
}

/** The sources as this build takes them: articles it publishes, those held back until their date, drafts counted. */
interface SortedSources {
  articles: Article[];
  /** Oldest first. */
  scheduled: Article[];
  draftCount: number;
  sources: Map<string, CachedSource>;
}

function assembleArchive(sourcesRead: Extract<SourcesRead, { ok: true }>, given: LoadOptions): LoadResult {
  const options = { ...given, now: given.now ?? Date.now() };
  const { setup, diagnostics } = sourcesRead;
  const sorted = sortSources(sourcesRead, options);
  const { articles, scheduled } = sorted;
  const loadDiagnostics = diagnostics.length;
  reportScheduled(scheduled, diagnostics);
  // Scheduled articles are checked as if published (and still held back): a conflict they bring would
  // otherwise stop the unattended build at their embargo time, which would then publish nothing.
  reportDuplicateUrls(scheduled.length > 0 ? [...articles, ...scheduled] : articles, diagnostics);
  articles.sort(compareNewestFirst);
  const pages = pagesOf(setup.site, setup.sections, articles);
  const redirects = collectRedirects(articles, scheduled, () => pathsWritten(setup, sorted, pages), diagnostics);
  reportBrokenLinks(articles, scheduled, redirects, sorted.sources, diagnostics);
  const mustRead = resolveMustRead(setup.mustRead.articles, articles, setup.site.url, diagnostics);
  const crossChecks = diagnostics.slice(loadDiagnostics);
  // One order for every report (check, build, dev server): by file, then line.
  sortDiagnostics(diagnostics);
  if (countErrors(diagnostics) > 0) return { ok: false, diagnostics };
  const archive = archiveOf(setup, sorted, pages, redirects, mustRead, diagnostics);
  keepAssembly(archive, {
    now: options.now,
    includeFuture: Boolean(options.includeFuture),
    includeDrafts: Boolean(options.includeDrafts),
    mustRead: setup.mustRead.articles,
    crossChecks,
  });
  return { ok: true, archive };
}

/** Splits the parsed sources into published, scheduled (held back unless previewed) and drafts (shown only in previews). */
function sortSources({ setup, read }: Extract<SourcesRead, { ok: true }>, options: LoadOptions): SortedSources {
  const sorted: SortedSources = { articles: [], scheduled: [], draftCount: 0, sources: new Map() };
  const now = options.now ?? Date.now();
  setup.files.forEach((sourcePath, i) => {
    const source = read[i];
    if (!source) return;
    sorted.sources.set(sourcePath, source);
    const place = placeOf(source, now, options);
    if (place.list === "articles") sorted.articles.push(place.article);
    else if (place.list === "scheduled") sorted.scheduled.push(place.article);
    else {
      sorted.draftCount++;
      if (place.article) sorted.articles.push(place.article);
    }
  });
  sorted.scheduled.sort((a, b) => a.published.millis - b.published.millis);
  return sorted;
}

/** Where a source goes in an archive read at `now`: published, held back until its date, or a draft (shown in previews with its mark). */
export type Place = { list: "articles" | "scheduled"; article: Article } | { list: "drafts"; article?: Article };

export function placeOf({ result }: CachedSource, now: number, options: LoadOptions): Place {
  if (result.kind === "article") {
    if (result.article.published.millis <= now) return { list: "articles", article: result.article };
    if (options.includeFuture) return { list: "articles", article: { ...result.article, preview: "scheduled" } };
    return { list: "scheduled", article: result.article };
  }
  // Counted as a draft, and shown among the articles in a preview with drafts.
  return options.includeDrafts && result.article ? { list: "drafts", article: { ...result.article, preview: "draft" } } : { list: "drafts" };
}

function reportScheduled(scheduled: readonly Article[], diagnostics: Diagnostic[]): void {
  for (const article of scheduled) {
    diagnostics.push({
      severity: "warning",
      file: article.sourcePath,
      field: "date",
      message: `${formatDate.machine(article.published)} is in the future: held back until a build at or after that time (npm run build -- --future previews it)`,
    });
  }
}

/** Every path the site writes now, and once the scheduled articles are out: no former URL may take one. */
function pathsWritten(setup: LoadSetup, { articles, scheduled }: SortedSources, pages: ArchivePages): ReturnType<typeof siteFiles> {
  const later = scheduled.length > 0 ? pagesOf(setup.site, setup.sections, [...articles, ...scheduled].sort(compareNewestFirst)) : undefined;
  return siteFiles({ articles, listings: pages.listings, feeds: pages.feeds }, later && { articles: scheduled, listings: later.listings, feeds: later.feeds });
}

/** The checked archive: the pages' lists and what the home page, sidebars and article pages read. */
/** Replaces `archive[key]` by a value made on first read (enumerable, so copies and V8's serializer see it). */
function lazily<K extends "related" | "neighbours" | "sidebarsBefore">(archive: Archive, key: K, make: () => Archive[K]): void {
  let value: Archive[K] | undefined;
  Object.defineProperty(archive, key, { enumerable: true, configurable: true, get: () => (value ??= make()) });
}

function archiveOf(
  setup: LoadSetup,
  { articles, scheduled, draftCount, sources }: SortedSources,
  pages: ArchivePages,
  redirects: Redirect[],
  mustRead: Article[],
  diagnostics: Diagnostic[],
): Archive {
  const { site, sections, sectionsBySlug } = setup;
  const { bySection } = pages;
  const latest = (section: Section): LatestList => ({
    section,
    url: sectionPath(section.slug),
    articles: (bySection.get(section.slug) ?? []).slice(0, site.latestCount),
  });
  const sidebarSections = site.sidebarSections.map((slug) => sectionsBySlug.get(slug) as Section);
  const archive: Archive = {
    site,
    sections,
    sectionsBySlug: Object.fromEntries(sectionsBySlug),
    articles,
    listings: pages.listings,
    // Made on first use (below): `npm run check` needs none of the three.
    related: new Map(),
    neighbours: new Map(),
    feeds: pages.feeds,
    authorUrls: Object.fromEntries(pages.authorUrls),
    tagUrls: Object.fromEntries(pages.tagUrls),
    latestBySection: sections.map(latest),
    sidebarLists: sidebarSections.map(latest),
    sidebarsBefore: new Map(),
    mustRead,
    draftCount,
    scheduled,
    corrections: pages.corrections,
    redirects,
    diagnostics,
    sources,
  };
  lazily(archive, "related", () => relatedBefore(articles));
  lazily(archive, "neighbours", () => sectionNeighbours(bySection));
  lazily(archive, "sidebarsBefore", () => stableSidebarLists(articles, sidebarSections, site.latestCount));
  // A page at each former URL, but those with a query string: a static file cannot answer a query (and the page at
  // their path, such as the home page, is the site's own); _redirects and the nginx map answer them.
  archive.listings.redirect = redirects
    .filter(({ from }) => !splitFormerUrl(from))
    .map(({ from, article }) => ({ url: from, articles: [article], from, article }));
  return archive;
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
  const input = {
    sections,
    articlesNewestFirst,
    bySection,
    dates: dateArchive(articlesNewestFirst, sections),
    authors: nameListings(articlesNewestFirst, (a) => a.authors, "authors", "Authors"),
    tags: nameListings(articlesNewestFirst, (a) => a.tags, "tags", "Tags"),
    corrections: correctionsOf(articlesNewestFirst),
  };
  const feeds = [
    feedOf(`${site.outlet}`, undefined, articlesNewestFirst),
    ...sections.map((section) => feedOf(`${site.outlet}: ${section.name}`, section, bySection.get(section.slug) ?? [])),
  ];
  return { bySection, listings: listingsOf(input), feeds, corrections: input.corrections, authorUrls: input.authors.urlOf, tagUrls: input.tags.urlOf };
}

function feedOf(title: string, section: Section | undefined, newestFirst: readonly Article[]): Feed {
  const entries = newestFirst.slice(0, FEED_ENTRIES);
  const pageUrl = section ? sectionPath(section.slug) : HOME_PATH;
  return { url: feedPath(section?.slug), pageUrl, title, section, articles: entries, updated: newestModification(entries) };
}
