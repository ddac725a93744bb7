/** Splits the pages to render into batches of bounded size (see RenderBatch). */
import type { Archive } from "../views/archive.ts";
import { type ListingKind, type Listings } from "../views/listings.ts";
import type { RenderBatch } from "./buildContext.ts";

export const DEFAULT_BATCH_PAGES = 12_000;

export const LISTING_KINDS: ListingKind[] = ["section", "corrections", "redirect", "archiveIndex", "year", "month", "day", "authorIndex", "author", "tagIndex", "tag"];

export function emptyListings(): Listings {
  return { section: [], corrections: [], redirect: [], archiveIndex: [], year: [], month: [], day: [], authorIndex: [], author: [], tagIndex: [], tag: [] };
}

export function countListings(listings: Listings): number {
  return LISTING_KINDS.reduce((n, kind) => n + listings[kind].length, 0);
}

/**
 * Every article and listing page (a full build), or the ones an incremental
 * build must rewrite, in batches of at most `batchPages`; the last batch also
 * writes the single pages (home, search, 404, latest.json).
 */
export function planRenderBatches(articles: Archive["articles"], listings: Listings, batchPages = DEFAULT_BATCH_PAGES): RenderBatch[] {
  const batches: RenderBatch[] = [];
  let current: RenderBatch = { articles: [], listings: emptyListings(), singletons: false };
  let size = 0;
  const room = (): void => {
    if (size < batchPages) return;
    batches.push(current);
    current = { articles: [], listings: emptyListings(), singletons: false };
    size = 0;
  };
  for (let i = 0; i < articles.length; ) {
    const take = Math.min(batchPages - size, articles.length - i);
    current.articles = articles.slice(i, i + take);
    size += take;
    i += take;
    room();
  }
  for (const kind of LISTING_KINDS) {
    const pages = listings[kind];
    for (let i = 0; i < pages.length; ) {
      const take = Math.min(batchPages - size, pages.length - i);
      (current.listings[kind] as unknown[]).push(...pages.slice(i, i + take));
      size += take;
      i += take;
      room();
    }
  }
  current.singletons = true;
  batches.push(current);
  return batches;
}
