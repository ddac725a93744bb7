/**
 * The search index is split into shards by calendar period, newest first, so
 * that building it needs memory for one shard only, a visitor's query loads the
 * newest shard first and older ones only when it needs more results, and a
 * publication re-indexes only the shard of its period.
 *
 * A shard is one calendar year, or, when a year holds more than `maxSize`
 * articles, its halves, quarters or months (the fewest parts that fit). The
 * split of a year depends on that year's articles only, so adding, editing or
 * deleting an article changes one year's shards and no others. An archive of
 * at most `maxSize` articles is one shard (one index sorts and ranks exactly;
 * growing past the size re-indexes it once).
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
  const years = [...byYear.keys()];
  if (articlesNewestFirst.length <= maxSize && years.length > 1) {
    const first = Math.min(...years);
    const last = Math.max(...years);
    return [{ id: `${yearText(first)}-${yearText(last)}`, firstYear: first, lastYear: last, label: `${first}–${last}`, articles: [...articlesNewestFirst] }];
  }
  const shards: SearchShard[] = [];
  for (const year of [...byYear.keys()].sort((a, b) => b - a)) {
    const articles = byYear.get(year) ?? [];
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
