/**
 * The registry of page kinds: every kind of page the site writes, with its
 * view, URL pattern, pagination, sitemap and fingerprint (src/model/pageKinds.ts
 * says what each field means). Routes (src/render/routes.ts), the render plan,
 * the sitemaps, the fingerprints and the site's paths all read it: a new kind
 * of page is one entry here and one view in `_includes/pages/`.
 */
import { compareNewestFirst, type Article, type Correction } from "../model/article.ts";
import { formatDate } from "../model/dates.ts";
import type { FixedKind, ListingKind } from "../model/pageKinds.ts";
import {
  correctionsPath,
  dayPathOf,
  HOME_PATH,
  LATEST_SIDEBARS_PATH,
  NETLIFY_REDIRECTS_PATH,
  NGINX_REDIRECTS_PATH,
  NOT_FOUND_PATH,
  printEditionPath,
  SEARCH_PATH,
} from "../model/urls.ts";
import type { Section } from "../content/siteData.ts";
import type { DateArchive, NameListings, DayPage } from "./browse.ts";
import { BROWSE_PAGE_SIZE, INDEX_PAGE_SIZE } from "./browse.ts";
import { paginateFromOldest, paginateSection } from "./paginate.ts";
import { CORRECTIONS_PAGE_SIZE, type CorrectionsPage, type ListingAliasPage, type RedirectPage } from "./listings.ts";
import type { ListingPage } from "../model/listingPage.ts";

/** What listings are made from: the archive's newest-first articles and the lists computed once from them. */
export interface ListingInput {
  sections: readonly Section[];
  articlesNewestFirst: readonly Article[];
  bySection: ReadonlyMap<string, Article[]>;
  dates: DateArchive;
  authors: NameListings;
  tags: NameListings;
  /** Every correction, newest first, with its article. */
  corrections: Array<{ article: Article; correction: Correction }>;
}

/** The print edition of a day: the articles whose `printDate` is that day, by section. */
export interface PrintEditionPage extends ListingPage {
  /** "December 9th, 2023", as the articles' print line writes it. */
  label: string;
  groups: Array<{ section: Section; articles: Article[] }>;
  /** The day page of the same date, when articles were published that day. */
  day?: { url: string; label: string };
  /** The day pages that link here: the same date's, and those of the days its articles were published. */
  linkedFrom: string[];
}

const listing = <Page extends ListingPage>(kind: ListingKind<Page, ListingInput>): ListingKind<Page, ListingInput> => kind;
const single = (path: string, view: string): FixedKind => ({ source: "single", path, pattern: path, view, once: true });

/** Kinds made from lists of articles, in the order of the listing sitemap (after the home page). */
export const LISTING_KINDS = {
  section: listing({
    view: "pages/section.njk",
    alias: "sectionPage",
    pattern: "/{section}/, /{section}/page/{n}/",
    pagination: "pageSize of the section in sections.json",
    sitemap: true,
    pages: ({ sections, bySection }) => sections.flatMap((s) => paginateSection(s, bySection.get(s.slug) ?? [])),
    title: (page) => page.section.name,
  }),
  corrections: listing<CorrectionsPage>({
    view: "pages/corrections.njk",
    alias: "correctionsPage",
    pattern: "/corrections/, /corrections/page/{n}/",
    pagination: `${CORRECTIONS_PAGE_SIZE} a page`,
    sitemap: true,
    pages: ({ corrections }) =>
      paginateFromOldest(corrections, CORRECTIONS_PAGE_SIZE, correctionsPath(), correctionsPath, (entry) => entry.correction.date).map(({ items, ...page }) => ({
        ...page,
        entries: items,
        articles: items.map((entry) => entry.article),
      })),
    title: () => "Corrections",
  }),
  redirect: listing<RedirectPage>({
    view: "pages/redirect.njk",
    alias: "redirectPage",
    pattern: "each redirect_from path",
    pagination: "one page per former URL",
    sitemap: false,
    formerUrls: true,
    // Filled by assembleArchive once the former URLs are checked against every other page of this registry.
    pages: () => [],
  }),
  archiveIndex: listing({
    view: "pages/date-archive-index.njk",
    alias: "listing",
    pattern: "/archive/",
    pagination: "one page",
    sitemap: true,
    pages: ({ dates }) => [dates.index],
  }),
  year: listing({ view: "pages/date-year.njk", alias: "listing", pattern: "/{yyyy}/", pagination: "one page per year", sitemap: true, pages: ({ dates }) => dates.years }),
  month: listing({ view: "pages/date-month.njk", alias: "listing", pattern: "/{yyyy}/{MM}/", pagination: "one page per month", sitemap: true, pages: ({ dates }) => dates.months }),
  day: listing<DayPage>({ view: "pages/date-day.njk", alias: "listing", pattern: "/{yyyy}/{MM}/{dd}/", pagination: "one page per day", sitemap: true, pages: ({ dates }) => dates.days }),
  authorIndex: listing({
    view: "pages/name-index.njk",
    alias: "listing",
    pattern: "/authors/, /authors/page/{n}/",
    pagination: `${INDEX_PAGE_SIZE} names a page`,
    sitemap: true,
    pages: ({ authors }) => authors.index,
  }),
  author: listing({
    view: "pages/name-listing.njk",
    alias: "listing",
    pattern: "/authors/{slug}/, /authors/{slug}/page/{n}/",
    pagination: `${BROWSE_PAGE_SIZE} a page`,
    sitemap: true,
    pages: ({ authors }) => authors.pages,
    title: (page) => page.name,
  }),
  tagIndex: listing({
    view: "pages/name-index.njk",
    alias: "listing",
    pattern: "/tags/, /tags/page/{n}/",
    pagination: `${INDEX_PAGE_SIZE} names a page`,
    sitemap: true,
    pages: ({ tags }) => tags.index,
  }),
  tag: listing({
    view: "pages/name-listing.njk",
    alias: "listing",
    pattern: "/tags/{slug}/, /tags/{slug}/page/{n}/",
    pagination: `${BROWSE_PAGE_SIZE} a page`,
    sitemap: true,
    pages: ({ tags }) => tags.pages,
    title: (page) => page.name,
  }),
  print: listing<PrintEditionPage>({
    view: "pages/print-edition.njk",
    alias: "listing",
    pattern: "/{yyyy}/{MM}/{dd}/print/",
    pagination: "one page per print date",
    sitemap: true,
    pages: printEditions,
    fingerprint: (page) => page.day?.url ?? "",
    linkedFrom: (page) => page.linkedFrom,
  }),
  listingAlias: listing<ListingAliasPage>({
    view: "pages/listing-alias.njk",
    alias: "aliasPage",
    pattern: "/{listing}/page/{n}/ for the numbers a front page shows",
    pagination: "one page per number the front page of a listing shows (one or two)",
    sitemap: false,
    // Filled by listingsOf from the front pages of the other kinds.
    pages: () => [],
  }),
};

