/**
 * Sitemaps and robots.txt, written straight from the archive model: a sitemap
 * index at `/sitemap.xml`, one sitemap per year of publication (split at
 * 50,000 URLs), one for the listing pages, a Google News sitemap of the last
 * two days (left out when they have no article), and a robots.txt that names
 * the index.
 *
 * Every date is an article's own time (`updated`, else `published`), never the
 * build's: the same archive gives the same files, byte for byte, except
 * `sitemap-news.xml` (and whether the index lists it), which by definition
 * depend on "now" (passed in, never read here).
 * One pass over the articles, one array of lines per file, one write per file:
 * linear in the size of the archive.
 */
import fs from "node:fs";
import path from "node:path";
import type { Archive } from "../views/archive.ts";
import { type ListingPage } from "../model/listingPage.ts";
import { LISTING_KIND_NAMES, LISTING_KINDS } from "../views/pageKinds.ts";
import { lastModified, newestModification, quickHash, type Article } from "../model/article.ts";
import { formatDate, type ArchiveTime } from "../model/dates.ts";
import { absoluteUrl, LISTING_SITEMAP_NAME, NEWS_SITEMAP_PATH, ROBOTS_PATH, SITEMAP_INDEX_PATH, SITEMAPS_FOLDER } from "../model/urls.ts";
import { escapeXml } from "../model/escape.ts";

/** The protocol's limit per sitemap file (sitemaps.org), and per index. */
export const SITEMAP_URL_LIMIT = 50_000;
/** Google News reads at most 1,000 `news:news` entries per sitemap. */
export const NEWS_URL_LIMIT = 1_000;
/** Google News wants articles published in the last two days only. */
export const NEWS_WINDOW_MILLIS = 2 * 24 * 60 * 60 * 1000;


const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** One `<url>` of a sitemap: a site-relative path and, when known, its last modification. */
export interface SitemapEntry {
  path: string;
  lastmod?: ArchiveTime;
}

/** A page that lists articles: the home page and every listing page the registry puts in the sitemap. */
export interface ListingUrl {
  /** Site-relative path such as `/tags/harbour/`; the origin and path prefix are added here. */
  url: string;
  lastmod?: ArchiveTime;
}

export interface SitemapOptions {
  /** Hosting sub-path (`/` or `/some-prefix/`), as given to the build. */
  pathPrefix: string;
  /** The build's "now" in epoch milliseconds: only the news sitemap reads it. */
  nowMillis: number;
  /** More listing pages for the listing sitemap, after the home and section pages. */
  listingUrls?: ListingUrl[];
  /** URLs per sitemap file; lower only in tests. */
  urlsPerSitemap?: number;
  /** Entries in the news sitemap; lower only in tests. */
  newsLimit?: number;
  /**
   * An incremental build's published sitemaps: a year or listing sitemap whose fingerprint (see `fingerprints` of
   * the result) is the one given here, and whose file is still in `publishedDir`, is left as it is, not written.
   */
  unchanged?: { fingerprints: Readonly<Record<string, string>>; publishedDir: string };
  /** What else the files depend on (the code that writes them): part of every fingerprint. */
  key?: string;
}

export interface SitemapResult {
  /** Files written, relative to the site folder, forward slashes, in writing order. */
  files: string[];
  /** Distinct pages listed (articles and listing pages); news entries repeat articles and are not counted again. */
  urls: number;
  /** Each year and listing sitemap's fingerprint (its URLs and lastmods, the origin, the path prefix, the key), by file. */
  fingerprints: Record<string, string>;
  /** Of `files`, those left as published (unchanged), not written. */
  kept: number;
}

/** One sitemap file to write: where it lives and what it lists. */
export interface SitemapChunk<T> {
  path: string;
  entries: T[];
}

// --- escaping (text goes through escapeXml, shared with the feeds) -----------

/**
 * Percent-encodes what RFC 3986 does not allow in a URL (spaces, non-ASCII),
 * which the sitemap protocol requires; `%` is kept so encoded paths stay as they are.
 */
export function encodeUrlPath(url: string): string {
  return url.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?#%[\]]/gu, encodeCharacter);
}

