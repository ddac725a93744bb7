/**
 * Browsing the archive by date, author and tag: the listing pages of
 * `/archive/`, `/{yyyy}/`, `/{yyyy}/{MM}/`, `/{yyyy}/{MM}/{dd}/`, `/authors/`
 * and `/tags/`, computed from the newest-first article list in linear time.
 * Dates are the site's zone, read from each article's ISO text (the same
 * calendar day as its URL).
 */
import { DateTime } from "luxon";
import type { Article } from "../model/article.ts";
import { isoWeekday, MONTH_NAMES } from "../model/dates.ts";
import { paginate, paginateFromOldest } from "./paginate.ts";
import { type ListingPage } from "../model/listingPage.ts";
import type { Section } from "../content/siteData.ts";
import { ARCHIVE_INDEX_PATH, datePath, nameIndexPath, namePath, nameSlug, type NameFolder } from "../model/urls.ts";

export const BROWSE_PAGE_SIZE = 20;
/** Names per page of the author and tag indexes: tens of thousands of tags stay browsable. */
export const INDEX_PAGE_SIZE = 300;

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export interface Link {
  url: string;
  label: string;
}

export interface ArchiveIndexPage extends ListingPage {
  years: Array<{ year: number; count: number; url: string }>;
}

export interface YearPage extends ListingPage {
  year: number;
  count: number;
  months: Array<{ month: number; name: string; count: number; url?: string }>;
  /** Largest monthly count, for the chart's scale. */
  maxCount: number;
  previousYear?: Link;
  nextYear?: Link;
}

export interface CalendarDay {
  day: number;
  count: number;
  url?: string;
  /** "Saturday 9 December 2023", for the cell's accessible name. */
  label: string;
}

export interface MonthPage extends ListingPage {
  year: number;
  month: number;
  /** "December 2023". */
  label: string;
  count: number;
  /** Weeks from Monday; `null` pads the days outside the month. */
  weeks: Array<Array<CalendarDay | null>>;
  weekdays: string[];
  yearUrl: string;
  previousMonth?: Link;
  nextMonth?: Link;
}

export interface DayPage extends ListingPage {
  /** "Saturday 9 December 2023". */
  label: string;
  /** The day's articles by section, in `sections.json` order, like an edition. */
  groups: Array<{ section: Section; articles: Article[] }>;
  monthUrl: string;
  monthLabel: string;
  previousDay?: Link;
  nextDay?: Link;
}

export interface NameIndexPage extends ListingPage {
  /** "Authors" or "Tags". */
  title: string;
  entries: Array<{ name: string; url: string; count: number }>;
}

export interface NamePage extends ListingPage {
  name: string;
  /** `/authors/` or `/tags/`: the index this page belongs to (its first page). */
  indexUrl: string;
  count: number;
}

