/**
 * Blocks repeated across pages (the sidebars) are rendered once per distinct
 * content and pasted into each page, instead of being re-rendered 100,000
 * times. They use the same `_includes/` templates and filters as everything else.
 */
import nunjucks from "nunjucks";
import type { Article } from "../model/article.ts";
import { type LatestList } from "../views/listings.ts";
import { INCLUDES_DIR } from "../paths.ts";
import { buildOptions, currentArchive } from "./buildContext.ts";
import { filters } from "./filters.ts";

const SIDEBAR_TEMPLATE = "partials/sidebar.njk";
/** Pages are rendered in date order, so consecutive articles share lists: a small cache hits almost always. */
const CACHE_LIMIT = 64;

let environment: nunjucks.Environment | undefined;
const rendered = new Map<LatestList[], string>();

function env(): nunjucks.Environment {
  if (!environment) {
    environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(INCLUDES_DIR), {
      autoescape: true,
      throwOnUndefined: false,
    });
    for (const [name, fn] of Object.entries(filters)) environment.addFilter(name, fn as (...args: unknown[]) => unknown);
  }
  return environment;
}

/** Forget last build's fragments and compiled templates (the dev server rebuilds in one process). */
export function resetSharedFragments(): void {
  rendered.clear();
  environment = undefined;
}

function renderSidebar(mustRead: readonly Article[], lists: readonly LatestList[]): string {
  const archive = currentArchive();
  return env().render(SIDEBAR_TEMPLATE, { mustRead, lists, site: archive.site, pathPrefix: buildOptions().pathPrefix });
}

/** The sidebar of one article page: Must Read (without the article itself) and the pieces published before it. */
export function articleSidebar(article: Article): string {
  const archive = currentArchive();
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
}

/**
 * `latest.json`: the newest pieces of each sidebar section as rendered HTML,
 * which article pages fetch to bring their sidebars up to date. One small file
 * changes at each publication instead of every page.
 */
export function latestSidebarJson(): string {
  const archive = currentArchive();
  const sections: Record<string, string> = {};
  const template = '{% from "partials/sidebar-entries.njk" import sidebarEntries %}{{ sidebarEntries(articles) }}';
  for (const list of archive.sidebarLists) {
    sections[list.section.slug] = env().renderString(template, { articles: list.articles }).trim();
  }
  return `${JSON.stringify({ sections }, null, 1)}\n`;
}
