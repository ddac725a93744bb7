/**
 * What one build is about: where the archive's content lives, the hosting
 * sub-path, and the archive model. The CLI loads and validates the archive
 * before Eleventy starts and hands it over here, so Eleventy never re-reads it;
 * the dev server leaves it unset so every rebuild reloads the articles.
 */
import { loadArchive, type Archive } from "../views/archive.ts";
import { type Listings } from "../views/listings.ts";
import { ArchiveValidationError } from "../model/diagnostics.ts";
import { normalizePathPrefix } from "../model/urls.ts";

export interface BuildOptions {
  /** Folder holding `articles/` and `_data/`. */
  contentRoot: string;
  /** Hosting sub-path: `/` or `/some/path/`. */
  pathPrefix: string;
  /** Dev server: drafts and scheduled articles are shown, with a banner. */
  preview?: boolean;
}

interface BuildState {
  options: BuildOptions;
  preloaded?: Archive;
  current?: Archive;
}

const state: BuildState = { options: { contentRoot: process.cwd(), pathPrefix: "/" } };

export function configureBuild(options: Partial<BuildOptions>, preloaded?: Archive): void {
  state.options = {
    contentRoot: options.contentRoot ?? state.options.contentRoot,
    pathPrefix: normalizePathPrefix(options.pathPrefix ?? state.options.pathPrefix),
    preview: options.preview ?? state.options.preview,
  };
  state.preloaded = preloaded;
  state.current = preloaded;
}

export function buildOptions(): BuildOptions {
  return state.options;
}

/** The archive for the build that is starting: the preloaded one, or a fresh load (dev server). */
export function archiveForBuild(): Archive {
  if (state.preloaded) {
    state.current = state.preloaded;
    return state.preloaded;
  }
  const preview = state.options.preview === true;
  const result = loadArchive(state.options.contentRoot, { includeDrafts: preview, includeFuture: preview });
  if (!result.ok) throw new ArchiveValidationError(result.diagnostics);
  state.current = result.archive;
  return result.archive;
}

/** The archive of the build in progress (filters read sections and settings from it). */
export function currentArchive(): Archive {
  return state.current ?? archiveForBuild();
}

/**
 * The pages one Eleventy run writes. A large archive is rendered in batches,
 * each by a fresh Eleventy instance, because Eleventy keeps every rendered page
 * in memory until its run ends (100,000 articles exhaust Node's heap in one run).
 * Without a batch, a run writes every page.
 */
export interface RenderBatch {
  articles: Archive["articles"];
  listings: Listings;
  /** Home, search and 404 pages: written by one batch only. */
  singletons: boolean;
}

let batch: RenderBatch | undefined;

export function setRenderBatch(next: RenderBatch | undefined): void {
  batch = next;
}

/** Whether this run writes the home, search and 404 pages (asked at config time, without loading the archive). */
export function writesSingletons(): boolean {
  return batch ? batch.singletons : true;
}

export function renderBatch(): RenderBatch {
  if (batch) return batch;
  const archive = currentArchive();
  return { articles: archive.articles, listings: archive.listings, singletons: true };
}
