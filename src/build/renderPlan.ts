/** Splits the pages of an archive into render batches of bounded size (see RenderBatch). */
import type { Archive } from "../archive/archive.ts";
import type { RenderBatch } from "../eleventy/buildContext.ts";

export const DEFAULT_BATCH_PAGES = 12_000;

export function planRenderBatches(archive: Archive, batchPages = DEFAULT_BATCH_PAGES): RenderBatch[] {
  const batches: RenderBatch[] = [];
  for (let i = 0; i < archive.articles.length; i += batchPages) {
    batches.push({ articles: archive.articles.slice(i, i + batchPages), sectionPages: [], singletons: false });
  }
  const listings: RenderBatch = { articles: [], sectionPages: archive.sectionPages, singletons: true };
  // The last batch (the oldest articles) also writes the listings and the single pages, unless it is full.
  const last = batches[batches.length - 1];
  if (last && last.articles.length + archive.sectionPages.length <= batchPages) {
    last.sectionPages = archive.sectionPages;
    last.singletons = true;
  } else batches.push(listings);
  return batches;
}
