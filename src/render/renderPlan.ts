/** Splits the pages to render into batches of bounded size (see RenderBatch). */
import type { Archive } from "../views/archive.ts";
import { emptyListings, LISTING_KIND_NAMES, type Listings } from "../views/pageKinds.ts";
import type { RenderBatch } from "./renderContext.ts";

/**
 * Pages per Eleventy run, in the build's process or a render worker alike: Eleventy keeps a run's pages until it
 * ends. At 10,000 articles, batches of 4,000 pages peaked at 0.9–1.2 GB for the whole build against 1.2–1.7 GB with
 * 12,000, in the same time within this machine's noise (what a batch costs of its own: an Eleventy instance and
 * the compile of its templates).
 */
export const DEFAULT_BATCH_PAGES = 4000;

/**
 * Every article and listing page (a full build), or the ones an incremental
 * build must rewrite, in batches of at most `batchPages`; the last batch also
 * writes the `once` kinds (home, search, 404, feeds, latest.json, redirect files).
 */
export function planRenderBatches(articles: Archive["articles"], listings: Listings, batchPages = DEFAULT_BATCH_PAGES): RenderBatch[] {
  const batches: RenderBatch[] = [];
  let current: RenderBatch = { articles: [], listings: emptyListings(), writesOnce: false };
  let size = 0;
  const room = (): void => {
    if (size < batchPages) return;
    batches.push(current);
    current = { articles: [], listings: emptyListings(), writesOnce: false };
    size = 0;
  };
  for (let i = 0; i < articles.length; ) {
    const take = Math.min(batchPages - size, articles.length - i);
    current.articles = articles.slice(i, i + take);
    size += take;
    i += take;
    room();
  }
  for (const kind of LISTING_KIND_NAMES) {
    const pages = listings[kind];
    for (let i = 0; i < pages.length; ) {
      const take = Math.min(batchPages - size, pages.length - i);
      (current.listings[kind] as unknown[]).push(...pages.slice(i, i + take));
      size += take;
      i += take;
      room();
    }
  }
  current.writesOnce = true;
  batches.push(current);
  return batches;
}
