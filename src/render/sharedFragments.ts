/**
 * Blocks repeated across pages (the sidebars) are rendered once per distinct
 * content and pasted into each page, instead of being re-rendered 100,000
 * times. They use the same `_includes/` templates and filters as everything else.
 */
import nunjucks from "nunjucks";
import type { Article } from "../model/article.ts";
import { type LatestList } from "../views/listings.ts";
import { INCLUDES_DIR } from "../paths.ts";
import type { RenderContext } from "./renderContext.ts";
import type { Filter, Filters } from "./filters.ts";

const SIDEBAR_TEMPLATE = "partials/sidebar.njk";
/** Pages are rendered in date order, so consecutive articles share lists: a small cache hits almost always. */
const CACHE_LIMIT = 64;

export interface SharedFragments {
  /** The sidebar of one article page: Must Read (without the article itself) and the pieces published before it. */
  articleSidebar(article: Article): string;
  /**
   * `latest.json`: the newest pieces of each sidebar section as rendered HTML,
   * which article pages fetch to bring their sidebars up to date. One small file
   * changes at each publication instead of every page.
   */
  latestSidebarJson(): string;
  /** Forget the last build's fragments and compiled templates (the dev server rebuilds in one process). */
  reset(): void;
}

export function createSharedFragments(context: RenderContext, filters: Filters): SharedFragments {
  let environment: nunjucks.Environment | undefined;
  const rendered = new Map<LatestList[], string>();
  const env = (): nunjucks.Environment => {
    if (!environment) {
      environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(INCLUDES_DIR), { autoescape: true, throwOnUndefined: false });
      for (const [name, fn] of Object.entries(filters)) environment.addFilter(name, fn as Filter as (...args: unknown[]) => unknown);
    }
    return environment;
  };
  const renderSidebar = (mustRead: readonly Article[], lists: readonly LatestList[]): string =>
    env().render(SIDEBAR_TEMPLATE, { mustRead, lists, site: context.archive().site, pathPrefix: context.options.pathPrefix });

  return {
    articleSidebar(article) {
      const archive = context.archive();
      const lists = archive.sidebarsBefore.get(article) ?? [];
      // A Must Read article's own page leaves itself out of the list: rendered apart, not cached.
      if (archive.mustRead.includes(article)) return renderSidebar(archive.mustRead.filter((a) => a !== article), lists);
      let html = rendered.get(lists);
      if (html === undefined) {
        html = renderSidebar(archive.mustRead, lists);
        if (rendered.size >= CACHE_LIMIT) rendered.delete(rendered.keys().next().value as LatestList[]);
        rendered.set(lists, html);
      }
      return html;
    },
    latestSidebarJson() {
      const sections: Record<string, string> = {};
      const template = '{% from "partials/sidebar-entries.njk" import sidebarEntries %}{{ sidebarEntries(articles) }}';
      for (const list of context.archive().sidebarLists) {
        sections[list.section.slug] = env().renderString(template, { articles: list.articles }).trim();
      }
      return `${JSON.stringify({ sections }, null, 1)}\n`;
    },
    reset() {
      rendered.clear();
      environment = undefined;
    },
  };
}
