/** One render batch written by its own Eleventy instance: what the build does in its process or in a render worker. */
import { eleventyConfigFor } from "../../.eleventy.ts";
import { PAGES_DIR } from "../paths.ts";
import type { Archive } from "../views/archive.ts";
import { buildRenderContext, type RenderBatch, type RenderOptions } from "./renderContext.ts";

export async function renderBatch(siteDir: string, options: RenderOptions, archive: Archive, batch: RenderBatch, onPage?: () => void): Promise<void> {
  const configure = eleventyConfigFor(buildRenderContext(options, archive, batch));
  const { default: Eleventy } = await import("@11ty/eleventy");
  const eleventy = new Eleventy(PAGES_DIR, siteDir, {
    // The config function is passed in, not loaded by path: this works under tsx and vitest alike.
    configPath: "",
    config: (eleventyConfig) => {
      configure(eleventyConfig);
      // Transforms run once per page written: the progress count, the content untouched.
      if (onPage)
        eleventyConfig.addTransform("archive-progress", (content: unknown) => {
          onPage();
          return content;
        });
    },
    pathPrefix: options.pathPrefix,
    quietMode: true,
  });
  eleventy.disableLogger();
  eleventy.setIsVerbose(false);
  await eleventy.write();
}
