/** Splits the pages to render into batches of bounded size (see RenderBatch). */
import type { Archive } from "../archive/archive.ts";
import type { RenderBatch } from "../eleventy/buildContext.ts";

export const DEFAULT_BATCH_PAGES = 12_000;

/** Every article and section page (a full build), or the ones an incremental build must rewrite. */
export function planRenderBatches(
  articles: Archive["articles"],
  sectionPages: Archive["sectionPages"],
  batchPages = DEFAULT_BATCH_PAGES,
): RenderBatch[] {
  const batches: RenderBatch[] = [];
  for (let i = 0; i < articles.length; i += batchPages) {
    batches.push({ articles: articles.slice(i, i + batchPages), sectionPages: [], singletons: false });
  }
  const listings: RenderBatch = { articles: [], sectionPages, singletons: true };
  // The last batch (the oldest articles) also writes the listings and the single pages, unless it is full.
  const last = batches[batches.length - 1];
  if (last && last.articles.length + sectionPages.length <= batchPages) {
    last.sectionPages = sectionPages;
    last.singletons = true;
  } else batches.push(listings);
  return batches;
}
