/**
 * `npm start [-- --port 8080] [--host 127.0.0.1] [--pathprefix=/sub/]`: the dev server. Renders the
 * archive into `.cache/dev-site/` (never touching the published `_site/`),
 * processes its photos into `media/` there (with the build's photo cache,
 * `.cache/photos/`), re-indexes search after every rebuild, and live-reloads
 * the browser when an article, a data file or a template changes. Drafts and articles dated in the
 * future are shown with a banner saying so; a production build leaves them out.
 */
import fs from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { eleventyConfigFor } from "../../.eleventy.ts";
import { formatDiagnostic } from "../model/diagnostics.ts";
import { previewRenderContext } from "../render/renderContext.ts";
import { PAGES_DIR } from "../paths.ts";
import { writeSearchIndex } from "../search/searchIndex.ts";
import { DevServer, networkWarning } from "../dev/devServer.ts";
import { openDevServerOutput } from "../publish/outputGuard.ts";
import { checkArchivePhotos, processArchivePhotos } from "../publish/sitePhotos.ts";
import { PHOTO_CACHE_DIR } from "../photos/checkPhotos.ts";
import { parseBuildArgs } from "./args.ts";
import { reportError } from "./reportError.ts";

const args = parseBuildArgs(process.argv.slice(2));
const contentRoot = path.resolve(args.root ?? process.cwd());
const defaultOutput = path.join(contentRoot, ".cache", "dev-site");
// The dev server empties its folder before every rebuild: only a folder of its own, locked (src/publish/outputGuard.ts).
const outputDir = (() => {
  try {
    return openDevServerOutput(args.output ?? defaultOutput, { contentRoot, defaultDir: defaultOutput });
  } catch (error) {
    reportError(error, { publishes: false });
    process.exit(1);
  }
})();
const port = Number(args.port ?? 8080);
// Loopback unless opened deliberately: the dev site shows drafts and embargoed articles.
const host = args.host ?? "127.0.0.1";

// No preloaded archive: each rebuild reads the articles again. Drafts and scheduled articles show, with a banner.
const context = previewRenderContext({ contentRoot, pathPrefix: args.pathprefix ?? "/" });
// The build's photo cache: a photo the build (or an earlier rebuild) has processed is not encoded again.
const photoCacheDir = path.join(contentRoot, PHOTO_CACHE_DIR);

const devServer = new DevServer({ root: outputDir, host, port, pathPrefix: args.pathprefix });

const eleventy = new Eleventy(PAGES_DIR, outputDir, {
  configPath: "",
  pathPrefix: args.pathprefix,
  runMode: "serve",
  quietMode: true,
  config(eleventyConfig) {
    eleventyConfigFor(context)(eleventyConfig);
    // Start each rebuild without last build's files, so a deleted article leaves no stale page or search entry.
    // Folders stay: Eleventy remembers which folders it created and would not create them again.
    // Then the photos, as the build does them (src/publish/sitePhotos.ts) with the same cache: a bad one is reported
    // and shows as its alt text, so the editor sees the page while fixing it.
    eleventyConfig.on("eleventy.before", async () => {
      removeFilesKeepingFolders(outputDir);
      await context.prepare(async (archive) => {
        const checked = await checkArchivePhotos(contentRoot, archive, photoCacheDir);
        for (const d of checked.diagnostics) console.error(formatDiagnostic(d));
        await processArchivePhotos(archive, checked.photos, { contentRoot, cacheDir: photoCacheDir, siteDir: outputDir });
        return checked.photos;
      });
    });
    eleventyConfig.on("eleventy.after", async () => {
      const archive = context.archive();
      for (const d of archive.diagnostics) console.warn(formatDiagnostic(d));
      const search = await writeSearchIndex(archive, outputDir, { contentRoot, shardSize: archive.site.searchShardSize });
      console.log(`Search index: ${search.pagesIndexed} articles.`);
      devServer.reload();
    });
  },
});

function removeFilesKeepingFolders(dir: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) removeFilesKeepingFolders(full);
    else fs.rmSync(full, { force: true });
  }
}

try {
  await eleventy.init();
  await eleventy.watch();
  // Our own server, not eleventy.serve(): see src/dev/devServer.ts for why.
  const url = await devServer.listen().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
  console.log(`Dev server: ${url}`);
  const warning = networkWarning(devServer.boundAddress);
  if (warning) console.warn(warning);
  process.on("SIGINT", () => process.exit(0));
} catch (error) {
  reportError(error, { publishes: false });
  process.exitCode = 1;
}
