/**
 * Every URL the site emits is made here. Paths are site-relative (`/2023/12/09/slug/`);
 * `withPrefix` adds the hosting sub-path and `absoluteUrl` the canonical origin,
 * so no link assumes the site sits at the domain root.
 */
import slugify from "@sindresorhus/slugify";
import { calendarPath, formatDate, type ArchiveTime } from "./dates.ts";
import { slugFromFileName } from "./slugs.ts";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `/yyyy/MM/dd/slug/`, the day taken in the site's zone (ArchiveTimes are kept in it). */
export function articlePath(published: ArchiveTime, slug: string): string {
  return `/${formatDate.urlDay(published)}/${slug}/`;
}

/** Date archive pages: `/yyyy/`, `/yyyy/MM/`, `/yyyy/MM/dd/`, years padded as in article URLs (`/0999/`). */
export function datePath(year: number, month?: number, day?: number): string {
  return `/${calendarPath(year, month, day)}/`;
}

/** `/base/`, then `/base/page/2/`...: the pages of a listing numbered from the front (the A to Z indexes). */
function pagedPath(base: string, pageNumber: number): string {
  return pageNumber <= 1 ? base : `${base}page/${pageNumber}/`;
}

/** `/base/` (the front page), or `/base/page/{n}/`: listings numbered from their oldest entry (src/views/paginate.ts). */
function numberedPath(base: string, pageNumber: number | undefined): string {
  return pageNumber === undefined ? base : `${base}page/${pageNumber}/`;
}

/** `/news/`, or `/news/page/1/` for the section's oldest page. */
export function sectionPath(sectionSlug: string, pageNumber?: number): string {
  return numberedPath(`/${sectionSlug}/`, pageNumber);
}

export function correctionsPath(pageNumber?: number): string {
  return numberedPath("/corrections/", pageNumber);
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

export const HOME_PATH = "/";
export const SEARCH_PATH = "/search/";
export const NOT_FOUND_PATH = "/404.html";
/** The newest sidebar pieces, fetched by article pages (src/assets/sidebar.js). */
export const LATEST_SIDEBARS_PATH = "/latest.json";
/** Former URLs for hosts that read a `_redirects` file (Netlify, Cloudflare Pages), and as an nginx map. */
export const NETLIFY_REDIRECTS_PATH = "/_redirects";
export const NGINX_REDIRECTS_PATH = "/_redirects.nginx.conf";

/**
 * Fixed pages: the paths of the page kinds that write one page (a test keeps
 * the two in step), the sitemap index and robots.txt.
 */
export const SINGLETON_PATHS: readonly string[] = [
  HOME_PATH,
  SEARCH_PATH,
  NOT_FOUND_PATH,
  LATEST_SIDEBARS_PATH,
  NETLIFY_REDIRECTS_PATH,
  NGINX_REDIRECTS_PATH,
  SITEMAP_INDEX_PATH,
  ROBOTS_PATH,
];

/** The copied static files (src/assets/), a top-level folder. */
export const ASSETS_DIR_NAME = "assets";

/** Encoded photos (`/media/<photo hash>-<settings>-<width>.webp`), written by src/photos/processPhotos.ts. */
export const MEDIA_DIR = "media";

/**
 * Top-level folders whose whole content the build writes: the copied assets,
 * the search index, the search page, the corrections pages (paginated, so
 * they grow) and the encoded photos. No former URL may lead inside them.
 */
export const BUILD_FOLDERS: readonly string[] = [ASSETS_DIR_NAME, SEARCH_DIR, SEARCH_PATH.slice(1, -1), "corrections", MEDIA_DIR];

/**
 * Top-level names the site uses for itself: a section there would write its
 * index into them. Numbers are reserved too (years), by the caller.
 */
export const RESERVED_TOP_LEVEL: ReadonlySet<string> = new Set([...BUILD_FOLDERS, "archive", "authors", "tags", "page"]);

/** An article's slug: its `slug` field, else its file name's (the loader and `npm run new` agree on its URL). */
export function articleSlug(sourcePath: string, slugField: string | undefined): string {
  return slugField ?? slugFromFileName(sourcePath);
}

/** The date archive's entry page: every year, with its count. */
export const ARCHIVE_INDEX_PATH = "/archive/";

/** Folders of the pages of names: `/authors/{slug}/`, `/tags/{slug}/`. */
export type NameFolder = "authors" | "tags";

/** `/authors/`, `/authors/page/2/`: the A to Z index of a folder's names. */
export function nameIndexPath(folder: NameFolder, pageNumber = 1): string {
  return pagedPath(`/${folder}/`, pageNumber);
}

/** `/tags/harbour/`, `/tags/harbour/page/1/` (its oldest): one name's articles, newest first. */
export function namePath(folder: NameFolder, slug: string, pageNumber?: number): string {
  return numberedPath(`/${folder}/${slug}/`, pageNumber);
}

/** `/assets/site.css`: a file copied from src/assets/. */
export function assetPath(fileName: string): string {
  return `/${ASSETS_DIR_NAME}/${fileName}`;
}

/** Atom feed of the whole site (`/feed.xml`) or of a section (`/opinion/feed.xml`). */
export function feedPath(sectionSlug?: string): string {
  return `${sectionSlug === undefined ? HOME_PATH : sectionPath(sectionSlug)}feed.xml`;
}

/** The day page of a time (`/2023/12/09/`), in the site's zone like article URLs. */
export function dayPathOf(time: ArchiveTime): string {
  return `/${formatDate.urlDay(time)}/`;
}

/** The print edition of a day (`/2023/12/09/print/`): the articles printed that day. */
export function printEditionPath(printDate: ArchiveTime): string {
  return `${dayPathOf(printDate)}${PRINT_EDITION_SEGMENT}/`;
}

const PRINT_EDITION_SEGMENT = "print";

/**
 * Slugs an article may not have: its URL (`/2023/12/09/{slug}/`) would be a
 * page of the day itself (the print edition, the day page's later pages).
 */
export const RESERVED_ARTICLE_SLUGS: ReadonlySet<string> = new Set([PRINT_EDITION_SEGMENT, "page"]);
