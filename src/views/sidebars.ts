/**
 * Stable sidebars. Every article page shows the newest Opinion and Editorial
 * pieces; if that meant "newest today", each publication would change the bytes
 * of every page in the archive, and a republish would rewrite them all. Instead
 * each page lists the pieces published before it, which never changes when
 * newer articles arrive, and a small shared file (`latest.json`) lets the page's
 * script swap in today's newest. Without JavaScript the page is complete.
 */
import type { Article } from "../model/article.ts";
import { type LatestList } from "./listings.ts";
import type { Section } from "../content/siteData.ts";
import { sectionPath } from "../model/urls.ts";

/**
 * For each article (newest first in `articles`), the `count` newest pieces of
 * each sidebar section published before it. One pass from the oldest article;
 * articles between two sidebar pieces share one list object, so memory grows
 * with the number of sidebar pieces, not with articles times sections.
 */
export function stableSidebarLists(
  articlesNewestFirst: readonly Article[],
  sidebarSections: readonly Section[],
  count: number,
): Map<Article, LatestList[]> {
  const result = new Map<Article, LatestList[]>();
  let lists: LatestList[] = sidebarSections.map((section) => ({ section, url: sectionPath(section.slug), articles: [] }));
  for (let i = articlesNewestFirst.length - 1; i >= 0; i--) {
    const article = articlesNewestFirst[i] as Article;
    result.set(article, lists);
    const at = lists.findIndex((list) => list.section.slug === article.section);
    if (at === -1) continue;
    const list = lists[at] as LatestList;
    const next = lists.slice();
    next[at] = { ...list, articles: [article, ...list.articles].slice(0, count) };
    lists = next;
  }
  return result;
}