/** Every other page: articles, feeds and the fixed pages. */
export const FIXED_KINDS = {
  article: { source: "articles", view: "pages/article.njk", alias: "article", pattern: "/{yyyy}/{MM}/{dd}/{slug}/", once: false },
  feed: { source: "feeds", view: "pages/feed.njk", alias: "feed", pattern: "/feed.xml, /{section}/feed.xml", once: true },
  home: single(HOME_PATH, "pages/home.njk"),
  search: single(SEARCH_PATH, "pages/search.njk"),
  notFound: single(NOT_FOUND_PATH, "pages/not-found.njk"),
  latestSidebars: single(LATEST_SIDEBARS_PATH, "pages/latest-sidebars.njk"),
  netlifyRedirects: single(NETLIFY_REDIRECTS_PATH, "pages/redirects-netlify.njk"),
  nginxRedirects: single(NGINX_REDIRECTS_PATH, "pages/redirects-nginx.njk"),
} satisfies Record<string, FixedKind>;

type PageOf<K> = K extends ListingKind<infer Page, ListingInput> ? Page : never;

/** Every page made from lists of articles, by kind. */
export type Listings = { [K in keyof typeof LISTING_KINDS]: Array<PageOf<(typeof LISTING_KINDS)[K]>> };
export type ListingKindName = keyof Listings;

/** The listing kinds, in registry order. */
export const LISTING_KIND_NAMES = Object.keys(LISTING_KINDS) as ListingKindName[];

/** Every kind's pages, by kind. */
export function listingsOf(input: ListingInput): Listings {
  const listings: Partial<Record<ListingKindName, ListingPage[]>> = {};
  const aliases: ListingAliasPage[] = [];
  for (const kind of LISTING_KIND_NAMES) {
    const declared = LISTING_KINDS[kind] as ListingKind<ListingPage, ListingInput>;
    const pages = declared.pages(input);
    listings[kind] = pages;
    for (const page of pages) {
      for (const url of page.aliases ?? []) {
        const title = declared.title?.(page) ?? "";
        aliases.push({ url, articles: [], to: page.url, title, key: `${page.url}\0${title}` });
      }
    }
  }
  listings.listingAlias = aliases;
  return listings as Listings;
}

export function emptyListings(): Listings {
  return Object.fromEntries(LISTING_KIND_NAMES.map((kind) => [kind, []])) as unknown as Listings;
}

export function countListings(listings: Listings): number {
  return LISTING_KIND_NAMES.reduce((n, kind) => n + listings[kind].length, 0);
}

/** Print editions, newest print date first; a day without printed articles has none. */
function printEditions({ articlesNewestFirst, sections, dates }: ListingInput): PrintEditionPage[] {
  const byPath = new Map<string, Article[]>();
  for (const article of articlesNewestFirst) {
    if (!article.printDate) continue;
    const url = printEditionPath(article.printDate);
    const list = byPath.get(url);
    if (list) list.push(article);
    else byPath.set(url, [article]);
  }
  const dayPages = new Map(dates.days.map((day) => [day.url, day]));
  return [...byPath]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([url, printed]) => {
      const printDate = (printed[0] as Article).printDate as NonNullable<Article["printDate"]>;
      const day = dayPages.get(dayPathOf(printDate));
      // Every article has its day page; listed once each, the same date's first.
      const linkedFrom = [...new Set([...(day ? [day.url] : []), ...printed.map((a) => dayPathOf(a.published))])];
      return {
        url,
        articles: printed,
        label: formatDate.print(printDate),
        groups: sections.map((section) => ({ section, articles: printed.filter((a) => a.section === section.slug) })).filter((g) => g.articles.length > 0),
        day: day && { url: day.url, label: day.label },
        linkedFrom,
      };
    });
}

/** Corrections, newest first, each with its article. */
export function correctionsOf(articlesNewestFirst: readonly Article[]): ListingInput["corrections"] {
  return articlesNewestFirst
    .flatMap((article) => (article.corrections ?? []).map((correction) => ({ article, correction })))
    .sort((a, b) => b.correction.date.millis - a.correction.date.millis || compareNewestFirst(a.article, b.article));
}
