/**
 * The production build: validate the archive, render it with Eleventy into a
 * staging folder, index it for search, and only then publish it. A build that
 * fails leaves the previous site as it was.
 *
 * A full build renders everything and swaps the finished tree in for the old
 * one. When the previous build's state (src/publish/buildState.ts) still
 * describes the published site, the build is incremental: it renders only the
 * pages and search shards whose fingerprint changed and applies them as one
 * update (src/publish/siteUpdate.ts). Both produce the same bytes.
 */
import fs from "node:fs";
import path from "node:path";
import { assembled, type Archive } from "../views/archive.ts";
import { withEdits, type EditedArchive } from "../views/editedArchive.ts";
import { type ListingPage } from "../model/listingPage.ts";
import { countListings, emptyListings, type Listings } from "../views/pageKinds.ts";
import type { Article } from "../model/article.ts";
import { ArchiveValidationError, type Diagnostic } from "../model/diagnostics.ts";
import { ASSETS_DIR_NAME, normalizePathPrefix, outputFileFor, SEARCH_DIR } from "../model/urls.ts";
import type { RenderOptions } from "../render/renderContext.ts";
import { DEFAULT_BATCH_PAGES, planRenderBatches } from "../render/renderPlan.ts";
import { missingFilesInBackground } from "./missingFiles.ts";
import { renderBatch } from "../render/renderBatch.ts";
import { renderInWorkers, renderWorkerCount } from "../render/renderWorkers.ts";
import { ASSETS_DIR } from "../paths.ts";
import { writeSearchIndex, writeShardsAhead, type SearchIndexReport } from "../search/searchIndex.ts";
import { planShards, type SearchShard } from "../search/shards.ts";
import { republishSearchProcessCount, searchProcessCount, startShardWorkers, type StartedShardWorkers } from "../search/shardWorkers.ts";
import { createProgress, type Progress } from "./progress.ts";
import { readSourcesInParallel, stampSourcesInBackground, statStamp, type CachedSource, type SourceStats } from "../content/loadSources.ts";
import {
  buildKeys,
  buildStatePath,
  parseCachePath,
  readParseCache,
  writeParseCache,
  inodeOf,
  readBuildState,
  voidBuildState,
  writeBuildState,
  type ArchiveOrigin,
  type BuildKeys,
  type BuildState,
} from "./buildState.ts";
import { SiteStateError } from "./buildErrors.ts";
import { checkBuildOutput, PREVIEW_OUTPUT, resolveOutput } from "./outputGuard.ts";
import { acquireOutputLock } from "./outputLock.ts";
import { pageFingerprints, shardFingerprints, type ArticlePrints, type SitePages } from "./fingerprints.ts";
import { originOf, planEdits, planEditsSinceState, type BuildPlan, type SearchPlan, type SessionModel, type UpdatePlan } from "./buildPlan.ts";
import { commitUpdate, finishPendingUpdate, UPDATE_FILES, type UpdateOperations } from "./siteUpdate.ts";
import { removeInBackground } from "./removeInBackground.ts";
import { archiveListingUrls, writeSitemaps } from "../sitemaps/sitemaps.ts";
import { PHOTO_CACHE_DIR } from "../photos/checkPhotos.ts";
import type { PhotoOutput } from "../photos/processPhotos.ts";
import { checkArchivePhotos, processArchivePhotos } from "./sitePhotos.ts";
import type { PhotoInfo } from "../photos/markup.ts";

export interface BuildSiteOptions {
  /** Folder with `articles/` and `_data/`. Default: the current directory. */
  contentRoot?: string;
  /** Published site folder. Default: `<contentRoot>/_site`, or `<contentRoot>/_site.preview` with `future`. */
  outputDir?: string;
  /** Hosting sub-path, e.g. `/archive/`. Default `/`. */
  pathPrefix?: string;
  /** Pages per Eleventy run (memory bound); default in renderPlan.ts. */
  renderBatchPages?: number;
  /** Render worker processes (0: render in this process); default by the size of the render and the cores (src/render/renderWorkers.ts). */
  renderWorkers?: number;
  /** Called with each stage as it starts. */
  onStage?: (stage: string) => void;
  /** Ignore the previous build's state and rebuild everything. */
  full?: boolean;
  /** Include articles dated in the future (embargoed), marked as scheduled: a preview build. */
  future?: boolean;
  /** The time the build publishes at (default now): articles dated later are held back. */
  now?: number;
  /** Share of changed pages above which a full build is used instead (default 0.5; 1 never falls back; below 0 always renders in full, keeping unchanged search shards: `--render-all`). */
  incrementalLimit?: number;
  /** The photo cache (checks and derivatives), kept between builds. Default: `<contentRoot>/.cache/photos`. */
  photoCacheDir?: string;
  /** Drafts complete enough to preview are included too, with their banner (and embargoed articles, as with `future`): the dev server's site. */
  drafts?: boolean;
  /**
   * What a long-running caller (the dev server) keeps between its builds: parse
   * results by file stamp, so that a build reads only the files that changed.
   */
  session?: BuildSession;
  /** The caller holds the output's lock and has claimed the folder (the dev server, for its whole run). */
  outputLocked?: boolean;
  /** A bad photo is a warning (the page shows its alt text) instead of stopping the build: the dev server, while the editor fixes it. */
  lenientPhotos?: boolean;
  /**
   * Called as soon as the pages are published. With it, an incremental build
   * publishes its pages first and its search shards after, as a second update
   * (the dev server shows a saved edit before search has indexed it).
   */
  onPagesPublished?: () => void;
}

