/**
 * Pagination of listings. Newest-first listings (sections, authors, tags,
 * corrections) are cut from their oldest entry: page 1 holds the oldest
 * `size` entries, page 2 the next, and once a page is full it never changes,
 * so one publication rewrites the front page and at most two numbered pages,
 * whatever the size of the archive. The front page shows what no full page
 * holds yet plus the newest full page (`size` to `2 × size − 1` entries).
 * The A to Z name indexes are cut from the front (`paginate`).
 */
import type { Article } from "../model/article.ts";
import { formatDate, type ArchiveTime } from "../model/dates.ts";
import { sectionPath } from "../model/urls.ts";
import type { Section } from "../content/siteData.ts";
import type { ListingPage } from "../model/listingPage.ts";

export interface SectionPage extends ListingPage {
  section: Section;
}

type Cut<T> = Omit<ListingPage, "articles"> & { items: T[] };

/** Splits `items` into pages of `size` numbered from the front (at least one page, possibly empty). */
export function paginate<T>(items: readonly T[], size: number, urlFor: (pageNumber: number) => string): Array<Cut<T>> {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const pages: Array<Cut<T>> = [];
  for (let n = 1; n <= pageCount; n++) {
    pages.push({
      pageNumber: n,
      pageCount,
      url: urlFor(n),
      items: items.slice((n - 1) * size, n * size),
      previousUrl: n > 1 ? urlFor(n - 1) : undefined,
      nextUrl: n < pageCount ? urlFor(n + 1) : undefined,
    });
  }
  return pages;
}

/**
 * Splits a newest-first list into its front page (`frontUrl`, first) and numbered pages from the oldest
 * (`pageUrl(1)` is the oldest), newest page first. `dateOf` gives each numbered page its span of dates.
 */
export function paginateFromOldest<T>(
  itemsNewestFirst: readonly T[],
  size: number,
  frontUrl: string,
  pageUrl: (pageNumber: number) => string,
  dateOf: (item: T) => ArchiveTime,
): Array<Cut<T>> {
  const total = itemsNewestFirst.length;
  const full = Math.floor(total / size);
  const rest = total - full * size;
  // Numbered pages 1 to full − 1; the front shows page `full` and the entries after it (the numbers it covers).
  const numbered = Math.max(0, full - 1);
  const frontCount = total - numbered * size;
  const covered = full === 0 ? [] : rest > 0 ? [full, full + 1] : [full];
  const front: Cut<T> = {
    url: frontUrl,
    items: itemsNewestFirst.slice(0, frontCount),
    nextUrl: numbered > 0 ? pageUrl(numbered) : undefined,
    aliases: covered.map(pageUrl),
  };
  const pages: Array<Cut<T>> = [front];
  for (let n = numbered; n >= 1; n--) {
    const items = itemsNewestFirst.slice(total - n * size, total - (n - 1) * size);
    pages.push({
      url: pageUrl(n),
      pageNumber: n,
      items,
      span: formatDate.span(dateOf(items[items.length - 1] as T), dateOf(items[0] as T)),
      previousUrl: n < numbered ? pageUrl(n + 1) : frontUrl,
      nextUrl: n > 1 ? pageUrl(n - 1) : undefined,
    });
  }
  return pages;
}

export function paginateSection(section: Section, articles: readonly Article[]): SectionPage[] {
  return paginateFromOldest(articles, section.pageSize, sectionPath(section.slug), (n) => sectionPath(section.slug, n), (a) => a.published).map(
    ({ items, ...page }) => ({ ...page, section, articles: items }),
  );
}