/** An unpaired surrogate cannot be encoded as UTF-8: it becomes U+FFFD, as a browser would send it. */
function encodeCharacter(c: string): string {
  try {
    return encodeURIComponent(c);
  } catch {
    return "%EF%BF%BD";
  }
}

// --- dates ------------------------------------------------------------------

/** When an article last changed (a correction, its update, else its publication); never the build time. */
export function articleLastmod(article: Article): ArchiveTime {
  return lastModified(article);
}

/** The latest of some times (undefined ones skipped); the first wins a tie, so the result is stable. */
export function newestTime(times: Iterable<ArchiveTime | undefined>): ArchiveTime | undefined {
  let newest: ArchiveTime | undefined;
  for (const time of times) if (time && (!newest || time.millis > newest.millis)) newest = time;
  return newest;
}

/** Newest lastmod of the articles a listing page shows. */
export function newestArticleLastmod(articles: Iterable<Article>): ArchiveTime | undefined {
  return newestModification(articles);
}

/**
 * The listing pages of every kind the registry puts in the sitemap
 * (src/views/pageKinds.ts), in its order, for `SitemapOptions.listingUrls`.
 */
export function archiveListingUrls(archive: Archive): ListingUrl[] {
  return LISTING_KIND_NAMES.filter((kind) => LISTING_KINDS[kind].sitemap).flatMap((kind) =>
    (archive.listings[kind] as ListingPage[]).map((page) => ({ url: page.url, lastmod: newestArticleLastmod(page.articles) })),
  );
}

// --- grouping and splitting -------------------------------------------------

/**
 * Articles by year of publication in the site's zone, newest year first, each
 * year's articles oldest first. Oldest first because a year that is still
 * growing then only ever changes its last file: earlier files of a split year
 * stay byte-identical, and crawlers can trust their lastmod. One pass.
 */
export function groupByYear(articlesNewestFirst: readonly Article[]): Map<string, Article[]> {
  const byYear = new Map<string, Article[]>();
  for (const article of articlesNewestFirst) {
    const year = formatDate.year(article.published);
    let list = byYear.get(year);
    if (!list) byYear.set(year, (list = []));
    list.push(article);
  }
  for (const list of byYear.values()) list.reverse();
  return new Map([...byYear].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0)));
}

/** `/sitemap-{name}.xml` for the first file, `/sitemap-{name}-2.xml` and on for the next. */
export function sitemapPath(name: string, part: number): string {
  return `${SITEMAPS_FOLDER}${name}${part > 1 ? `-${part}` : ""}.xml`;
}

/** Cuts a list into sitemap files of at most `limit` entries each; an empty list gives no file. */
export function splitIntoSitemaps<T>(name: string, entries: readonly T[], limit = SITEMAP_URL_LIMIT): Array<SitemapChunk<T>> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`sitemap limit must be a positive integer, got ${limit}`);
  const chunks: Array<SitemapChunk<T>> = [];
  for (let start = 0, part = 1; start < entries.length; start += limit, part++) {
    chunks.push({ path: sitemapPath(name, part), entries: entries.slice(start, start + limit) });
  }
  return chunks;
}

/**
 * The listing pages: home (lastmod: newest of what it shows, the latest of every
 * section and Must Read), every section index page, then the extra listing
 * URLs. A path listed twice is kept once, in its first place.
 */
export function listingEntries(archive: Archive, extra: readonly ListingUrl[] = []): SitemapEntry[] {
  const homeArticles = [...archive.latestBySection.flatMap((list) => list.articles), ...archive.mustRead];
  const entries: SitemapEntry[] = [{ path: "/", lastmod: newestArticleLastmod(homeArticles) }];
  for (const page of archive.listings.section) entries.push({ path: page.url, lastmod: newestArticleLastmod(page.articles) });
  for (const listing of extra) {
    if (!listing.url.startsWith("/") || listing.url.startsWith("//")) {
      throw new Error(`listing URL "${listing.url}" must be a site-relative path such as /tags/harbour/`);
    }
    entries.push({ path: listing.url, lastmod: listing.lastmod });
  }
  const seen = new Set<string>();
  return entries.filter((entry) => {
    if (seen.has(entry.path)) return false;
    seen.add(entry.path);
    return true;
  });
}

