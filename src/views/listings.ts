/**
 * Page types of the listings that are not made in browse.ts (corrections,
 * redirect pages), and the lists that are not pages of their own (feeds,
 * sidebars). The kinds of page are listed in src/views/pageKinds.ts.
 */
import type { Article, Correction } from "../model/article.ts";
import type { ArchiveTime } from "../model/dates.ts";
import type { ListingPage } from "../model/listingPage.ts";
import type { Section } from "../content/siteData.ts";
import type { SectionPage } from "./paginate.ts";

export type { ListingPage, SectionPage };

export interface CorrectionsPage extends ListingPage {
  entries: Array<{ article: Article; correction: Correction }>;
}

/** A former URL of an article: a small page that sends the visitor on. */
export interface RedirectPage extends ListingPage {
  from: string;
  article: Article;
}

/**
 * A numbered URL of a listing whose entries its front page shows (src/views/paginate.ts): a small page that sends
 * the reader there, until newer articles make it a page of its own. A temporary move, so not in the hosts' 301 maps.
 */
export interface ListingAliasPage extends ListingPage {
  /** The front page. */
  to: string;
  /** The listing's name: "News", an author's name, "Corrections". */
  title: string;
}

export const CORRECTIONS_PAGE_SIZE = 50;
export const FEED_ENTRIES = 50;

export interface Feed {
  /** `/feed.xml`, `/opinion/feed.xml`. */
  url: string;
  /** The HTML page the feed follows: `/`, `/opinion/`. */
  pageUrl: string;
  title: string;
  section?: Section;
  articles: Article[];
  /** Newest modification among its entries (never the build time); undefined when empty. */
  updated?: ArchiveTime;
}

export interface LatestList {
  section: Section;
  url: string;
  articles: Article[];
}