/** See `BuildSiteOptions.session`. */
export interface BuildSession {
  sourceStats: SourceStats;
  /** The parse key the stats were read under: a change of site data or loader code empties them. */
  parseKey?: string;
  /** The state this session's last build published, and the stamp of its file then. */
  published?: { state: BuildState; stamp: string };
  /** Writes the parse cache of the last build, which the session keeps in memory until it calls this. */
  saveParseCache?: () => void;
  /** The last build's archive and plan (unset while a build runs, and after one fails): where the next build starts after edits that keep every article in its place. */
  model?: SessionModel;
  /**
   * The files the session's watcher saw saved, added or removed since the last build (`LoadOptions.savedSince`);
   * undefined: every file's stamp is taken. Set by the session before each build.
   */
  savedSince?: ReadonlySet<string>;
  /** The article files the last load listed: what the session compares a later walk's stamps with (`missedSaves`). */
  listedSources?: ReadonlySet<string>;
}

/** The state the session's last build published, if its file is still the one it wrote (else it is read again). */
function rememberedState(outputDir: string, session: BuildSession | undefined): BuildState | undefined {
  const published = session?.published;
  return published && statStamp(buildStatePath(outputDir)) === published.stamp ? published.state : undefined;
}

/**
 * After publishing: the parse cache of this build's sources. A session (the dev server) writes it when it asks
 * (`saveParseCache` of the session: its own builds read the parse results it keeps in memory), a build right away.
 */
function saveParseCache(outputDir: string, parseKey: string, loaded: LoadedArchive, session: BuildSession | undefined): void {
  const save = (): void => writeParseCache(outputDir, parseKey, loaded.archive.sources, loaded.stats);
  if (session) session.saveParseCache = save;
  else if (!loaded.unchanged()) save();
}

/** After publishing: the state, and what the build's plan was made from (see `SessionModel`), for the session's next build. */
function rememberBuild(outputDir: string, session: BuildSession | undefined, model: SessionModel): void {
  if (!session) return;
  const stamp = statStamp(buildStatePath(outputDir));
  session.published = stamp ? { state: model.state, stamp } : undefined;
  session.model = stamp ? model : undefined;
}

export function newBuildSession(): BuildSession {
  return { sourceStats: new Map() };
}

export interface BuildReport {
  archive: Archive;
  /** The output folder as given. */
  outputDir: string;
  /** The folder written: the same, or the target when the output is a symlink. */
  realOutputDir: string;
  articles: number;
  drafts: number;
  /** `incremental` when only changed pages and shards were written. */
  mode: "full" | "incremental";
  /** Article and listing pages written (besides the fixed pages of the registry, always written). */
  pagesWritten: number;
  /**
   * Pages whose fingerprint this build computed: every article and listing page, or only the edited articles' when
   * a session's build follows edits that keep every article in its place (src/views/editedArchive.ts): those the edits
   * may have changed, and the archive is not assembled again either.
   */
  pagesFingerprinted: number;
  pagesDeleted: number;
  /** Articles indexed for search (in the shards that were written). */
  pagesIndexed: number;
  shardsWritten: number;
  /** Search shards taken unchanged from the published site by a full build (a template change re-indexes nothing). */
  shardsReused: number;
  /** Photos encoded by this build (the others came from the photo cache). */
  photosEncoded: number;
  /** Photos decoded by the photo check (the others' results came from the photo cache). */
  photosDecoded: number;
  /** Render worker processes used (0: the pages were rendered in the build's own process). */
  renderWorkers: number;
  /** Year and listing sitemap files written (an update leaves the unchanged ones as published). */
  sitemapsWritten: number;
  warnings: Diagnostic[];
  /** Milliseconds per stage, in order. */
  stages: Array<{ name: string; ms: number }>;
}

/** Files every Pagefind bundle has: a shard without them is re-indexed. */
const SHARD_ENTRY_FILES = ["pagefind-entry.json", "pagefind.js"];

/** Above this share of changed pages an incremental build is no faster than a full one. */
const INCREMENTAL_LIMIT = 0.5;

export async function buildSite(options: BuildSiteOptions = {}): Promise<BuildReport> {
  const contentRoot = path.resolve(options.contentRoot ?? process.cwd());
  // A preview has its own folder by default: embargoed pages never land in the live site by accident.
  const requested = path.resolve(options.outputDir ?? path.join(contentRoot, options.future ? PREVIEW_OUTPUT : "_site"));
  // Refuses sources, files and parents that cannot be written, before anything is written beside the output.
  const output = resolveOutput(requested, { contentRoot, user: "build" });
  if (options.outputLocked) return { ...(await buildInto(output.dir, contentRoot, options)), outputDir: output.requested };
  const release = acquireOutputLock(output.dir, options.future ? "npm run build -- --future" : "npm run build");
  try {
    // Under the lock, so that no other build changes what is checked.
    checkBuildOutput(output, { contentRoot, preview: Boolean(options.future || options.drafts) });
    return { ...(await buildInto(output.dir, contentRoot, options)), outputDir: output.requested };
  } finally {
    release();
  }
}

/** The build proper, into the real output folder, holding its lock. */
async function buildInto(outputDir: string, contentRoot: string, options: BuildSiteOptions): Promise<BuildReport> {
  // A republish indexes its changed shards in a worker process: started now, it is ready when the pages are.
  const likelyUpdate = !options.full && (options.session?.published !== undefined || fs.existsSync(buildStatePath(outputDir)));
  const searchWorkers = likelyUpdate ? startShardWorkers(1) : undefined;
  try {
    return await buildWith(outputDir, contentRoot, options, searchWorkers);
  } finally {
    searchWorkers?.close();
  }
}

