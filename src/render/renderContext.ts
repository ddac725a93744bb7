/**
 * What one Eleventy run renders: where the archive's content lives, the
 * hosting sub-path, the archive, and which pages this run writes. One object
 * per Eleventy instance, handed to the config function (.eleventy.ts), which
 * gives it to the filters, the shared fragments and the routes: nothing is kept
 * in module state. The build (and the dev server, which runs the build) makes
 * one per render batch around the archive it loaded and validated.
 */
import type { Archive } from "../views/archive.ts";
import { linkedPages } from "../model/pageKinds.ts";
import { LISTING_KINDS, type Listings } from "../views/pageKinds.ts";
import type { ListingPage } from "../model/listingPage.ts";
import { normalizePathPrefix } from "../model/urls.ts";
import type { PhotoInfo } from "../photos/markup.ts";

export interface RenderOptions {
  /** Folder holding `articles/` and `_data/`. */
  contentRoot: string;
  /** Hosting sub-path: `/` or `/some/path/`. */
  pathPrefix: string;
  /**
   * Checked photos by path (src/photos/checkPhotos.ts), whose derivatives the build wrote; without them a photo
   * shows as its alt text.
   */
  photos?: ReadonlyMap<string, PhotoInfo>;
}

/**
 * The pages one Eleventy run writes. A large archive is rendered in batches,
 * each by a fresh Eleventy instance, because Eleventy keeps every rendered page
 * in memory until its run ends (100,000 articles exhaust Node's heap in one run).
 */
export interface RenderBatch {
  articles: Archive["articles"];
  listings: Listings;
  /** Whether this batch writes the kinds marked `once` in src/views/pageKinds.ts (the last batch does). */
  writesOnce: boolean;
}

export interface RenderContext {
  readonly options: RenderOptions;
  /** Whether this run writes the `once` kinds; known at config time, before the archive is loaded. */
  readonly writesOnce: boolean;
  /** Called as each Eleventy build starts: the build's archive (the dev server loads the articles again). */
  startBuild(): Archive;
  /** The archive of the build in progress. */
  archive(): Archive;
  /** The pages this run writes: its batch, or every page. */
  pages(): RenderBatch;
  /** Pages of other kinds a page links to (`linkedFrom` in the registry), by kind. */
  linksFrom(url: string): Record<string, ListingPage[]>;
}

/** The build's context for one batch (or every page, without one), around an archive already loaded and validated. */
export function buildRenderContext(options: RenderOptions, archive: Archive, batch?: RenderBatch): RenderContext {
  return renderContext(options, () => archive, batch);
}

function renderContext(given: RenderOptions, load: () => Archive, batch?: RenderBatch): RenderContext {
  const options = { ...given, pathPrefix: normalizePathPrefix(given.pathPrefix) };
  let current: Archive | undefined;
  let links: Map<string, Record<string, ListingPage[]>> | undefined;
  const startBuild = (): Archive => {
    current = load();
    links = undefined;
    return current;
  };
  const archive = (): Archive => current ?? startBuild();
  return {
    options,
    writesOnce: batch ? batch.writesOnce : true,
    startBuild,
    archive,
    pages: () => batch ?? { articles: archive().articles, listings: archive().listings, writesOnce: true },
    linksFrom(url) {
      links ??= linkedPages(LISTING_KINDS, archive().listings);
      return links.get(url) ?? {};
    },
  };
}
