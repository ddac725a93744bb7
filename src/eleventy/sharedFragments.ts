/**
 * Blocks that are the same on every page (the sidebars) are rendered once per
 * build and pasted into each page, instead of being re-rendered 100,000 times.
 * They use the same `_includes/` templates and filters as everything else.
 */
import nunjucks from "nunjucks";
import { INCLUDES_DIR } from "../paths.ts";
import { buildOptions, currentArchive } from "./buildContext.ts";
import { filters } from "./filters.ts";

let environment: nunjucks.Environment | undefined;
const rendered = new Map<string, string>();

function env(): nunjucks.Environment {
  if (!environment) {
    environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(INCLUDES_DIR, { noCache: true }), {
      autoescape: true,
      throwOnUndefined: false,
    });
    for (const [name, fn] of Object.entries(filters)) environment.addFilter(name, fn as (...args: unknown[]) => unknown);
  }
  return environment;
}

/** Forget last build's fragments (the dev server rebuilds in one process). */
export function resetSharedFragments(): void {
  rendered.clear();
}

/** The rendered HTML of a partial in `_includes/`, rendered at most once per build. */
export function sharedFragment(template: string): string {
  let html = rendered.get(template);
  if (html === undefined) {
    const archive = currentArchive();
    html = env().render(template, { archive, site: archive.site, pathPrefix: buildOptions().pathPrefix });
    rendered.set(template, html);
  }
  return html;
}