async function buildWith(outputDir: string, contentRoot: string, options: BuildSiteOptions, searchWorkers: StartedShardWorkers | undefined): Promise<BuildReport> {
  const drafts = Boolean(options.drafts);
  const preview = Boolean(options.future) || drafts;
  const pathPrefix = normalizePathPrefix(options.pathPrefix);
  const stages = stageTimer(options.onStage);
  // A build that reads the parse cache stamps the article files in a thread meanwhile.
  const stampsTaken = readsParseCache(options) && fs.existsSync(parseCachePath(outputDir)) ? stampSourcesInBackground(contentRoot) : undefined;

  // A publication a killed build had committed is finished first, so the state matches the site.
  finishPendingUpdate(outputDir);
  restoreInterruptedSwap(outputDir);
  removeAbandonedStaging(outputDir);
  const keys = buildKeys(contentRoot, pathPrefix);
  // The last build's model is this build's start only if this build publishes (a failed build leaves none).
  const model = options.full ? undefined : options.session?.model;
  if (options.session) options.session.model = undefined;
  const remembered = options.full ? undefined : rememberedState(outputDir, options.session);
  const stored = options.full ? undefined : (remembered ?? readBuildState(outputDir));
  // A site with drafts (the dev server's) and one without share no pages.
  const previous = stored && Boolean(stored.drafts) === drafts ? stored : undefined;
  // A state read from disk may describe a folder changed by hand since: its files are checked while the archive loads.
  // A state this process wrote and still finds in place describes its own folder: its pages need no check.
  const missing = previous && !remembered ? missingFilesInBackground(outputDir, publishedFilesOf(previous)) : Promise.resolve(new Set<string>());
  const loaded = await stages.run("load", () => loadForBuild(contentRoot, keys, outputDir, options, model, stampsTaken));
  const { archive } = loaded;
  const photoCacheDir = path.resolve(options.photoCacheDir ?? path.join(contentRoot, PHOTO_CACHE_DIR));
  const photoCheck = await stages.run("photo check", () => checkPhotosForBuild(contentRoot, archive, photoCacheDir, Boolean(options.lenientPhotos)));
  // Staging sits beside the output so that publishing is renames on one file system.
  const staging = `${outputDir}.staging-${process.pid}`;
  // The plan: the search shards first (so that changed ones start indexing), then every page's fingerprint.
  const planStage = stages.begin("plan");
  // After edits that keep every article in its place (the dev server's common saves): the last plan, with the pages
  // and shards that show the edits fingerprinted again.
  const renderAll = (options.incrementalLimit ?? INCREMENTAL_LIMIT) < 0;
  const planFromEdits = model && loaded.edited && !renderAll ? planEdits(model, { ...loaded.edited, now: loaded.now }, keys, photoCheck.photos, previous) : undefined;
  const searchShards = planFromEdits ? { shards: planFromEdits.shards, prints: planFromEdits.shardPrints } : planSearchShards(archive, keys, photoCheck.photos);
  // A republish indexes the shards whose records changed from here on, beside the plan, the sitemaps and the render
  // (not the dev server's, whose search waits for its pages to be published).
  const ahead =
    searchWorkers && previous && !options.onPagesPublished
      ? indexChangedShardsAhead(archive, searchShards, previous, { dir: `${staging}.search`, contentRoot, photos: photoCheck.photos, searchWorkers, stages })
      : undefined;
  // A republish after edits that keep every article in its place: the state's fingerprints, with those of the pages
  // that show the edits made again. Otherwise every page's fingerprint (named: it grows with the archive), compared
  // with the state's.
  const planSinceState = (absent: ReadonlySet<string>): BuildPlan | undefined =>
    previous && loaded.cachedSources && !options.session && !renderAll && previous.outputInode === inodeOf(outputDir)
      ? planEditsSinceState({ archive, before: loaded.cachedSources, previous, keys, photos: photoCheck.photos, search: searchShards, now: loaded.now, missing: absent, incrementalLimit: options.incrementalLimit ?? INCREMENTAL_LIMIT })
      : undefined;
  const plan = await planStage
    .end(
      planFromEdits
        ? Promise.resolve(planFromEdits)
        : missing.then(
            (absent) =>
              planSinceState(absent) ?? planBuild(archive, keys, searchShards, previous, outputDir, options.incrementalLimit ?? INCREMENTAL_LIMIT, photoCheck.photos, absent, options.session ? { last: model?.pages.articlePrints } : undefined),
          ),
    )
    .catch(async (error: unknown) => {
      await dropAhead(ahead);
      throw error;
    });

  const siteDir = plan.incremental ? path.join(staging, UPDATE_FILES) : staging;
  const stateFile = `${staging}.state.json`;
  // Search published after the pages (the dev server): its shards are staged and committed on their own.
  const searchLater = plan.incremental && plan.update && previous && options.onPagesPublished ? { staging: `${staging}-search`, previous, update: plan.update } : undefined;
  const searchDir = searchLater ? path.join(searchLater.staging, UPDATE_FILES) : siteDir;
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    // Before the search index starts: a folder that cannot be made fails here, once, with nothing else running.
    fs.mkdirSync(siteDir, { recursive: true });
    if (searchLater) fs.mkdirSync(searchDir, { recursive: true });
    // Before rendering, into the staging folder: a build that fails later publishes none of them.
    const media = await stages.run("photos", () => processSitePhotos(archive, photoCheck.photos, { contentRoot, photoCacheDir, siteDir, outputDir, plan, previous }));
    // Rendering (Eleventy, in this process or in render workers) and search indexing (Pagefind) run side by side;
    // when the pages are published first (the dev server), search starts after them, not competing for the cores.
    const startSearch = (): Promise<SearchIndexReport> => {
      const index = (): Promise<SearchIndexReport> => indexForSearch(archive, plan, searchDir, contentRoot, photoCheck.photos, outputDir, searchWorkers, ahead);
      return ahead ? ahead.stage(index()) : stages.run("search index", index);
    };
    const searchIndex = searchLater ? undefined : startSearch();
    let generated: string[];
    let state: BuildState;
    let sitemapsWritten = 0;
    let interim: { stateFile: string; shards: Record<string, string>; laterState?: BuildState } | undefined;
    try {
      // While the search worker indexes: sitemaps and the next build's state, so that publishing is only renames.
      // With search published later, also the state between the two updates: new pages, the shards as they still are.
      interim = searchLater && { stateFile: `${stateFile}.pages`, shards: shardsAsPublished(plan, searchLater.previous) };
      ({ generated, state, sitemapsWritten } = await stages.run("sitemaps and state", () =>
        writeSitemapsAndState(archive, plan, { siteDir, outputDir, stateFile, staging, keys, previous, preview, drafts, pathPrefix, now: loaded.now, media: media.files, origin: originOf(archive, photoCheck.photos, loaded.now), interim }),
      ));
    } catch (error) {
      // The search index is still writing into the staging folder: let it finish (its own failure is this one's
      // consequence, not news) before the folder is removed, and never leave its rejection unhandled.
      await searchIndex?.catch(() => undefined);
      throw error;
    }
    const render = stages.run("render", () =>
      renderPages(siteDir, { contentRoot, pathPrefix, photos: photoCheck.photos }, archive, plan.toRender, {
        batchPages: options.renderBatchPages,
        workers: options.renderWorkers,
        // Search indexing keeps its cores busy beside the render, unless it runs after it (or has nothing to index).
        searchCores: !searchLater && plan.toRender.shards.size > 0 ? searchProcesses(plan) : 0,
        // Beside the staging folder (never in the site): a killed build's is removed with its staging folder.
        jobFile: `${staging}.render-job.v8`,
      }),
    );
    if (searchLater) {
      const rendered = await render;
      const search = searchLater;
      await stages.run("publish", () => publishPagesFirst(search.update, { staging, stateFile, outputDir, previous: search.previous, generated }));
      options.onPagesPublished?.();
      const searching = startSearch();
      try {
        // While the search shards are indexed.
        if (interim?.laterState) writeBuildState(stateFile, interim.laterState);
      } catch (error) {
        await searching.catch(() => undefined);
        throw error;
      }
      const searchReport = await searching;
      await stages.run("publish search", () => publishSearchAfter(search.update, { staging: search.staging, stateFile, outputDir }));
      rememberBuild(outputDir, options.session, { archive, keys, photos: photoCheck.photos, search: searchShards, pages: plan.pages, state, now: loaded.now });
      saveParseCache(outputDir, keys.parseKey, loaded, options.session);
      return { ...reportOf(archive, plan, outputDir, searchReport, stages.done), photosEncoded: media.encoded, photosDecoded: photoCheck.decoded, renderWorkers: rendered.workers, sitemapsWritten };
    }
    // Wait for both before cleaning up, even when one fails, so nothing writes into a removed folder.
    const [searchResult, renderResult] = await Promise.allSettled([searchIndex ?? startSearch(), render]);
    if (renderResult.status === "rejected") throw renderResult.reason;
    if (searchResult.status === "rejected") throw searchResult.reason;
    const rendered = renderResult.value;
    await stages.run("publish", () => publishBuild(plan, { staging, stateFile, outputDir, previous, generated, preview }));
    rememberBuild(outputDir, options.session, { archive, keys, photos: photoCheck.photos, search: searchShards, pages: plan.pages, state, now: loaded.now });
    await stages.run("parse cache", () => saveParseCache(outputDir, keys.parseKey, loaded, options.session));
    return { ...reportOf(archive, plan, outputDir, searchResult.value, stages.done), photosEncoded: media.encoded, photosDecoded: photoCheck.decoded, renderWorkers: rendered.workers, sitemapsWritten };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(stateFile, { force: true });
    if (searchLater) {
      fs.rmSync(searchLater.staging, { recursive: true, force: true });
      fs.rmSync(`${stateFile}.pages`, { force: true });
    }
    throw error;
  } finally {
    await dropAhead(ahead);
  }
}