/**
 * The articles for Google News: published within `windowMillis` before `nowMillis`
 * (inclusive), newest first, at most `limit`. Articles dated after `nowMillis`
 * are left out: they were not "published in the last two days" yet. The list is
 * newest first, so the scan stops at the first article older than the window.
 */
export function selectNewsArticles(
  articlesNewestFirst: readonly Article[],
  nowMillis: number,
  limit = NEWS_URL_LIMIT,
  windowMillis = NEWS_WINDOW_MILLIS,
): Article[] {
  const oldest = nowMillis - windowMillis;
  const selected: Article[] = [];
  for (const article of articlesNewestFirst) {
    if (selected.length >= limit) break;
    const millis = article.published.millis;
    if (millis > nowMillis) continue;
    if (millis < oldest) break;
    selected.push(article);
  }
  return selected;
}

/**
 * `news:language` wants an ISO 639 code of 2 or 3 letters, except Chinese,
 * which must be `zh-cn` (Simplified) or `zh-tw` (Traditional).
 */
export function newsLanguage(language: string): string {
  const [primary = "", ...rest] = language.trim().toLowerCase().split(/[-_]/);
  if (primary === "zh") return rest.some((s) => ["tw", "hk", "mo", "hant"].includes(s)) ? "zh-tw" : "zh-cn";
  return primary;
}

// --- rendering --------------------------------------------------------------

/** How site-relative paths become absolute, escaped `<loc>` text. */
export interface UrlContext {
  origin: string;
  pathPrefix: string;
}

export function locOf(sitePath: string, context: UrlContext): string {
  return escapeXml(encodeUrlPath(absoluteUrl(sitePath, context.origin, context.pathPrefix)));
}

function lastmodElement(time: ArchiveTime | undefined): string {
  return time ? `<lastmod>${escapeXml(formatDate.machine(time))}</lastmod>` : "";
}

/** A `<urlset>`; lines are collected in an array and joined once. */
export function renderUrlset(entries: readonly SitemapEntry[], context: UrlContext): string {
  const lines = [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NS}">`];
  for (const entry of entries) lines.push(`<url><loc>${locOf(entry.path, context)}</loc>${lastmodElement(entry.lastmod)}</url>`);
  lines.push("</urlset>", "");
  return lines.join("\n");
}

/** A `<sitemapindex>`; each sitemap's lastmod is the newest lastmod of its URLs. */
export function renderSitemapIndex(sitemaps: readonly SitemapEntry[], context: UrlContext): string {
  const lines = [XML_DECLARATION, `<sitemapindex xmlns="${SITEMAP_NS}">`];
  for (const sitemap of sitemaps) lines.push(`<sitemap><loc>${locOf(sitemap.path, context)}</loc>${lastmodElement(sitemap.lastmod)}</sitemap>`);
  lines.push("</sitemapindex>", "");
  return lines.join("\n");
}

export interface NewsPublication {
  name: string;
  language: string;
}

/**
 * The Google News sitemap, for at least one article: writeSitemaps leaves the
 * file out when none is recent, since a `<urlset>` without `<url>` fails the
 * sitemaps.org schema (its `url` element has minOccurs=1).
 */
