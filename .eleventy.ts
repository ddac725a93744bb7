/**
 * Eleventy configuration: wiring only. The archive model lives in src/archive/
 * and is loaded and validated before Eleventy starts (src/cli/build.ts); here it
 * becomes global data, pages paginate over its precomputed lists, and filters
 * expose its formatters.
 */
import type { EleventyUserConfig } from "@11ty/eleventy";
import { archiveForBuild, buildOptions, currentArchive, renderBatch, writesSingletons } from "./src/render/buildContext.ts";
import { filters, type Filter } from "./src/render/filters.ts";
import { articleSidebar, latestSidebarJson, resetSharedFragments } from "./src/render/sharedFragments.ts";
import type { Article } from "./src/model/article.ts";
import path from "node:path";
import { ASSETS_DIR, INCLUDES_DIR, PAGES_DIR } from "./src/paths.ts";

/** Pages and files written once per build whatever changed (small; every publication changes the home page anyway). */
export const SINGLETON_PAGES = ["index.njk", "search.njk", "404.njk", "latest.njk", "redirects-netlify.njk", "redirects-nginx.njk", "feed.njk"];

export default function configure(eleventyConfig: EleventyUserConfig): void {
  // Page templates only; articles are data read by the archive model, never templates.
  eleventyConfig.setTemplateFormats(["njk"]);
  eleventyConfig.setIncludesDirectory(path.relative(PAGES_DIR, INCLUDES_DIR));
  // Site data comes from the archive model (which validates _data/*.json), not Eleventy's data folder.
  eleventyConfig.setDataDirectory("_no-eleventy-data");
  eleventyConfig.setUseGitIgnore(false);

  eleventyConfig.addGlobalData("archive", () => archiveForBuild());
  eleventyConfig.addGlobalData("site", () => currentArchive().site);
  eleventyConfig.addGlobalData("render", () => renderBatch());
  // Home, search, 404 and latest.json are written by one render batch only.
  if (!writesSingletons()) {
    for (const page of SINGLETON_PAGES) eleventyConfig.ignores.add(path.join(PAGES_DIR, page));
  }

  // Eleventy warns on the console when one shortcode takes a large share of a small build (the sidebar's
  // first compile does); build times are measured by `npm run bench` instead. Not a public API: guarded.
  const benchmarks = (eleventyConfig as unknown as { benchmarks?: { config?: { setMinimumThresholdMs?: (ms: number) => void } } }).benchmarks;
  benchmarks?.config?.setMinimumThresholdMs?.(0);

  for (const [name, fn] of Object.entries(filters)) eleventyConfig.addFilter(name, fn as Filter);
  eleventyConfig.addShortcode("articleSidebar", (article: Article) => articleSidebar(article));
  eleventyConfig.addShortcode("latestSidebarJson", () => latestSidebarJson());
  eleventyConfig.on("eleventy.before", () => resetSharedFragments());

  eleventyConfig.addPassthroughCopy({ [path.relative(process.cwd(), ASSETS_DIR)]: "assets" });
  eleventyConfig.addWatchTarget(path.join(buildOptions().contentRoot, "articles"));
  eleventyConfig.addWatchTarget(path.join(buildOptions().contentRoot, "_data"));
}