function planSearchShards(archive: Archive, keys: BuildKeys, photos: ReadonlyMap<string, PhotoInfo>): SearchPlan {
  const shards = planShards(archive.articles, archive.site.searchShardSize);
  return { shards, prints: shardFingerprints(shards, keys.searchKey, (path) => photos.get(path)?.hash ?? "") };
}

/** Shards indexed ahead of the plan (see writeShardsAhead), and the "search index" stage they begin. */
interface SearchAhead {
  dir: string;
  ids: Set<string>;
  done: Promise<void>;
  /** The rest of the search index: timed as one stage with the shards indexed ahead. */
  stage<T>(rest: Promise<T>): Promise<T>;
}

/** Waits for the shards indexed ahead (a failure of theirs is the build's, reported by the search stage) and removes their folder. */
async function dropAhead(ahead: SearchAhead | undefined): Promise<void> {
  if (!ahead) return;
  await ahead.done.catch(() => undefined);
  fs.rmSync(ahead.dir, { recursive: true, force: true });
}

/**
 * Starts indexing the shards whose fingerprint differs from the previous state's (none: undefined). Whatever the
 * plan turns out to be (an update, or a full render after a template change), those shards are indexed again, and
 * their bundles depend on their records and the search code only, which their fingerprints cover.
 */
function indexChangedShardsAhead(
  archive: Archive,
  search: SearchPlan,
  previous: BuildState,
  at: { dir: string; contentRoot: string; photos: ReadonlyMap<string, PhotoInfo>; searchWorkers: StartedShardWorkers; stages: ReturnType<typeof stageTimer> },
): SearchAhead | undefined {
  const changed = search.shards.filter((shard) => previous.shards[shard.id] !== search.prints.get(shard.id));
  if (changed.length === 0) return undefined;
  const progress = createProgress("search index", changed.reduce((n, s) => n + s.articles.length, 0));
  const stage = at.stages.begin("search index");
  fs.rmSync(at.dir, { recursive: true, force: true });
  const done = writeShardsAhead(archive, changed, at.dir, {
    contentRoot: at.contentRoot,
    photos: at.photos,
    parallel: republishSearchProcessCount(),
    startedWorkers: at.searchWorkers,
    onRecord: () => progress.tick(),
  }).then(() => progress.done());
  // Awaited by the search stage (or, when the build fails first, before its folder is removed).
  done.catch(() => undefined);
  return { dir: at.dir, ids: new Set(changed.map((s) => s.id)), done, stage: (rest) => stage.end(rest) };
}

