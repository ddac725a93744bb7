import type { Article } from "./article.ts";

/** One page of a paginated listing. `articles` is what the page shows: its fingerprint covers them. */
export interface ListingPage {
  url: string;
  pageNumber: number;
  pageCount: number;
  articles: Article[];
  previousUrl?: string;
  nextUrl?: string;
  /** What else the page shows (counts, neighbours), for its fingerprint. */
  key?: string;
}
