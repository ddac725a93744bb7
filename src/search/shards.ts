/**
 * The search index is split into shards by calendar period, newest first, so
 * that building it needs memory for one shard only, a visitor's query loads the
 * newest shard first and older ones only when it needs more results, and a
 * publication re-indexes only the shard of its period: a few hundred records,
 * not the archive's.
 *
 * Periods nest in fixed calendar blocks: a decade (2010–2019), its halves
 * (2010–2014, 2015–2019), a year, and a year's halves, quarters or months. Each
 * block is one shard when it holds at most `maxSize` articles, else its parts
 * are planned the same way (a year takes the fewest equal parts that fit; a
 * month is never split). So the plan of a decade depends on that decade's
 * articles only, and adding, editing or deleting an article changes its
 * decade's shards and no others. A quiet archive gets a few multi-year shards
 * and a busy one month shards, each near the size. An archive of at most
 * `maxSize` articles is one shard (one index sorts and ranks exactly; growing
 * past the size re-indexes it once, as a block does when it splits).
 *
 * Ids and labels name the years a multi-year shard holds (`2015-2019`, or
 * `2017-2019` when its block has no older article), or the period of a year's
 * part (`2025`, `2025-h2`, `2025-q3`, `2025-m09`).
 */
import type { Article } from "../model/article.ts";
import { formatDate, MONTH_NAMES, yearText } from "../model/dates.ts";

export interface SearchShard {
  /** Folder under `pagefind/`: `2025`, `2025-h2`, `2025-q3` or `2025-m09`. */
  id: string;
  firstYear: number;
  lastYear: number;
  /** For readers: `2025`, `July–December 2025`, `September 2025`. */
  label: string;
  /** Articles in the shard, newest first. */
  articles: Article[];
}

/** Parts a year may be split into, with the id suffix of each part (by zero-based month). */
function periodLabel(year: number, parts: number, part: number): string {
  if (parts === 1) return String(year);
  const first = MONTH_NAMES[(part * 12) / parts] as string;
  const last = MONTH_NAMES[((part + 1) * 12) / parts - 1] as string;
  return first === last ? `${first} ${year}` : `${first}–${last} ${year}`;
}

const SPLITS: Array<{ parts: number; suffix: (part: number) => string }> = [
  { parts: 1, suffix: () => "" },
  { parts: 2, suffix: (p) => `-h${p + 1}` },
  { parts: 4, suffix: (p) => `-q${p + 1}` },
  { parts: 12, suffix: (p) => `-m${String(p + 1).padStart(2, "0")}` },
];

export function planShards(articlesNewestFirst: readonly Article[], maxSize: number): SearchShard[] {
  const byYear = new Map<number, Article[]>();
  for (const article of articlesNewestFirst) {
    const year = Number(formatDate.year(article.published));
    let list = byYear.get(year);
    if (!list) byYear.set(year, (list = []));
    list.push(article);
  }
  const years = [...byYear.keys()].sort((a, b) => b - a);
  if (articlesNewestFirst.length <= maxSize && years.length > 1) return [spanShard(years, byYear)];
  const shards: SearchShard[] = [];
  const count = (block: number[]): number => block.reduce((n, year) => n + (byYear.get(year)?.length ?? 0), 0);
  const planBlock = (block: number[], span: number): void => {
    if (count(block) <= maxSize) {
      shards.push(spanShard(block, byYear));
    } else if (span === 10) {
      // Newest half first: years are newest first.
      const later = block.filter((year) => year % 10 >= 5);
      const earlier = block.filter((year) => year % 10 < 5);
      for (const half of [later, earlier]) if (half.length > 0) planBlock(half, 5);
    } else {
      for (const year of block) shards.push(...splitYear(year, byYear.get(year) ?? [], maxSize));
    }
  };
  for (let i = 0; i < years.length; ) {
    const decade = Math.floor((years[i] as number) / 10);
    const block: number[] = [];
    for (; i < years.length && Math.floor((years[i] as number) / 10) === decade; i++) block.push(years[i] as number);
    planBlock(block, 10);
  }
  return shards;
}

/** One shard of whole years (newest first, at least one), named by the years it holds. */
function spanShard(yearsNewestFirst: readonly number[], byYear: ReadonlyMap<number, Article[]>): SearchShard {
  const last = yearsNewestFirst[0] as number;
  const first = yearsNewestFirst[yearsNewestFirst.length - 1] as number;
  const articles = yearsNewestFirst.flatMap((year) => byYear.get(year) ?? []);
  if (first === last) return { id: yearText(last), firstYear: first, lastYear: last, label: String(last), articles };
  return { id: `${yearText(first)}-${yearText(last)}`, firstYear: first, lastYear: last, label: `${first}–${last}`, articles };
}

/** A year as one shard when it fits, else the fewest of halves, quarters or months that fit (months are never split). */
function splitYear(year: number, articles: readonly Article[], maxSize: number): SearchShard[] {
  const shards: SearchShard[] = [];
  const months = articles.map((a) => Number(formatDate.machine(a.published).slice(5, 7)) - 1);
  for (const split of SPLITS) {
    const partOf = (month: number): number => Math.floor((month * split.parts) / 12);
    const counts = new Array<number>(split.parts).fill(0);
    for (const month of months) counts[partOf(month)]!++;
    if (split.parts < 12 && counts.some((n) => n > maxSize)) continue;
    // Articles are newest first, so parts come out newest first too.
    let current: SearchShard | undefined;
    articles.forEach((article, i) => {
      const part = partOf(months[i]!);
      const id = `${yearText(year)}${split.suffix(part)}`;
      if (current?.id !== id) {
        shards.push((current = { id, firstYear: year, lastYear: year, label: periodLabel(year, split.parts, part), articles: [] }));
      }
      current.articles.push(article);
    });
    break;
  }
  return shards;
}

/** What indexing a shard needs besides its articles (sent to worker processes as JSON). */
export interface ShardContext {
  contentRoot: string;
  siteDir: string;
  language: string;
  sectionNames: Record<string, string>;
  /** Pagefind's `image` and `image_alt` metadata (and the image's size) of the articles with a lead photo, by article URL. */
  thumbnails?: Record<string, { image: string; image_alt: string; image_width: string; image_height: string }>;
}
