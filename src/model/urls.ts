/**
 * Every URL the site emits is made here. Paths are site-relative (`/2023/12/09/slug/`);
 * `withPrefix` adds the hosting sub-path and `absoluteUrl` the canonical origin,
 * so no link assumes the site sits at the domain root.
 */
import slugify from "@sindresorhus/slugify";
import { calendarPath, formatDate, type ArchiveTime } from "./dates.ts";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `/yyyy/MM/dd/slug/`, the day taken in the site's zone (ArchiveTimes are kept in it). */
export function articlePath(published: ArchiveTime, slug: string): string {
  return `/${formatDate.urlDay(published)}/${slug}/`;
}

/** Date archive pages: `/yyyy/`, `/yyyy/MM/`, `/yyyy/MM/dd/`, years padded as in article URLs (`/0999/`). */
export function datePath(year: number, month?: number, day?: number): string {
  return `/${calendarPath(year, month, day)}/`;
}

export function sectionPath(sectionSlug: string, pageNumber = 1): string {
  return pageNumber <= 1 ? `/${sectionSlug}/` : `/${sectionSlug}/page/${pageNumber}/`;
}

export function correctionsPath(pageNumber = 1): string {
  return pageNumber <= 1 ? "/corrections/" : `/corrections/page/${pageNumber}/`;
}

/** Normalises a path prefix to `/` or `/some/path/`. */
export function normalizePathPrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "/").trim().replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** Prefixes a site-relative path (`/x/`) with the hosting sub-path; other URLs pass through. */
export function withPrefix(pathOrUrl: string, pathPrefix: string): string {
  if (!pathOrUrl.startsWith("/") || pathOrUrl.startsWith("//")) return pathOrUrl;
  const prefix = normalizePathPrefix(pathPrefix);
  return prefix === "/" ? pathOrUrl : prefix + pathOrUrl.slice(1);
}

/** Canonical absolute URL: origin + sub-path + path. */
export function absoluteUrl(path: string, origin: string, pathPrefix: string): string {
  return origin.replace(/\/+$/, "") + withPrefix(path, pathPrefix);
}

/**
 * Output file of a URL path: `/a/b/` gives `a/b/index.html`; a path with a file
 * extension (`/old/story.html`) is that file; any other (`/news/1796094`, a
 * former URL) is a folder with an index, which static servers answer.
 */
export function outputFileFor(path: string): string {
  const relative = path.replace(/^\/+/, "");
  if (relative === "" || relative.endsWith("/")) return `${relative}index.html`;
  return /\.[A-Za-z0-9]+$/.test(relative) ? relative : `${relative}/index.html`;
}

/** Longest file or folder name common file systems store (ext4, APFS, NTFS: 255 bytes or UTF-16 units). */
export const MAX_SEGMENT_BYTES = 255;
/**
 * Longest slug of an author or tag name: names that slug alike get `-2`, `-3`...
 * (src/views/browse.ts), so room is left for the suffix within a folder name.
 */
export const MAX_NAME_SLUG_BYTES = MAX_SEGMENT_BYTES - 8;

/** Size of a path segment on disk (UTF-8). */
export function segmentBytes(segment: string): number {
  return Buffer.byteLength(segment, "utf8");
}

/** Slug of an author or tag name (its page is `/authors/{slug}/`, `/tags/{slug}/`), transliterated. */
export function nameSlug(name: string): string {
  return slugify(name) || "name";
}

/** The search index (Pagefind's bundle and our shards), a top-level folder. */
export const SEARCH_DIR = "pagefind";

export const SITEMAP_INDEX_PATH = "/sitemap.xml";
/**
 * Sitemaps sit at the site's root (`/sitemap-2023.xml`): under the sitemaps.org
 * protocol a sitemap may only list URLs at or below its own folder.
 */
export const SITEMAPS_FOLDER = "/sitemap-";
export const NEWS_SITEMAP_PATH = `${SITEMAPS_FOLDER}news.xml`;
export const ROBOTS_PATH = "/robots.txt";
/** Base name of the listing pages' sitemap(s): `/sitemap-pages.xml`, `/sitemap-pages-2.xml`. */
export const LISTING_SITEMAP_NAME = "pages";

/**
 * Fixed pages: the permalinks of the templates in src/render/pages/ that do not
 * paginate (a test keeps the two in step), the sitemap index and robots.txt.
 */
export const SINGLETON_PATHS: readonly string[] = [
  "/",
  "/search/",
  "/404.html",
  "/latest.json",
  "/_redirects",
  "/_redirects.nginx.conf",
  SITEMAP_INDEX_PATH,
  ROBOTS_PATH,
];

/**
 * Top-level folders whose whole content the build writes: the copied assets
 * (.eleventy.ts), the search index, the search page and the corrections pages
 * (paginated, so they grow). No former URL may lead inside them.
 */
export const BUILD_FOLDERS: readonly string[] = ["assets", SEARCH_DIR, "search", "corrections"];

/**
 * Top-level names the site uses for itself: a section there would write its
 * index into them. Numbers are reserved too (years), by the caller.
 */
export const RESERVED_TOP_LEVEL: ReadonlySet<string> = new Set([...BUILD_FOLDERS, "archive", "authors", "tags", "page"]);