function dayLabel(year: number, month: number, day: number): string {
  return `${WEEKDAYS[isoWeekday(year, month, day) - 1]} ${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

function monthLabel(year: number, month: number): string {
  return `${MONTH_NAMES[month - 1]} ${year}`;
}

export interface DateArchive {
  index: ArchiveIndexPage;
  years: YearPage[];
  months: MonthPage[];
  days: DayPage[];
}

/** `2023-12-09` (a day) or `2023-12` (a month): the start of an article's ISO text, in the site's zone as its URL. */
function partsOf(key: string): { year: number; month: number; day: number } {
  return { year: Number(key.slice(0, 4)), month: Number(key.slice(5, 7)), day: Number(key.slice(8, 10)) };
}

/** Appends to the list under `key`, making it on first use. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Links to the pages before and after the `i`th of sorted keys. */
function around<K>(keys: readonly K[], i: number, link: (key: K) => Link): { previous?: Link; next?: Link } {
  const before = keys[i - 1];
  const after = keys[i + 1];
  return { previous: before === undefined ? undefined : link(before), next: after === undefined ? undefined : link(after) };
}

/** The part of a page's key that its previous and next links make. */
function aroundKey(previous: Link | undefined, next: Link | undefined): string {
  return `${previous?.url ?? ""}|${next?.url ?? ""}`;
}

export function dateArchive(articlesNewestFirst: readonly Article[], sections: readonly Section[]): DateArchive {
  const byDay = new Map<string, Article[]>();
  for (const article of articlesNewestFirst) pushTo(byDay, article.published.iso.slice(0, 10), article);
  const dayKeys = [...byDay.keys()].sort();
  const months = monthPages(byDay, dayKeys);
  const years = yearPages(months);
  return { index: archiveIndexPage(years), years, months, days: dayPages(byDay, dayKeys, sections) };
}

/** A day's articles grouped by section, in `sections.json` order, like an edition. */
function dayPages(byDay: ReadonlyMap<string, Article[]>, dayKeys: readonly string[], sections: readonly Section[]): DayPage[] {
  const dayLink = (key: string): Link => {
    const { year, month, day } = partsOf(key);
    return { url: datePath(year, month, day), label: dayLabel(year, month, day) };
  };
  return dayKeys.map((key, i) => {
    const { year, month, day } = partsOf(key);
    const articles = byDay.get(key) ?? [];
    const { previous: previousDay, next: nextDay } = around(dayKeys, i, dayLink);
    return {
      url: datePath(year, month, day),
      label: dayLabel(year, month, day),
      articles,
      groups: sections.map((section) => ({ section, articles: articles.filter((a) => a.section === section.slug) })).filter((g) => g.articles.length > 0),
      monthUrl: datePath(year, month),
      monthLabel: monthLabel(year, month),
      previousDay,
      nextDay,
      key: aroundKey(previousDay, nextDay),
    };
  });
}

/** A calendar per month that has articles, each day linked to its page. */
function monthPages(byDay: ReadonlyMap<string, Article[]>, dayKeys: readonly string[]): MonthPage[] {
  const monthCounts = new Map<string, Map<number, number>>();
  for (const key of dayKeys) {
    const monthKey = key.slice(0, 7);
    let counts = monthCounts.get(monthKey);
    if (!counts) monthCounts.set(monthKey, (counts = new Map()));
    counts.set(partsOf(key).day, byDay.get(key)?.length ?? 0);
  }
  const monthKeys = [...monthCounts.keys()].sort();
  const monthLink = (key: string): Link => {
    const { year, month } = partsOf(key);
    return { url: datePath(year, month), label: monthLabel(year, month) };
  };
  return monthKeys.map((key, i) => {
    const { year, month } = partsOf(key);
    const counts = monthCounts.get(key) ?? new Map<number, number>();
    const { previous: previousMonth, next: nextMonth } = around(monthKeys, i, monthLink);
    return {
      url: datePath(year, month),
      articles: [],
      year,
      month,
      label: monthLabel(year, month),
      count: [...counts.values()].reduce((a, b) => a + b, 0),
      weeks: calendarWeeks(year, month, counts),
      weekdays: WEEKDAYS,
      yearUrl: datePath(year),
      previousMonth,
      nextMonth,
      key: `${[...counts].map(([d, n]) => `${d}:${n}`).join(",")}|${aroundKey(previousMonth, nextMonth)}`,
    };
  });
}

/** Weeks from Monday, `null` padding the days outside the month; a day with articles links to its page. */
function calendarWeeks(year: number, month: number, counts: ReadonlyMap<number, number>): Array<Array<CalendarDay | null>> {
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone: "UTC" });
  const length = first.daysInMonth ?? 31;
  const weeks: Array<Array<CalendarDay | null>> = [];
  let week: Array<CalendarDay | null> = new Array<CalendarDay | null>(first.weekday - 1).fill(null);
  for (let day = 1; day <= length; day++) {
    const count = counts.get(day) ?? 0;
    week.push({ day, count, url: count > 0 ? datePath(year, month, day) : undefined, label: dayLabel(year, month, day) });
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...new Array<null>(7 - week.length).fill(null)]);
  return weeks;
}

/** A year's twelve monthly counts (the chart), its months with articles linked. */
function yearPages(months: readonly MonthPage[]): YearPage[] {
  const yearCounts = new Map<number, number[]>();
  for (const page of months) {
    let counts = yearCounts.get(page.year);
    if (!counts) yearCounts.set(page.year, (counts = new Array<number>(12).fill(0)));
    counts[page.month - 1] = page.count;
  }
  const yearList = [...yearCounts.keys()].sort((a, b) => a - b);
  const yearLink = (year: number): Link => ({ url: datePath(year), label: String(year) });
  return yearList.map((year, i) => {
    const counts = yearCounts.get(year) ?? [];
    const { previous: previousYear, next: nextYear } = around(yearList, i, yearLink);
    return {
      url: datePath(year),
      articles: [],
      year,
      count: counts.reduce((a, b) => a + b, 0),
      months: counts.map((count, m) => ({ month: m + 1, name: MONTH_NAMES[m] as string, count, url: count > 0 ? datePath(year, m + 1) : undefined })),
      maxCount: Math.max(1, ...counts),
      previousYear,
      nextYear,
      key: `${counts.join(",")}|${aroundKey(previousYear, nextYear)}`,
    };
  });
}

/** `/archive/`: every year with its count, newest first. */
function archiveIndexPage(years: readonly YearPage[]): ArchiveIndexPage {
  return {
    url: ARCHIVE_INDEX_PATH,
    articles: [],
    years: [...years].reverse().map((y) => ({ year: y.year, count: y.count, url: y.url })),
    key: years.map((y) => `${y.year}:${y.count}`).join(","),
  };
}

/** URL slugs for names (authors, tags), transliterated; names that slug alike get -2, -3 in name order. */
export function nameSlugs(names: Iterable<string>): Map<string, string> {
  const slugs = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of [...new Set(names)].sort()) {
    const base = nameSlug(name);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    slugs.set(name, slug);
  }
  return slugs;
}

export interface NameListings {
  index: NameIndexPage[];
  pages: NamePage[];
  /** Name → URL of its first page: bylines and tag lists link to them. */
  urlOf: Map<string, string>;
}

/** A to Z, ignoring case and accents; one collator (`localeCompare` with options makes one for every comparison). */
const NAME_ORDER = new Intl.Collator("en", { sensitivity: "base" });

/** `/authors/`-style index and one paginated, newest-first listing per name. */
export function nameListings(
  articlesNewestFirst: readonly Article[],
  namesOf: (article: Article) => readonly string[],
  folder: NameFolder,
  title: string,
): NameListings {
  const byName = new Map<string, Article[]>();
  for (const article of articlesNewestFirst) {
    for (const name of new Set(namesOf(article))) pushTo(byName, name, article);
  }
  const slugs = nameSlugs(byName.keys());
  const urlOf = new Map<string, string>();
  for (const [name, slug] of slugs) urlOf.set(name, namePath(folder, slug));
  const indexUrl = nameIndexPath(folder);
  const pages: NamePage[] = [];
  for (const [name, articles] of byName) {
    const slug = slugs.get(name) as string;
    const cut = paginateFromOldest(articles, BROWSE_PAGE_SIZE, namePath(folder, slug), (n) => namePath(folder, slug, n), (a) => a.published);
    for (const { items, ...page } of cut) {
      // Only the front page shows the count: a numbered page stays as it is when newer articles come.
      const front = page.pageNumber === undefined;
      pages.push({ ...page, articles: items, name, indexUrl, count: articles.length, key: front ? `${name}|${articles.length}` : name });
    }
  }
  const entries = [...byName]
    .map(([name, articles]) => ({ name, url: urlOf.get(name) as string, count: articles.length }))
    .sort((a, b) => NAME_ORDER.compare(a.name, b.name) || (a.name < b.name ? -1 : 1));
  const index = paginate(entries, INDEX_PAGE_SIZE, (n) => nameIndexPath(folder, n)).map(({ items, ...page }) => ({
    ...page,
    articles: [],
    title,
    entries: items,
    key: items.map((e) => `${e.name}:${e.count}`).join("\n"),
  }));
  return { index, pages, urlOf };
}