export function renderNewsSitemap(articles: readonly Article[], publication: NewsPublication, context: UrlContext): string {
  const lines = [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">`];
  const publicationXml =
    `<news:publication><news:name>${escapeXml(publication.name)}</news:name>` +
    `<news:language>${escapeXml(publication.language)}</news:language></news:publication>`;
  for (const article of articles) {
    lines.push(
      `<url><loc>${locOf(article.url, context)}</loc><news:news>${publicationXml}` +
        `<news:publication_date>${escapeXml(formatDate.machine(article.published))}</news:publication_date>` +
        `<news:title>${escapeXml(article.title)}</news:title></news:news></url>`,
    );
  }
  lines.push("</urlset>", "");
  return lines.join("\n");
}

/**
 * robots.txt: everything may be crawled, and the index is named by its absolute
 * URL (the protocol requires one). Crawlers only read robots.txt at the host's
 * root, so under a path prefix this file is a template for the host's own.
 */
export function renderRobotsTxt(sitemapIndexUrl: string): string {
  return `User-agent: *\nDisallow:\n\nSitemap: ${sitemapIndexUrl}\n`;
}

// --- writing ----------------------------------------------------------------

/**
 * Writes `/sitemap.xml`, `/sitemap-*.xml` and `/robots.txt` into `siteDir`.
 * The index lists the listing sitemap(s), the year sitemaps (newest year first)
 * and the news sitemap when there is one (an article in the last two days).
 * The news sitemap has no lastmod in the index: its content follows the clock,
 * and the index must not.
 */
export function writeSitemaps(archive: Archive, siteDir: string, options: SitemapOptions): SitemapResult {
  const context: UrlContext = { origin: archive.site.url, pathPrefix: options.pathPrefix };
  const limit = options.urlsPerSitemap ?? SITEMAP_URL_LIMIT;
  const files: string[] = [];
  const relativeOf = (sitePath: string): string => sitePath.replace(/^\/+/, "");
  const write = (sitePath: string, content: string): void => {
    const relative = relativeOf(sitePath);
    const file = path.join(siteDir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    files.push(relative);
  };

  const indexEntries: SitemapEntry[] = [];
  let urls = 0;
  const fingerprints: Record<string, string> = {};
  let kept = 0;
  // A year's sitemap changes only with that year's articles: a republish writes one or two of them, not all.
  const writeUrlsets = (name: string, entries: readonly SitemapEntry[]): void => {
    for (const chunk of splitIntoSitemaps(name, entries, limit)) {
      const relative = relativeOf(chunk.path);
      const fingerprint = urlsetFingerprint(chunk, context, options.key ?? "");
      fingerprints[relative] = fingerprint;
      const published = options.unchanged;
      if (published?.fingerprints[relative] === fingerprint && fs.existsSync(path.join(published.publishedDir, relative))) {
        files.push(relative);
        kept++;
      } else write(chunk.path, renderUrlset(chunk.entries, context));
      indexEntries.push({ path: chunk.path, lastmod: newestTime(chunk.entries.map((e) => e.lastmod)) });
      urls += chunk.entries.length;
    }
  };

  writeUrlsets(LISTING_SITEMAP_NAME, listingEntries(archive, options.listingUrls));
  for (const [year, articles] of groupByYear(archive.articles)) {
    writeUrlsets(year, articles.map((article) => ({ path: article.url, lastmod: articleLastmod(article) })));
  }

  const news = selectNewsArticles(archive.articles, options.nowMillis, options.newsLimit ?? NEWS_URL_LIMIT);
  // No recent article, no news sitemap (an empty one is invalid); an incremental build deletes the previous one,
  // as it deletes every file of the previous build's `generated` list that this build did not write.
  if (news.length > 0) {
    const publication = { name: archive.site.outlet, language: newsLanguage(archive.site.language) };
    write(NEWS_SITEMAP_PATH, renderNewsSitemap(news, publication, context));
    indexEntries.push({ path: NEWS_SITEMAP_PATH });
  }

  write(SITEMAP_INDEX_PATH, renderSitemapIndex(indexEntries, context));
  write(ROBOTS_PATH, renderRobotsTxt(absoluteUrl(SITEMAP_INDEX_PATH, context.origin, context.pathPrefix)));
  return { files, urls, fingerprints, kept };
}

/** Everything a `<urlset>` file shows: two lists with the same fingerprint render the same bytes. */
function urlsetFingerprint(chunk: SitemapChunk<SitemapEntry>, context: UrlContext, key: string): string {
  const lines = [key, context.origin, context.pathPrefix, chunk.path];
  for (const entry of chunk.entries) lines.push(`${entry.path}\t${entry.lastmod?.iso ?? ""}`);
  return quickHash(lines.join("\n"));
}
