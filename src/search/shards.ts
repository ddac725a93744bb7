/**
 * The search index is split into shards of whole years, newest first, so that
 * building it needs memory for one shard only and a visitor's query loads the
 * newest shard first and older ones only when it needs more results.
 */
import type { Article } from "../archive/article.ts";
import { formatDate } from "../archive/dates.ts";

export interface SearchShard {
  /** Folder under `pagefind/`: `2025` or `2019-2021`. */
  id: string;
  firstYear: number;
  lastYear: number;
  /** Articles in the shard, newest first. */
  articles: Article[];
}

/**
 * Groups articles (newest first) into shards of consecutive years holding at
 * least `targetSize` articles each (the oldest shard may hold fewer).
 */
export function planShards(articlesNewestFirst: readonly Article[], targetSize: number): SearchShard[] {
  const byYear = new Map<number, Article[]>();
  for (const article of articlesNewestFirst) {
    const year = Number(formatDate.year(article.published));
    let list = byYear.get(year);
    if (!list) byYear.set(year, (list = []));
    list.push(article);
  }
  const shards: SearchShard[] = [];
  let current: Article[] = [];
  let lastYear = 0;
  let firstYear = 0;
  const close = (): void => {
    if (current.length === 0) return;
    shards.push({ id: firstYear === lastYear ? String(lastYear) : `${firstYear}-${lastYear}`, firstYear, lastYear, articles: current });
    current = [];
  };
  for (const year of [...byYear.keys()].sort((a, b) => b - a)) {
    if (current.length === 0) lastYear = year;
    firstYear = year;
    current.push(...(byYear.get(year) ?? []));
    if (current.length >= targetSize) close();
  }
  close();
  return shards;
}
