/**
 * Related reading and neighbours, computed once for the whole archive in one
 * pass from the oldest article: each article gets up to five *earlier*
 * articles that share its tags (the most shared tags first, then the newest),
 * topped up from its section. Only earlier articles, so an old page does not
 * change when new articles arrive (Hugo's related index does the same).
 *
 * Each tag and section keeps a window of its latest few articles, so the work
 * per article is bounded by its tag count, and the whole pass grows linearly
 * with the archive.
 */
import type { Article } from "../model/article.ts";

export const RELATED_COUNT = 5;
/** Latest articles remembered per tag: candidates beyond these are older than five better matches anyway, almost always. */
const WINDOW = 12;

export function relatedBefore(articlesNewestFirst: readonly Article[], count = RELATED_COUNT): Map<Article, Article[]> {
  const related = new Map<Article, Article[]>();
  // Articles by their place in the list (the windows hold places): counting shared tags is then array work, where
  // maps keyed by article made a pass over 100,000 articles take seconds.
  const byTag = new Map<string, number[]>();
  const bySection = new Map<string, number[]>();
  // Newest first; shifted by hand (`unshift` and `splice` below cost more than the rest of the pass).
  const remember = (windows: Map<string, number[]>, key: string, place: number): void => {
    const list = windows.get(key);
    if (!list) windows.set(key, [place]);
    else {
      for (let j = Math.min(list.length, WINDOW - 1); j > 0; j--) list[j] = list[j - 1] as number;
      list[0] = place;
    }
  };
  const sharedCounts = new Uint16Array(articlesNewestFirst.length);
  // The article whose candidates a count belongs to (its place plus one): no clearing between articles.
  const countedFor = new Int32Array(articlesNewestFirst.length);
  const candidates: number[] = [];
  // Dates and URLs by place, read once: comparing articles' own fields in the loop below cost more than the loop.
  const millis = new Float64Array(articlesNewestFirst.length);
  const urls: string[] = [];
  articlesNewestFirst.forEach((article, i) => {
    millis[i] = article.published.millis;
    urls.push(article.url);
  });
  // The order is total (shared tags, then date, then URL): the picks do not depend on the order candidates are met.
  const better = (a: number, b: number): boolean => {
    const byCount = (sharedCounts[a] as number) - (sharedCounts[b] as number);
    if (byCount !== 0) return byCount > 0;
    return millis[a] !== millis[b] ? (millis[a] as number) > (millis[b] as number) : (urls[a] as string) < (urls[b] as string);
  };
  const best: number[] = [];
  let bestCount = 0;
  for (let i = articlesNewestFirst.length - 1; i >= 0; i--) {
    const article = articlesNewestFirst[i] as Article;
    candidates.length = 0;
    // Each tag once (a Set only where the list repeats one: most lists are two to four distinct tags).
    const tags = article.tags.length > 1 && article.tags.some((tag, t) => article.tags.indexOf(tag) !== t) ? new Set(article.tags) : article.tags;
    for (const tag of tags) {
      const window = byTag.get(tag);
      if (window === undefined) continue;
      for (const candidate of window) {
        if (countedFor[candidate] !== i + 1) {
          countedFor[candidate] = i + 1;
          sharedCounts[candidate] = 1;
          candidates.push(candidate);
        } else sharedCounts[candidate] = (sharedCounts[candidate] as number) + 1;
      }
    }
    // The best few by insertion (some 36 candidates for three common tags: no sort needed).
    bestCount = 0;
    for (const candidate of candidates) {
      let at = bestCount;
      while (at > 0 && better(candidate, best[at - 1] as number)) at--;
      if (at < count) {
        if (bestCount < count) bestCount++;
        for (let j = bestCount - 1; j > at; j--) best[j] = best[j - 1] as number;
        best[at] = candidate;
      }
    }
    const picks: Article[] = [];
    for (let j = 0; j < bestCount; j++) picks.push(articlesNewestFirst[best[j] as number] as Article);
    for (const place of bySection.get(article.section) ?? []) {
      if (picks.length >= count) break;
      const candidate = articlesNewestFirst[place] as Article;
      if (!picks.includes(candidate)) picks.push(candidate);
    }
    if (picks.length > 0) related.set(article, picks);
    for (const tag of tags) remember(byTag, tag, i);
    remember(bySection, article.section, i);
  }
  return related;
}

export interface SectionNeighbours {
  /** The article published just before, in the same section. */
  previous?: Article;
  /** The article published just after, in the same section. */
  next?: Article;
}

/** Previous and next article in the same section, from each section's newest-first list. */
export function sectionNeighbours(bySection: ReadonlyMap<string, readonly Article[]>): Map<Article, SectionNeighbours> {
  const neighbours = new Map<Article, SectionNeighbours>();
  for (const list of bySection.values()) {
    list.forEach((article, i) => {
      const entry: SectionNeighbours = {};
      if (i + 1 < list.length) entry.previous = list[i + 1];
      if (i > 0) entry.next = list[i - 1];
      neighbours.set(article, entry);
    });
  }
  return neighbours;
}
