/**
 * Every file the site writes, in one place: what a former URL (`redirect_from`)
 * may not take over, and the top-level names no section may use.
 *
 * Pages come from the archive model (articles, every kind of listing page in
 * src/views/pageKinds.ts, feeds) and the fixed pages; folders and names the build
 * owns whole (copied assets, the search index, the sitemaps, whose number
 * grows with the archive) are reserved as patterns. Paths are compared as
 * output files, case-folded and Unicode-composed: `/News/`, `/news` and
 * `/news/index.html` are all the file of `/news/` on a case-insensitive disk.
 */
import type { Article } from "../model/article.ts";
import { type Feed } from "./listings.ts";
import { LISTING_KIND_NAMES, LISTING_KINDS, type Listings } from "./pageKinds.ts";
import { BUILD_FOLDERS, outputFileFor, SINGLETON_PATHS, SITEMAPS_FOLDER } from "../model/urls.ts";

/** The sitemaps sit at the root as `sitemap-{name}.xml`. */
const SITEMAP_PREFIX = SITEMAPS_FOLDER.replace(/^\/+/, "");
const SITEMAP_PATTERN = `${SITEMAPS_FOLDER}*.xml`;

/** How a file system that ignores letter case (and composes accents) sees a path. */
export function foldPath(sitePath: string): string {
  const lower = sitePath.toLowerCase();
  // Almost every path is ASCII, which has nothing to compose: skip the costlier normalisation.
  return /[^\u0000-\u007f]/.test(lower) ? lower.normalize("NFC") : lower;
}

/**
 * A former URL with a query string (`/?p=1234`, as checkRedirectPath keeps it:
 * its decoded path, `?`, the query as written), split in two; undefined for a
 * plain path. Such a URL writes no file (a static file cannot answer a query),
 * so it never collides with a path of the site: `/?p=1` is not the home page.
 */
export function splitFormerUrl(from: string): { path: string; query: string } | undefined {
  // A checked path never holds a `?` (an encoded one is refused): the first one starts the query.
  const mark = from.indexOf("?");
  return mark === -1 ? undefined : { path: from.slice(0, mark), query: from.slice(mark + 1) };
}

/** The case-folded output file of a site path: what `SiteFiles` compares. */
export function fileKey(sitePath: string): string {
  return foldPath(outputFileFor(sitePath));
}

/** Why a path cannot be written by a redirect; `path` is the site path it collides with. */
export type PathConflict =
  /** The same file as a page. */
  | { kind: "page"; path: string; later: boolean }
  /** Needs a folder where the site writes a file (`/feed.xml/old`). */
  | { kind: "under-file"; path: string; later: boolean }
  /** Is a folder the site writes pages into. */
  | { kind: "folder"; path: string }
  /** Inside a folder the build writes whole. */
  | { kind: "build-folder"; path: string }
  /** A name the build gives its own files (the sitemaps). */
  | { kind: "build-files"; path: string };

/**
 * A set of output files (case-folded) with the folders they need. Built once
 * per load: one map entry per page, and each new folder once.
 */
export class SiteFiles {
  /** Folded output file → the site path it was added as. */
  private readonly files = new Map<string, string>();
  private readonly folders = new Set<string>();
  /** Files that only scheduled articles add (they will exist once those are published). */
  private readonly later = new Set<string>();

  /** `file` is `fileKey(sitePath)`, when the caller has it already. */
  add(sitePath: string, later = false, file = fileKey(sitePath)): void {
    if (this.files.has(file)) return;
    this.files.set(file, sitePath);
    if (later) this.later.add(file);
    // Longest folder first: once one is known, its parents are too.
    for (let end = file.lastIndexOf("/"); end > 0; end = file.lastIndexOf("/", end - 1)) {
      const folder = file.slice(0, end);
      if (this.folders.has(folder)) break;
      this.folders.add(folder);
    }
  }

  /** What writing a page at `sitePath` would collide with; undefined when nothing. `file` is `fileKey(sitePath)`. */
  conflict(sitePath: string, file = fileKey(sitePath)): PathConflict | undefined {
    const page = this.files.get(file);
    if (page !== undefined) return { kind: "page", path: page, later: this.later.has(file) };
    const top = file.split("/", 1)[0] ?? "";
    if (file.includes("/") && BUILD_FOLDERS.includes(top)) return { kind: "build-folder", path: `/${top}/` };
    if (top.startsWith(SITEMAP_PREFIX) && top.endsWith(".xml")) return { kind: "build-files", path: SITEMAP_PATTERN };
    for (let end = file.indexOf("/"); end !== -1; end = file.indexOf("/", end + 1)) {
      const folder = file.slice(0, end);
      const above = this.files.get(folder);
      if (above !== undefined) return { kind: "under-file", path: above, later: this.later.has(folder) };
    }
    if (this.folders.has(file)) return { kind: "folder", path: `/${file}/` };
    return undefined;
  }
}

/** The pages of one state of the archive. */
export interface SitePages {
  articles: readonly Article[];
  /** Every kind of listing page; redirect pages are skipped (they are what gets checked). */
  listings: Listings;
  feeds: readonly Feed[];
}

/**
 * Every file the site writes, from the published archive and, when articles
 * are scheduled, from the archive as it will be once they are out (`later`:
 * only its new pages are added, marked as such).
 */
export function siteFiles(current: SitePages, later?: SitePages): SiteFiles {
  const files = new SiteFiles();
  for (const sitePath of SINGLETON_PATHS) files.add(sitePath);
  const addPages = (pages: SitePages, isLater: boolean): void => {
    for (const article of pages.articles) files.add(article.url, isLater);
    // Every kind of listing in the registry, but the pages at former URLs (they are what gets checked).
    for (const kind of LISTING_KIND_NAMES) {
      if (LISTING_KINDS[kind].formerUrls) continue;
      for (const page of pages.listings[kind]) files.add(page.url, isLater);
    }
    for (const feed of pages.feeds) files.add(feed.url, isLater);
  };
  addPages(current, false);
  if (later) addPages(later, true);
  return files;
}
