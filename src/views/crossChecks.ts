/**
 * Checks across articles, made once everything is loaded: two articles at
 * one URL, former URLs (`redirect_from`) against every path the site writes
 * and against each other, links in bodies to articles that are not published,
 * and the Must Read list.
 */
import type { Article } from "../model/article.ts";
import { formatDate } from "../model/dates.ts";
import type { Diagnostic } from "../model/diagnostics.ts";
import { outputFileFor } from "../model/urls.ts";
import type { CachedSource } from "../content/loadSources.ts";
import { DATA_FILES } from "../content/siteData.ts";
import { fileKey, foldPath, SiteFiles, splitFormerUrl, type PathConflict } from "./sitePaths.ts";

/** A former URL and the article it now leads to. */
export interface Redirect {
  from: string;
  article: Article;
}

/**
 * Former URLs from `redirect_from`: the published articles' (newest first), then the scheduled ones' as if
 * published. Each must be a path where the site writes nothing (src/views/sitePaths.ts), claimed once;
 * every problem is an error on the article's `redirect_from` line. Returns the published articles' only.
 * A former URL with a query string (`/?p=1234`) writes no file, so it never collides with a page of the
 * site; it is only claimed once, compared by its case-folded path and its query as written.
 */
export function collectRedirects(
  articles: readonly Article[],
  scheduled: readonly Article[],
  writtenFiles: () => SiteFiles,
  diagnostics: Diagnostic[],
): Redirect[] {
  // Most archives have no former URLs: the paths of the site are only gathered for those that do.
  if (!articles.some((a) => a.redirectFrom) && !scheduled.some((a) => a.redirectFrom)) return [];
  const site = writtenFiles();
  const claimed = new SiteFiles();
  const claimedBy = new Map<string, Article>();
  /** Case-folded path, `?`, query as written → the former URL as first claimed, and by which article. */
  const claimedQueries = new Map<string, { from: string; article: Article }>();
  const accepted: Redirect[] = [];
  const claim = (article: Article, published: boolean): void => {
    for (const from of article.redirectFrom ?? []) {
      const withQuery = splitFormerUrl(from);
      if (withQuery) {
        const key = `${foldPath(withQuery.path)}?${withQuery.query}`;
        const first = claimedQueries.get(key);
        if (first) {
          diagnostics.push({ severity: "error", file: article.sourcePath, line: article.redirectFromLine, field: "redirect_from", message: claimedTwice(from, article, first) });
          continue;
        }
        claimedQueries.set(key, { from, article });
        if (published) accepted.push({ from, article });
        continue;
      }
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

/** A former URL with a query string that an article (this one or another) claimed first. */
function claimedTwice(from: string, article: Article, first: { from: string; article: Article }): string {
  const as = from !== first.from ? ` as ${first.from}` : "";
  if (first.article === article) return `${from} is listed twice${from !== first.from ? ` (as ${first.from})` : ""}`;
  return `${from} is already redirected to ${first.article.url} by ${first.article.sourcePath}${as} (an old URL can lead to one article only)`;
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
export function reportBrokenLinks(
  articles: readonly Article[],
  scheduled: readonly Article[],
  redirects: readonly Redirect[],
  sources: ReadonlyMap<string, CachedSource>,
  diagnostics: Diagnostic[],
): void {
  const known = new Set(articles.map((a) => a.url));
  for (const r of redirects) {
    // A link's path has no query string: a former URL with one is no page to link to.
    if (!splitFormerUrl(r.from)) known.add(r.from.endsWith("/") ? r.from : `${r.from}/`);
  }
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

export function reportDuplicateUrls(articles: readonly Article[], diagnostics: Diagnostic[]): void {
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
export function resolveMustRead(refs: readonly string[], articles: readonly Article[], origin: string, diagnostics: Diagnostic[]): Article[] {
  const keys = refs.map((ref) => {
    let key = ref.trim();
    if (key.startsWith(origin)) key = key.slice(origin.length);
    if (key.startsWith("/") && !key.endsWith("/")) key += "/";
    return key;
  });
  // A handful of entries: one pass that looks each article up among them, not a map of every URL and file.
  const wanted = new Set(keys);
  const byKey = new Map<string, Article>();
  for (const article of articles) {
    if (wanted.has(article.url)) byKey.set(article.url, article);
    if (wanted.has(article.sourcePath)) byKey.set(article.sourcePath, article);
  }
  const resolved: Article[] = [];
  refs.forEach((ref, i) => {
    const article = byKey.get(keys[i] as string);
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