/**
 * The shard fingerprints of a site whose pages are new and whose search is
 * not yet: the shards being indexed keep their old fingerprint (or none), so
 * that a build killed between the two updates indexes them again.
 */
function shardsAsPublished(plan: BuildPlan, previous: BuildState): Record<string, string> {
  const shards: Record<string, string> = { ...previous.shards };
  for (const [id, fingerprint] of plan.shardPrints) if (!plan.toRender.shards.has(id)) shards[id] = fingerprint;
  return shards;
}

/** The first of two updates: the pages (and feeds, sitemaps, photos), with the state that says search is not yet updated. */
function publishPagesFirst(update: UpdatePlan, at: { staging: string; stateFile: string; outputDir: string; previous: BuildState; generated: string[] }): void {
  const stillGenerated = new Set(at.generated);
  const operations: UpdateOperations = {
    replaceDirs: [],
    deleteFiles: [...update.operations.deleteFiles, ...(at.previous.generated ?? []).filter((file) => !stillGenerated.has(file))],
    deleteDirs: [],
  };
  fs.writeFileSync(path.join(at.staging, "update.json"), JSON.stringify(operations));
  fs.renameSync(`${at.stateFile}.pages`, path.join(at.staging, "state.json"));
  commitUpdate(at.staging, at.outputDir);
}

/** The second update: the search shards indexed while the pages were published, and the build's final state. */
function publishSearchAfter(update: UpdatePlan, at: { staging: string; stateFile: string; outputDir: string }): void {
  const operations: UpdateOperations = { replaceDirs: update.operations.replaceDirs, deleteFiles: [], deleteDirs: update.operations.deleteDirs };
  fs.writeFileSync(path.join(at.staging, "update.json"), JSON.stringify(operations));
  fs.renameSync(at.stateFile, path.join(at.staging, "state.json"));
  commitUpdate(at.staging, at.outputDir);
}

/** Runs named stages, telling `onStage` as each starts, and keeps their times in order. */
function stageTimer(onStage: ((stage: string) => void) | undefined) {
  const done: BuildReport["stages"] = [];
  /** A stage whose work starts now and ends with a promise given later (`end`). */
  const begin = (name: string) => {
    onStage?.(name);
    const start = performance.now();
    return {
      end: async <T>(work: Promise<T>): Promise<T> => {
        const result = await work;
        done.push({ name, ms: Math.round(performance.now() - start) });
        return result;
      },
    };
  };
  return {
    done,
    begin,
    run: <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
      const stage = begin(name);
      return stage.end((async () => work())());
    },
  };
}

interface LoadedArchive {
  archive: Archive;
  /** The time the sources were read at: what is published by then, and the news sitemap's window. */
  now: number;
  /** Set when the archive was made from the session's last one, after edits that keep every article in its place (src/views/editedArchive.ts). */
  edited?: EditedArchive;
  /** The parse cache as read: the last build's sources, when it is current (see planEditsSinceState). */
  cachedSources?: ReadonlyMap<string, CachedSource>;
  /** The stamps of the files read (the session's, or this build's): written with the parse cache. */
  stats: SourceStats;
  /** Whether every source and stamp is the one the parse cache held: nothing to write. */
  unchanged(): boolean;
}

/**
 * Whether the load reads the parse cache: not with `--full`, nor on a dev server's save (its session has the stamps
 * and parse results of its last build). Asked before the load (to stamp the files meanwhile) and by it.
 */
function readsParseCache(options: BuildSiteOptions): boolean {
  return !options.full && !options.session?.sourceStats.size;
}

/**
 * The archive, read again only where a file's stamp changed since the parse cache (the session's own in the dev
 * server) and parsed again only where its content hash did; throws its errors. `--full` reads and parses everything.
 */
async function loadForBuild(
  contentRoot: string,
  keys: BuildKeys,
  outputDir: string,
  options: BuildSiteOptions,
  model: SessionModel | undefined,
  stampsTaken: Promise<ReadonlyMap<string, string>> | undefined,
): Promise<LoadedArchive> {
  let progress: Progress | undefined;
  const { session } = options;
  // Parse results in memory are the parse key's: site data or loader code edited since, and every file is read again.
  if (session && session.parseKey !== keys.parseKey) {
    session.sourceStats.clear();
    session.parseKey = keys.parseKey;
  }
  const cached = readsParseCache(options) ? readParseCache(outputDir, keys.parseKey) : undefined;
  const stats: SourceStats = session?.sourceStats ?? new Map();
  if (cached && stats.size === 0) for (const [sourcePath, known] of cached.stats) stats.set(sourcePath, known);
  const loadOptions = {
    onStart: (files: number) => (progress = createProgress("load", files)),
    onFile: () => progress?.tick(),
    cache: cached?.sources,
    now: options.now ?? Date.now(),
    includeFuture: options.future || options.drafts,
    includeDrafts: options.drafts,
    sourceStats: stats,
    ...(stampsTaken ? { stampsTaken } : {}),
    ...(session?.savedSince ? { savedSince: session.savedSince } : {}),
  };
  const read = await readSourcesInParallel(contentRoot, loadOptions);
  if (session && read.ok) session.listedSources = new Set(read.setup.files);
  progress?.done();
  // After edits that keep every article in its place, the last archive with the edited articles in it; else the archive is assembled.
  const edited = model && model.keys.parseKey === keys.parseKey && read.ok ? withEdits(model.archive, read, loadOptions) : undefined;
  const loaded = edited ? { ok: true as const, archive: edited.archive } : assembled(read, loadOptions);
  if (!loaded.ok) throw new ArchiveValidationError(loaded.diagnostics);
  const { archive } = loaded;
  const unchanged = (): boolean =>
    cached !== undefined &&
    cached.sources.size === archive.sources.size &&
    [...archive.sources].every(([sourcePath, source]) => cached.sources.get(sourcePath) === source && cached.stats.get(sourcePath)?.stamp === stats.get(sourcePath)?.stamp);
  return { archive, now: loadOptions.now, ...(edited ? { edited } : {}), ...(cached ? { cachedSources: cached.sources } : {}), stats, unchanged };
}

