/**
 * One archived article as the whole build sees it: slim metadata only. Bodies
 * stay on disk and are read when their page is rendered, so memory grows with
 * the metadata (a few hundred bytes an article), not with the text.
 */
import { createHash, hash } from "node:crypto";
import type { ArchiveTime } from "./dates.ts";

export interface Article {
  /** Source file relative to the project root, forward slashes: `articles/2023/12/x.md`. */
  sourcePath: string;
  /** SHA-1 of the source file: what incremental builds compare (never file times). */
  contentHash: string;
  /** Where the Markdown body starts in the source file (characters). */
  bodyOffset: number;
  title: string;
  slug: string;
  /** Site-relative URL path: `/2023/12/09/slug/`. */
  url: string;
  /** Section slug. */
  section: string;
  /** Byline, in order; empty when the piece is unsigned (editorials). */
  authors: string[];
  dateline?: string;
  published: ArchiveTime;
  updated?: ArchiveTime;
  /** Day of the print edition. */
  printDate?: ArchiveTime;
  excerpt: string;
  /** True when the excerpt came from the first paragraph; a written excerpt is also shown as the standfirst. */
  excerptIsDerived: boolean;
  tags: string[];
  /** Corrections, oldest first. */
  corrections?: Correction[];
  /** Former site paths of the article (`/news/1796094`), each redirected to `url`. */
  redirectFrom?: string[];
  /** Line of `redirect_from` in the source file, for messages about a former URL found when the archive is assembled. */
  redirectFromLine?: number;
  /** The lead photo, shown under the headline and in social cards (src/photos/). */
  image?: LeadImage;
  /** Every local photo the article shows (lead and body figures), for the photo check and the page's fingerprint. */
  photos?: PhotoRef[];
  /** Set only in previews (dev server, `--future`): a draft, or an article whose date has not come yet. */
  preview?: "draft" | "scheduled";
  /**
   * A hash of what other pages show of the article (see `shownHashOf`), made once by the parse and kept in its
   * cache, so a build does not serialise 100,000 articles again to fingerprint the pages that list them.
   */
  shownHash?: string;
}

/**
 * SHA-1, base64: short, for fingerprints (not security). `crypto.hash` (Node 20.12) skips the Hash object, which
 * counts when a build hashes every page of a large archive; the same digest either way.
 */
export const quickHash: (text: string) => string =
  typeof hash === "function" ? (text) => hash("sha1", text, "base64") : (text) => createHash("sha1").update(text).digest("base64");

/**
 * What listings, sidebars, related reading and neighbours show of an article: everything parsed but its body (the
 * body's place and the file's hash are left out, so an edit of the body that keeps the excerpt changes no other
 * page). The preview mark is not in it (it is set after the parse): `shownIdentity` adds it.
 */
export function shownHashOf(article: Article): string {
  const { contentHash: _hash, bodyOffset: _offset, shownHash: _shown, preview: _preview, ...shown } = article;
  return quickHash(JSON.stringify(shown));
}

/** `shownHashOf` with the preview mark; the parse's own hash when it has one. */
export function shownIdentity(article: Article): string {
  const shown = article.shownHash ?? shownHashOf(article);
  return article.preview ? `${shown}:${article.preview}` : shown;
}

/** The `image` front matter field, its `src` resolved against the article's folder. */
export interface LeadImage {
  /** The photo's file relative to the content root, forward slashes: `articles/2023/12/harbour.jpg`. */
  path: string;
  /** Empty for a decorative photo (`alt: ""`). */
  alt: string;
  caption?: string;
  credit?: string;
}

/** A local photo an article shows, and where the source refers to it (for messages). */
export interface PhotoRef {
  path: string;
  line: number;
  /** `image` for the lead photo, `body` for a figure. */
  field: "image" | "body";
}

export interface Correction {
  date: ArchiveTime;
  text: string;
}

/** The latest `lastModified` of some articles (feeds' and sitemaps' dates); undefined for none. The first wins a tie. */
export function newestModification(articles: Iterable<Article>): ArchiveTime | undefined {
  let newest: ArchiveTime | undefined;
  for (const article of articles) {
    const time = lastModified(article);
    if (!newest || time.millis > newest.millis) newest = time;
  }
  return newest;
}

/** When the article last changed: its latest correction or `updated`, else its publication. */
export function lastModified(article: Article): ArchiveTime {
  let latest = article.updated ?? article.published;
  // Most articles have no correction: no empty list made for them (every listing page of a build asks).
  if (article.corrections) for (const correction of article.corrections) if (correction.date.millis > latest.millis) latest = correction.date;
  return latest;
}

/** Newest first; ties broken by URL so every build orders them the same way. */
export function compareNewestFirst(a: Article, b: Article): number {
  return b.published.millis - a.published.millis || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}
