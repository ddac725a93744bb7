/**
 * Every URL the site emits is made here. Paths are site-relative (`/2023/12/09/slug/`);
 * `withPrefix` adds the hosting sub-path and `absoluteUrl` the canonical origin,
 * so no link assumes the site sits at the domain root.
 */
import { formatDate, type ArchiveTime } from "./dates.ts";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `/yyyy/MM/dd/slug/`, the day taken in the site's zone (ArchiveTimes are kept in it). */
export function articlePath(published: ArchiveTime, slug: string): string {
  return `/${formatDate.urlDay(published)}/${slug}/`;
}

export function sectionPath(sectionSlug: string, pageNumber = 1): string {
  return pageNumber <= 1 ? `/${sectionSlug}/` : `/${sectionSlug}/page/${pageNumber}/`;
}

export const SEARCH_PATH = "/search/";

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
