/**
 * Eleventy configuration: wiring only. The archive model is loaded and
 * validated before Eleventy starts (src/publish/buildSite.ts); a render context
 * (src/render/renderContext.ts) hands it to this run as global data, routes are
 * made from the registry of page kinds, and filters expose its formatters.
 */
import type { EleventyUserConfig } from "@11ty/eleventy";
import path from "node:path";
import type { Article } from "./src/model/article.ts";
import { INCLUDES_DIR, PAGES_DIR } from "./src/paths.ts";
import { createFilters, type Filter } from "./src/render/filters.ts";
import type { RenderContext } from "./src/render/renderContext.ts";
import { routesFor } from "./src/render/routes.ts";
import { sitePathsForTemplates } from "./src/render/templatePaths.ts";
import { createSharedFragments } from "./src/render/sharedFragments.ts";

/** The config function of one Eleventy instance, rendering what `context` holds. */
export function eleventyConfigFor(context: RenderContext): (eleventyConfig: EleventyUserConfig) => void {
  return (eleventyConfig) => {
    // Page routes only; articles are data read by the archive model, never templates.
    eleventyConfig.setTemplateFormats(["njk"]);
    eleventyConfig.setIncludesDirectory(path.relative(PAGES_DIR, INCLUDES_DIR));
    // Site data comes from the archive model (which validates _data/*.json), not Eleventy's data folder.
    eleventyConfig.setDataDirectory("_no-eleventy-data");
    eleventyConfig.setUseGitIgnore(false);

    eleventyConfig.addGlobalData("archive", () => context.startBuild());
    eleventyConfig.addGlobalData("site", () => context.archive().site);
    eleventyConfig.addGlobalData("render", () => context.pages());
    eleventyConfig.addGlobalData("paths", sitePathsForTemplates());
    for (const { inputPath, content, data } of routesFor(context.writesOnce)) eleventyConfig.addTemplate(inputPath, content, data);

    // Eleventy warns on the console when one shortcode takes a large share of a small build (the sidebar's
    // first compile does); build times are measured by `npm run bench` instead. Not a public API: guarded.
    const benchmarks = (eleventyConfig as unknown as { benchmarks?: { config?: { setMinimumThresholdMs?: (ms: number) => void } } }).benchmarks;
    benchmarks?.config?.setMinimumThresholdMs?.(0);

    const filters = createFilters(context);
    const fragments = createSharedFragments(context, filters);
    for (const [name, fn] of Object.entries(filters)) eleventyConfig.addFilter(name, fn as Filter);
    eleventyConfig.addShortcode("articleSidebar", (article: Article) => fragments.articleSidebar(article));
    eleventyConfig.addShortcode("latestSidebarJson", () => fragments.latestSidebarJson());
    eleventyConfig.on("eleventy.before", () => fragments.reset());

    // No passthrough copy: the build copies the assets itself before rendering (src/publish/buildSite.ts), since a
    // copy still running when a template fails would write into a staging folder already removed.
  };
}
