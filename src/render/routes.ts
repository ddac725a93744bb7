/**
 * Eleventy routes, made from the registry of page kinds (src/views/pageKinds.ts):
 * one virtual template per kind, paginating over the pages the render context
 * holds. A route only includes its view: Eleventy 3.1 recompiles a paginated
 * template's own text for every page, while Nunjucks compiles an included view
 * once a run.
 */
import type { FixedKind, ListingKind } from "../model/pageKinds.ts";
import { outputFileFor } from "../model/urls.ts";
import { FIXED_KINDS, LISTING_KINDS } from "../views/pageKinds.ts";

export interface Route {
  /** Virtual input path, unique per kind. */
  inputPath: string;
  content: string;
  /** Front matter of the route. */
  data: Record<string, unknown>;
}

/** Where each source's pages are in the global data (src/render/renderContext.ts: `render` is the batch). */
const FIXED_DATA: Record<Exclude<FixedKind["source"], "single">, string> = { articles: "render.articles", feeds: "archive.feeds" };

const route = (name: string, view: string, data: Record<string, unknown>): Route => ({
  inputPath: `${name}.njk`,
  content: `{% include "${view}" %}`,
  data: { ...data, eleventyExcludeFromCollections: true },
});

/**
 * One page per entry of `data`, written at the entry's URL (`asFile`: at the file that URL names, for former URLs
 * such as `/news/1234.html`). The permalink is a function, not a template: Eleventy would compile a permalink
 * template again for every page.
 */
const paginated = (data: string, alias: string, asFile = false): Record<string, unknown> => ({
  pagination: { data, size: 1, alias },
  permalink: (page: Record<string, { url: string }>): string => {
    const url = page[alias]?.url;
    if (url === undefined) throw new Error(`${data}: a page without a URL`);
    return asFile ? `/${outputFileFor(url)}` : url;
  },
});

/** The routes of one Eleventy run: every kind, but the `once` kinds only in the run that writes them. */
export function routesFor(writesOnce: boolean): Route[] {
  const routes: Route[] = [];
  for (const [name, kind] of Object.entries(LISTING_KINDS) as Array<[string, ListingKind]>) {
    routes.push(route(name, kind.view, paginated(`render.listings.${name}`, kind.alias, kind.formerUrls)));
  }
  for (const [name, kind] of Object.entries(FIXED_KINDS) as Array<[string, FixedKind]>) {
    if (kind.once && !writesOnce) continue;
    if (kind.source === "single") routes.push(route(name, kind.view, { permalink: kind.path }));
    else routes.push(route(name, kind.view, paginated(FIXED_DATA[kind.source], kind.alias ?? name)));
  }
  return routes;
}