/** The photo check of src/publish/sitePhotos.ts; a bad photo stops the build (with the archive's warnings, as the load's errors are). */
async function checkPhotosForBuild(contentRoot: string, archive: Archive, cacheDir: string, lenient: boolean): Promise<{ photos: Map<string, PhotoInfo>; decoded: number }> {
  const checked = await checkArchivePhotos(contentRoot, archive, cacheDir);
  // Lenient (the dev server): reported with the archive's warnings; a photo left out of `photos` shows as its alt text.
  if (lenient) archive.diagnostics.push(...checked.diagnostics.map((d) => ({ ...d, severity: "warning" as const })));
  else if (checked.diagnostics.length > 0) throw new ArchiveValidationError([...archive.diagnostics.filter((d) => d.severity === "warning"), ...checked.diagnostics]);
  return { photos: checked.photos, decoded: checked.decoded };
}

/** The derivatives of the photos of the articles this build publishes; an update copies only those the site lacks. */
function processSitePhotos(
  archive: Archive,
  checked: ReadonlyMap<string, PhotoInfo>,
  at: { contentRoot: string; photoCacheDir: string; siteDir: string; outputDir: string; plan: BuildPlan; previous?: BuildState },
): Promise<PhotoOutput> {
  return processArchivePhotos(archive, checked, {
    contentRoot: at.contentRoot,
    cacheDir: at.photoCacheDir,
    siteDir: at.siteDir,
    published: at.plan.incremental ? { outputDir: at.outputDir, generated: new Set(at.previous?.generated ?? []) } : undefined,
  });
}

function planBuild(
  archive: Archive,
  keys: BuildKeys,
  search: SearchPlan,
  previous: BuildState | undefined,
  outputDir: string,
  incrementalLimit: number,
  photos: ReadonlyMap<string, PhotoInfo>,
  missing: ReadonlySet<string>,
  /** A dev-server session's: the prints of its last build, whose article pages with the same inputs keep theirs. */
  prints: { last: ArticlePrints | undefined } | undefined,
): BuildPlan {
  const { shards, prints: shardPrints } = search;
  const pages = pageFingerprints(archive, keys.renderKey, (path) => photos.get(path)?.hash ?? "", prints);
  const ours = previous !== undefined && previous.outputInode === inodeOf(outputDir);
  const canUpdate = ours && previous.renderKey === keys.renderKey;
  const update = canUpdate ? planUpdate(previous, pages, shardPrints, missing) : undefined;
  const incremental = update !== undefined && update.articles.length + countListings(update.listings) <= incrementalLimit * pages.fingerprints.size;
  const fingerprinted = pages.fingerprints.size;
  if (incremental && update) return { shards, pages, shardPrints, incremental, update, toRender: update, fingerprinted };
  // A full render (a template changed, say) still keeps the published site's search shards whose records did not change.
  const published = (id: string): boolean => SHARD_ENTRY_FILES.every((file) => fs.existsSync(path.join(outputDir, SEARCH_DIR, id, file)));
  const reusedShards = new Set(ours ? shards.filter((s) => previous.shards[s.id] === shardPrints.get(s.id) && published(s.id)).map((s) => s.id) : []);
  const toRender = { articles: archive.articles, listings: archive.listings, shards: new Set(shards.map((s) => s.id).filter((id) => !reusedShards.has(id))) };
  return { shards, pages, shardPrints, incremental, toRender, reusedShards, fingerprinted };
}

/** Pagefind processes at once: a republish renders little, so two cores can index (the few shards of the changed periods). */
function searchProcesses(plan: BuildPlan): number {
  return plan.incremental ? republishSearchProcessCount() : searchProcessCount();
}

async function indexForSearch(
  archive: Archive,
  plan: BuildPlan,
  siteDir: string,
  contentRoot: string,
  photos: ReadonlyMap<string, PhotoInfo>,
  outputDir: string,
  startedWorkers: StartedShardWorkers | undefined,
  ahead: SearchAhead | undefined,
): Promise<SearchIndexReport> {
  if (ahead) await ahead.done;
  const prebuilt = ahead ? { fromDir: path.join(ahead.dir, SEARCH_DIR), ids: ahead.ids } : undefined;
  const total = plan.shards.reduce((n, s) => n + (plan.toRender.shards.has(s.id) && !prebuilt?.ids.has(s.id) ? s.articles.length : 0), 0);
  const progress = createProgress("search index", total);
  const report = await writeSearchIndex(archive, siteDir, {
    contentRoot,
    shardSize: archive.site.searchShardSize,
    shards: plan.shards,
    only: plan.toRender.shards,
    ...(plan.reusedShards && plan.reusedShards.size > 0 ? { reuse: { fromDir: path.join(outputDir, SEARCH_DIR), ids: plan.reusedShards } } : {}),
    parallel: searchProcesses(plan),
    inWorkers: plan.incremental,
    ...(startedWorkers ? { startedWorkers } : {}),
    ...(prebuilt ? { prebuilt } : {}),
    onRecord: () => progress.tick(),
    photos,
  });
  progress.done();
  return report;
}

