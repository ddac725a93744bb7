/** Pagination of listings: pages of a fixed size, each with its URL and its neighbours'. */
import type { Article } from "../model/article.ts";
import { sectionPath } from "../model/urls.ts";
import type { Section } from "../content/siteData.ts";
import type { ListingPage } from "../model/listingPage.ts";


export interface SectionPage extends ListingPage {
  section: Section;
}

/** Splits `items` into pages of `size` (at least one page, possibly empty), with their URLs and neighbours. */
export function paginate<T>(
  items: readonly T[],
  size: number,
  urlFor: (pageNumber: number) => string,
): Array<Omit<ListingPage, "articles"> & { items: T[] }> {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const pages: Array<Omit<ListingPage, "articles"> & { items: T[] }> = [];
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

export function paginateSection(section: Section, articles: readonly Article[]): SectionPage[] {
  return paginate(articles, section.pageSize, (n) => sectionPath(section.slug, n)).map(({ items, ...page }) => ({ ...page, section, articles: items }));
}
