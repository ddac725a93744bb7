/**
 * Browsing the archive by date, author and tag: the listing pages of
 * `/archive/`, `/{yyyy}/`, `/{yyyy}/{MM}/`, `/{yyyy}/{MM}/{dd}/`, `/authors/`
 * and `/tags/`, computed from the newest-first article list in linear time.
 * Dates are the site's zone, read from each article's ISO text (the same
 * calendar day as its URL).
 */
import { DateTime } from "luxon";
import type { Article } from "../model/article.ts";
import { MONTH_NAMES } from "../model/dates.ts";
import { paginate } from "./paginate.ts";
import { type ListingPage } from "../model/listingPage.ts";
import type { Section } from "../content/siteData.ts";
import { datePath, nameSlug } from "../model/urls.ts";

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
  /** `/authors/` or `/tags/`: the index this page belongs to. */
  indexUrl: string;
  count: number;
}

/** Made by urls.ts's `datePath`, the formatter of article URLs too, so a day link and the day page agree. */
export const datePaths = {
  archive: "/archive/",
  year: (year: number) => datePath(year),
  month: (year: number, month: number) => datePath(year, month),
  day: (year: number, month: number, day: number) => datePath(year, month, day),
};

function dayLabel(year: number, month: number, day: number): string {
  const weekday = DateTime.fromObject({ year, month, day }, { zone: "UTC" }).weekday;
  return `${WEEKDAYS[weekday - 1]} ${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

const single = { pageNumber: 1, pageCount: 1 };

export interface DateArchive {
  index: ArchiveIndexPage;
  years: YearPage[];
  months: MonthPage[];
  days: DayPage[];
}

export function dateArchive(articlesNewestFirst: readonly Article[], sections: readonly Section[]): DateArchive {
  // Calendar parts in the site's zone, from the ISO text (as the article URLs are made).
  const byDay = new Map<string, Article[]>();
  for (const article of articlesNewestFirst) {
    const key = article.published.iso.slice(0, 10);
    let list = byDay.get(key);
    if (!list) byDay.set(key, (list = []));
    list.push(article);
  }
  const dayKeys = [...byDay.keys()].sort();
  const parts = (key: string) => ({ year: Number(key.slice(0, 4)), month: Number(key.slice(5, 7)), day: Number(key.slice(8, 10)) });

  const days: DayPage[] = dayKeys.map((key, i) => {
    const { year, month, day } = parts(key);
    const articles = byDay.get(key) ?? [];
    const link = (other: string | undefined): Link | undefined => {
      if (!other) return undefined;
      const p = parts(other);
      return { url: datePaths.day(p.year, p.month, p.day), label: dayLabel(p.year, p.month, p.day) };
    };
    const previousDay = link(dayKeys[i - 1]);
    const nextDay = link(dayKeys[i + 1]);
    return {
      ...single,
      url: datePaths.day(year, month, day),
      label: dayLabel(year, month, day),
      articles,
      groups: sections.map((section) => ({ section, articles: articles.filter((a) => a.section === section.slug) })).filter((g) => g.articles.length > 0),
      monthUrl: datePaths.month(year, month),
      monthLabel: `${MONTH_NAMES[month - 1]} ${year}`,
      previousDay,
      nextDay,
      key: `${previousDay?.url ?? ""}|${nextDay?.url ?? ""}`,
    };
  });

  const monthCounts = new Map<string, Map<number, number>>();
  for (const key of dayKeys) {
    const monthKey = key.slice(0, 7);
    let counts = monthCounts.get(monthKey);
    if (!counts) monthCounts.set(monthKey, (counts = new Map()));
    counts.set(parts(key).day, byDay.get(key)?.length ?? 0);
  }
  const monthKeys = [...monthCounts.keys()].sort();
  const monthLink = (key: string | undefined): Link | undefined => {
    if (!key) return undefined;
    const year = Number(key.slice(0, 4));
    const month = Number(key.slice(5, 7));
    return { url: datePaths.month(year, month), label: `${MONTH_NAMES[month - 1]} ${year}` };
  };
  const months: MonthPage[] = monthKeys.map((key, i) => {
    const year = Number(key.slice(0, 4));
    const month = Number(key.slice(5, 7));
    const counts = monthCounts.get(key) ?? new Map<number, number>();
    const first = DateTime.fromObject({ year, month, day: 1 }, { zone: "UTC" });
    const length = first.daysInMonth ?? 31;
    const weeks: Array<Array<CalendarDay | null>> = [];
    let week: Array<CalendarDay | null> = new Array<CalendarDay | null>(first.weekday - 1).fill(null);
    for (let day = 1; day <= length; day++) {
      const count = counts.get(day) ?? 0;
      week.push({ day, count, url: count > 0 ? datePaths.day(year, month, day) : undefined, label: dayLabel(year, month, day) });
      if (week.length === 7) {
        weeks.push(week);
        week = [];
      }
    }
    if (week.length > 0) weeks.push([...week, ...new Array<null>(7 - week.length).fill(null)]);
    const previousMonth = monthLink(monthKeys[i - 1]);
    const nextMonth = monthLink(monthKeys[i + 1]);
    return {
      ...single,
      url: datePaths.month(year, month),
      articles: [],
      year,
      month,
      label: `${MONTH_NAMES[month - 1]} ${year}`,
      count: [...counts.values()].reduce((a, b) => a + b, 0),
      weeks,
      weekdays: WEEKDAYS,
      yearUrl: datePaths.year(year),
      previousMonth,
      nextMonth,
      key: `${[...counts].map(([d, n]) => `${d}:${n}`).join(",")}|${previousMonth?.url ?? ""}|${nextMonth?.url ?? ""}`,
    };
  });

  const yearCounts = new Map<number, number[]>();
  for (const page of months) {
    let counts = yearCounts.get(page.year);
    if (!counts) yearCounts.set(page.year, (counts = new Array<number>(12).fill(0)));
    counts[page.month - 1] = page.count;
  }
  const yearList = [...yearCounts.keys()].sort((a, b) => a - b);
  const yearLink = (year: number | undefined): Link | undefined => (year === undefined ? undefined : { url: datePaths.year(year), label: String(year) });
  const years: YearPage[] = yearList.map((year, i) => {
    const counts = yearCounts.get(year) ?? [];
    const previousYear = yearLink(yearList[i - 1]);
    const nextYear = yearLink(yearList[i + 1]);
    return {
      ...single,
      url: datePaths.year(year),
      articles: [],
      year,
      count: counts.reduce((a, b) => a + b, 0),
      months: counts.map((count, m) => ({ month: m + 1, name: MONTH_NAMES[m] as string, count, url: count > 0 ? datePaths.month(year, m + 1) : undefined })),
      maxCount: Math.max(1, ...counts),
      previousYear,
      nextYear,
      key: `${counts.join(",")}|${previousYear?.url ?? ""}|${nextYear?.url ?? ""}`,
    };
  });

  const index: ArchiveIndexPage = {
    ...single,
    url: datePaths.archive,
    articles: [],
    years: [...years].reverse().map((y) => ({ year: y.year, count: y.count, url: y.url })),
    key: years.map((y) => `${y.year}:${y.count}`).join(","),
  };
  return { index, years, months, days };
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

/** `/authors/`-style index and one paginated, newest-first listing per name. */
export function nameListings(
  articlesNewestFirst: readonly Article[],
  namesOf: (article: Article) => readonly string[],
  root: "/authors/" | "/tags/",
  title: string,
): NameListings {
  const byName = new Map<string, Article[]>();
  for (const article of articlesNewestFirst) {
    for (const name of new Set(namesOf(article))) {
      let list = byName.get(name);
      if (!list) byName.set(name, (list = []));
      list.push(article);
    }
  }
  const slugs = nameSlugs(byName.keys());
  const urlOf = new Map<string, string>();
  for (const [name, slug] of slugs) urlOf.set(name, `${root}${slug}/`);
  const pageUrl = (base: string) => (n: number) => (n <= 1 ? base : `${base}page/${n}/`);
  const pages: NamePage[] = [];
  for (const [name, articles] of byName) {
    const base = urlOf.get(name) as string;
    for (const { items, ...page } of paginate(articles, BROWSE_PAGE_SIZE, pageUrl(base))) {
      pages.push({ ...page, articles: items, name, indexUrl: root, count: articles.length, key: `${name}|${articles.length}` });
    }
  }
  const entries = [...byName]
    .map(([name, articles]) => ({ name, url: urlOf.get(name) as string, count: articles.length }))
    .sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || (a.name < b.name ? -1 : 1));
  const index = paginate(entries, INDEX_PAGE_SIZE, pageUrl(root)).map(({ items, ...page }) => ({
    ...page,
    articles: [],
    title,
    entries: items,
    key: items.map((e) => `${e.name}:${e.count}`).join("\n"),
  }));
  return { index, pages, urlOf };
}
