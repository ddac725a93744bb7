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
  const byTag = new Map<string, Article[]>();
  const bySection = new Map<string, Article[]>();
  const remember = (windows: Map<string, Article[]>, key: string, article: Article): void => {
    const list = windows.get(key);
    if (!list) windows.set(key, [article]);
    else {
      list.unshift(article);
      if (list.length > WINDOW) list.pop();
    }
  };
  for (let i = articlesNewestFirst.length - 1; i >= 0; i--) {
    const article = articlesNewestFirst[i] as Article;
    const shared = new Map<Article, number>();
    const tags = new Set(article.tags);
    for (const tag of tags) {
      for (const candidate of byTag.get(tag) ?? []) shared.set(candidate, (shared.get(candidate) ?? 0) + 1);
    }
    // Windows hold newest first, and the sort is stable on the shared count, then date: deterministic.
    const picks = [...shared]
      .sort(([a, na], [b, nb]) => nb - na || b.published.millis - a.published.millis || (a.url < b.url ? -1 : 1))
      .slice(0, count)
      .map(([candidate]) => candidate);
    for (const candidate of bySection.get(article.section) ?? []) {
      if (picks.length >= count) break;
      if (!picks.includes(candidate)) picks.push(candidate);
    }
    if (picks.length > 0) related.set(article, picks);
    for (const tag of tags) remember(byTag, tag, article);
    remember(bySection, article.section, article);
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