/** Sitemaps (small, from the whole archive, written by every build) and the next build's state; returns the generated files. */
function writeSitemapsAndState(
  archive: Archive,
  plan: BuildPlan,
  at: {
    siteDir: string;
    /** The published site an update applies to (its unchanged sitemaps are kept). */
    outputDir: string;
    stateFile: string;
    staging: string;
    keys: BuildKeys;
    previous?: BuildState;
    preview: boolean;
    drafts: boolean;
    pathPrefix: string;
    /** The time the archive was read at (the news sitemap's window). */
    now: number;
    media: string[];
    /** What the archive was made from (see planEditsSinceState). */
    origin: ArchiveOrigin;
    /** Also the state between the pages and the search (see shardsAsPublished), when they are published apart. */
    interim?: { stateFile: string; shards: Record<string, string>; laterState?: BuildState };
  },
): { generated: string[]; state: BuildState; sitemapsWritten: number } {
  // After edits that keep every article in its place, every sitemap (and feed and photo) is as published, unless the news
  // sitemap changed (see planEdits).
  const asPublished = plan.sitemapsAsPublished && at.previous ? at.previous : undefined;
  // An update leaves the year and listing sitemaps whose URLs and dates are as published; a full build writes all.
  const unchanged = plan.incremental && at.previous?.sitemaps ? { fingerprints: at.previous.sitemaps, publishedDir: at.outputDir } : undefined;
  const sitemaps = asPublished
    ? { files: [], fingerprints: asPublished.sitemaps ?? {}, kept: Object.keys(asPublished.sitemaps ?? {}).length }
    : writeSitemaps(archive, at.siteDir, {
        pathPrefix: at.pathPrefix,
        nowMillis: at.now,
        listingUrls: archiveListingUrls(archive),
        key: at.keys.renderKey,
        ...(unchanged ? { unchanged } : {}),
      });
  // Photo derivatives too: those of a removed article (or a replaced photo) are deleted by the next update.
  const generated = asPublished ? [...(asPublished.generated ?? [])] : [...archive.feeds.map((feed) => outputFileFor(feed.url)), ...sitemaps.files, ...at.media].sort();
  const state: BuildState = {
    version: 1,
    parseKey: at.keys.parseKey,
    renderKey: at.keys.renderKey,
    // An update keeps the published folder; a full build's staging folder becomes it (a rename keeps the inode).
    outputInode: plan.incremental && at.previous ? at.previous.outputInode : (inodeOf(at.staging) ?? 0),
    preview: at.preview,
    ...(at.drafts ? { drafts: true } : {}),
    pages: Object.fromEntries(plan.pages.fingerprints),
    shards: Object.fromEntries(plan.shardPrints),
    generated,
    sitemaps: sitemaps.fingerprints,
    madeFrom: at.origin,
  };
  // With an interim state, the final one is written later, off the path to the pages (see `laterState`).
  if (at.interim) {
    writeBuildState(at.interim.stateFile, { ...state, shards: at.interim.shards });
    at.interim.laterState = state;
  } else writeBuildState(at.stateFile, state);
  return { generated, state, sitemapsWritten: Object.keys(sitemaps.fingerprints).length - sitemaps.kept };
}

/** Applies an update after its commit point, or swaps the finished tree in; then the new state takes the old one's place. */
function publishBuild(
  plan: BuildPlan,
  at: { staging: string; stateFile: string; outputDir: string; previous?: BuildState; generated: string[]; preview: boolean },
): void {
  const { update } = plan;
  if (update && at.previous) {
    const stillGenerated = new Set(at.generated);
    update.operations.deleteFiles.push(...(at.previous.generated ?? []).filter((file) => !stillGenerated.has(file)));
    fs.writeFileSync(path.join(at.staging, "update.json"), JSON.stringify(update.operations));
    fs.renameSync(at.stateFile, path.join(at.staging, "state.json"));
    commitUpdate(at.staging, at.outputDir);
    return;
  }
  // The old state describes the old tree: voided before the swap, so a kill in between means a full build next
  // time (the void state still marks the folder as the build's own).
  voidBuildState(at.outputDir, at.preview);
  publish(at.staging, at.outputDir);
  try {
    fs.renameSync(at.stateFile, buildStatePath(at.outputDir));
  } catch (error) {
    throw new SiteStateError(
      `The new site is published, but its build state could not be saved: ${error instanceof Error ? error.message : String(error)}`,
      `The site in ${at.outputDir} is the new one, complete. The next build rebuilds everything, since it has no state to compare with.`,
    );
  }
}

function reportOf(archive: Archive, plan: BuildPlan, outputDir: string, search: SearchIndexReport, stages: BuildReport["stages"]): Omit<BuildReport, "photosEncoded" | "photosDecoded" | "renderWorkers" | "sitemapsWritten"> {
  return {
    archive,
    outputDir,
    realOutputDir: outputDir,
    articles: archive.articles.length,
    drafts: archive.draftCount,
    mode: plan.incremental ? "incremental" : "full",
    pagesWritten: plan.toRender.articles.length + countListings(plan.toRender.listings),
    pagesFingerprinted: plan.fingerprinted,
    pagesDeleted: plan.update ? plan.update.operations.deleteFiles.length : 0,
    pagesIndexed: search.pagesIndexed,
    shardsWritten: search.shards,
    shardsReused: search.shardsReused ?? 0,
    warnings: archive.diagnostics.filter((d) => d.severity === "warning"),
    stages,
  };
}

/**
 * Renders the pages in batches, each by its own Eleventy instance with its own render context: in worker processes
 * when the render is large enough to gain from the cores (src/render/renderWorkers.ts), else in this process.
 */
