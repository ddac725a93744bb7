import type { Article } from "./article.ts";

/** One page of a paginated listing. `articles` is what the page shows: its fingerprint covers them. */
export interface ListingPage {
  url: string;
  /**
   * Its number in the listing's URLs (`/news/page/3/` is 3). Absent on a listing's front page and on pages
   * that are alone of their kind (a day, a print edition).
   */
  pageNumber?: number;
  /** Pages in the listing: only where pages are numbered from the front (the A to Z indexes). */
  pageCount?: number;
  articles: Article[];
  /** The newer page (or the front page). */
  previousUrl?: string;
  /** The older page. */
  nextUrl?: string;
  /** Dates of what a numbered page holds ("December 3–17, 2003"): its heading, which never changes once it is full. */
  span?: string;
  /**
   * Numbered URLs whose entries the front page shows (`/news/page/41/`, `/news/page/42/`): each is a small page
   * that sends the reader to the front page, until enough newer articles come for it to be a page of its own.
   */
  aliases?: string[];
  /** What else the page shows (counts, neighbours), for its fingerprint. */
  key?: string;
}
