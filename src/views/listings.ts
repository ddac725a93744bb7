/**
 * The pages made from lists of articles, by kind: section indexes, the
 * corrections pages, redirect pages, the date archive, author and tag pages;
 * and the lists that are not pages of their own (feeds, sidebars).
 */
import type { Article, Correction } from "../model/article.ts";
import type { ArchiveTime } from "../model/dates.ts";
import type { ListingPage } from "../model/listingPage.ts";
import type { Section } from "../content/siteData.ts";
import type { SectionPage } from "./paginate.ts";
import type { ArchiveIndexPage, DayPage, MonthPage, NameIndexPage, NamePage, YearPage } from "./browse.ts";

export type { ListingPage, SectionPage };


export interface CorrectionsPage extends ListingPage {
  entries: Array<{ article: Article; correction: Correction }>;
}

/** A former URL of an article: a small page that sends the visitor on. */
export interface RedirectPage extends ListingPage {
  from: string;
  article: Article;
}

/** Every page made from lists of articles, by kind; each kind has one template in src/render/pages/. */
export interface Listings {
  section: SectionPage[];
  corrections: CorrectionsPage[];
  redirect: RedirectPage[];
  archiveIndex: ArchiveIndexPage[];
  year: YearPage[];
  month: MonthPage[];
  day: DayPage[];
  authorIndex: NameIndexPage[];
  author: NamePage[];
  tagIndex: NameIndexPage[];
  tag: NamePage[];
}

export type ListingKind = keyof Listings;

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