async function renderPages(
  siteDir: string,
  options: RenderOptions,
  archive: Archive,
  pages: { articles: Article[]; listings: Listings },
  at: { batchPages?: number; searchCores: number; workers?: number; jobFile: string },
): Promise<{ workers: number }> {
  const total = pages.articles.length + countListings(pages.listings);
  const progress = createProgress("render", total);
  // The pages of the `once` kinds (home, feeds...) are counted by the transform too: the count stops at the total.
  let counted = 0;
  const onPages = (count: number): void => {
    const add = Math.min(count, total - counted);
    counted += add;
    if (add > 0) progress.tick(add);
  };
  // Copied here, not by Eleventy's passthrough, so that nothing is still writing when a failed render is cleaned up.
  fs.cpSync(ASSETS_DIR, path.join(siteDir, ASSETS_DIR_NAME), { recursive: true });
  const workers = at.workers ?? renderWorkerCount(total, at.searchCores);
  const pagesPerBatch = at.batchPages ?? DEFAULT_BATCH_PAGES;
  // In workers, smaller batches where the render is small: with several batches each the workers finish close together.
  const batchPages = workers > 1 ? Math.min(pagesPerBatch, Math.max(500, Math.ceil(total / (workers * 4)))) : pagesPerBatch;
  const batches = planRenderBatches(pages.articles, pages.listings, batchPages);
  if (workers > 0) {
    await renderInWorkers({ siteDir, options, archive: { ...archive, sources: new Map(), diagnostics: [] }, batches }, workers, onPages, at.jobFile);
  } else {
    for (const batch of batches) await renderBatch(siteDir, options, archive, batch, () => onPages(1));
  }
  progress.done();
  return { workers };
}

/**
 * The files of a published site whose absence a republish notices: every page and each shard's entry files
 * (`planUpdate` writes them again), and the generated files (feeds, sitemaps, photo derivatives: with one missing,
 * the plan is not made from the state, whose sitemaps would stay as published, and the sitemap and photo stages
 * write what the site lacks).
 */
function publishedFilesOf(state: BuildState): string[] {
  const files = [...Object.keys(state.pages), ...(state.generated ?? [])];
  for (const id of Object.keys(state.shards)) for (const name of SHARD_ENTRY_FILES) files.push(`${SEARCH_DIR}/${id}/${name}`);
  return files;
}

/**
 * What differs between the published site (its state) and the site this
 * archive makes. A page or shard the state lists but the site lacks (deleted
 * by hand: `missing`, from `publishedFilesOf`) counts as changed, so it is written again.
 */
function planUpdate(previous: BuildState, pages: SitePages, shardPrints: Map<string, string>, missing: ReadonlySet<string>): UpdatePlan {
  const articles: Article[] = [];
  const listings = emptyListings();
  const published = (file: string): boolean => !missing.has(file);
  for (const [file, fingerprint] of pages.fingerprints) {
    if (previous.pages[file] === fingerprint && published(file)) continue;
    const article = pages.articleByFile.get(file);
    if (article) articles.push(article);
    else {
      const listing = pages.listingByFile.get(file) as { kind: keyof Listings; page: ListingPage };
      (listings[listing.kind] as ListingPage[]).push(listing.page);
    }
  }
  const deleteFiles = Object.keys(previous.pages).filter((file) => !pages.fingerprints.has(file));
  const shards = new Set<string>();
  const shardDir = (id: string): string => `${SEARCH_DIR}/${id}`;
  // A shard is whole when its entry file and runtime are there (the rest of it is not checked: that would be a stat per article).
  const shardPublished = (id: string): boolean => SHARD_ENTRY_FILES.every((name) => published(`${shardDir(id)}/${name}`));
  for (const [id, fingerprint] of shardPrints) if (previous.shards[id] !== fingerprint || !shardPublished(id)) shards.add(id);
  return {
    articles,
    listings,
    shards,
    operations: {
      replaceDirs: [...shards].map(shardDir),
      deleteFiles,
      deleteDirs: Object.keys(previous.shards).filter((id) => !shardPrints.has(id)).map(shardDir),
    },
  };
}

/**
 * Replaces `outputDir` with the finished `staging` tree: two renames, so the
 * site is never half old, half new. Deleting the old tree (200,000 files for
 * 100,000 articles, longer than a republish) is left to a background process.
 */
function publish(staging: string, outputDir: string): void {
  const previous = `${outputDir}.previous-${process.pid}-${Date.now()}`;
  const hadPrevious = fs.existsSync(outputDir);
  if (hadPrevious) fs.renameSync(outputDir, previous);
  try {
    fs.renameSync(staging, outputDir);
  } catch (error) {
    if (!hadPrevious) throw error;
    try {
      fs.renameSync(previous, outputDir);
    } catch {
      throw new SiteStateError(
        `Publishing failed between the two renames of the swap: ${error instanceof Error ? error.message : String(error)}`,
        `There is no site in ${outputDir} now: the previous one is in ${previous}, and the next build puts it back before anything else.`,
      );
    }
    throw error;
  }
  if (hadPrevious) removeInBackground(previous);
}

/**
 * A full build killed between the two renames of its swap leaves no site, and
 * the previous tree beside it under its `.previous-` name: it is put back.
 */
function restoreInterruptedSwap(outputDir: string): void {
  if (fs.existsSync(outputDir)) return;
  const prefix = `${path.basename(outputDir)}.previous-`;
  let names: string[] = [];
  try {
    names = fs.readdirSync(path.dirname(outputDir)).filter((name) => name.startsWith(prefix));
  } catch {
    return;
  }
  // Named `<site>.previous-<pid>-<time>`: the newest is the one the killed build moved away.
  const newest = names.sort((a, b) => Number(a.split("-").pop()) - Number(b.split("-").pop())).pop();
  if (newest) fs.renameSync(path.join(path.dirname(outputDir), newest), outputDir);
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
    // `<site>.staging-<pid>` and its `<site>.staging-<pid>.state.json`.
    const pid = Number.parseInt(name.slice(prefix.length), 10);
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
