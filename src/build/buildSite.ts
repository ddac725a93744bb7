/**
 * The production build: validate the archive, render it with Eleventy into a
 * staging folder, index it for search, and only then swap it in for the
 * published folder. A build that fails leaves the previous site as it was.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { loadArchive, type Archive } from "../archive/archive.ts";
import { ArchiveValidationError, type Diagnostic } from "../archive/diagnostics.ts";
import { normalizePathPrefix } from "../archive/urls.ts";
import { configureBuild, setRenderBatch } from "../eleventy/buildContext.ts";
import { planRenderBatches } from "./renderPlan.ts";
import { PAGES_DIR } from "../paths.ts";
import configureEleventy from "../../.eleventy.ts";
import { writeSearchIndex } from "../search/searchIndex.ts";
import { createProgress, type Progress } from "./progress.ts";

export interface BuildSiteOptions {
  /** Folder with `articles/` and `_data/`. Default: the current directory. */
  contentRoot?: string;
  /** Published site folder. Default: `<contentRoot>/_site`. */
  outputDir?: string;
  /** Hosting sub-path, e.g. `/archive/`. Default `/`. */
  pathPrefix?: string;
  /** Pages per Eleventy run (memory bound); default in renderPlan.ts. */
  renderBatchPages?: number;
  /** Called with each stage as it starts. */
  onStage?: (stage: string) => void;
}

export interface BuildReport {
  archive: Archive;
  outputDir: string;
  articles: number;
  drafts: number;
  pagesIndexed: number;
  warnings: Diagnostic[];
  /** Milliseconds per stage, in order. */
  stages: Array<{ name: string; ms: number }>;
}

export async function buildSite(options: BuildSiteOptions = {}): Promise<BuildReport> {
  const contentRoot = path.resolve(options.contentRoot ?? process.cwd());
  const outputDir = path.resolve(options.outputDir ?? path.join(contentRoot, "_site"));
  const pathPrefix = normalizePathPrefix(options.pathPrefix);
  const stages: BuildReport["stages"] = [];
  const stage = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    options.onStage?.(name);
    const start = performance.now();
    const result = await work();
    stages.push({ name, ms: Math.round(performance.now() - start) });
    return result;
  };

  const loaded = await stage("load", () => {
    let progress: Progress | undefined;
    const result = loadArchive(contentRoot, {
      onStart: (files) => (progress = createProgress("load", files)),
      onFile: () => progress?.tick(),
    });
    progress?.done();
    return result;
  });
  if (!loaded.ok) throw new ArchiveValidationError(loaded.diagnostics);
  const archive = loaded.archive;

  // Staging sits beside the output so the final swap is a rename on one file system.
  const staging = `${outputDir}.staging-${process.pid}`;
  removeAbandonedStaging(outputDir);
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    configureBuild({ contentRoot, pathPrefix }, archive);
    // Rendering (Eleventy, in this process) and search indexing (Pagefind, in worker processes) run side by side.
    const searchIndex = stage("search index", async () => {
      const progress = createProgress("search index", archive.articles.length);
      const report = await writeSearchIndex(archive, staging, {
        contentRoot,
        shardSize: archive.site.searchShardSize,
        onRecord: () => progress.tick(),
      });
      progress.done();
      return report;
    });
    const render = stage("render", async () => {
      const batches = planRenderBatches(archive, options.renderBatchPages);
      const progress = createProgress("render", archive.articles.length + archive.sectionPages.length);
      try {
        for (const batch of batches) {
          setRenderBatch(batch);
          const eleventy = new Eleventy(PAGES_DIR, staging, {
            // The config function is passed in, not loaded by path: this works under tsx and vitest alike.
            configPath: "",
            config: configureEleventy,
            pathPrefix,
            quietMode: true,
          });
          eleventy.disableLogger();
          eleventy.setIsVerbose(false);
          await eleventy.write();
          progress.tick(batch.articles.length + batch.sectionPages.length);
        }
      } finally {
        setRenderBatch(undefined);
      }
      progress.done();
    });
    // Wait for both before cleaning up, even when one fails, so nothing writes into a removed folder.
    const [searchResult, renderResult] = await Promise.allSettled([searchIndex, render]);
    if (renderResult.status === "rejected") throw renderResult.reason;
    if (searchResult.status === "rejected") throw searchResult.reason;
    const search = searchResult.value;
    await stage("publish", () => publish(staging, outputDir));
    return {
      archive,
      outputDir,
      articles: archive.articles.length,
      drafts: archive.draftCount,
      pagesIndexed: search.pagesIndexed,
      warnings: archive.diagnostics.filter((d) => d.severity === "warning"),
      stages,
    };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Replaces `outputDir` with the finished `staging` tree: two renames, so the
 * site is never half old, half new. Deleting the old tree (200,000 files for
 * 100,000 articles: a minute and a half here) is left to a background process.
 */
function publish(staging: string, outputDir: string): void {
  const previous = `${outputDir}.previous-${process.pid}-${Date.now()}`;
  const hadPrevious = fs.existsSync(outputDir);
  if (hadPrevious) fs.renameSync(outputDir, previous);
  try {
    fs.renameSync(staging, outputDir);
  } catch (error) {
    if (hadPrevious) fs.renameSync(previous, outputDir);
    throw error;
  }
  if (hadPrevious) removeInBackground(previous);
}

/** Staging folders left by builds that were killed part-way (their process is gone) are removed. */
function removeAbandonedStaging(outputDir: string): void {
  const parent = path.dirname(outputDir);
  const prefix = `${path.basename(outputDir)}.staging-`;
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return;
  }
  for (const name of entries) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (error) {
      alive = (error as NodeJS.ErrnoException).code === "EPERM";
    }
    if (!alive) removeInBackground(path.join(parent, name));
  }
}

function removeInBackground(dir: string): void {
  try {
    const child = spawn("rm", ["-rf", "--", dir], { detached: true, stdio: "ignore" });
    child.on("error", () => fs.rmSync(dir, { recursive: true, force: true }));
    child.unref();
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
