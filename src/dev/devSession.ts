/**
 * The dev server's builds: the production build engine (src/publish/buildSite.ts)
 * run again on every save, into the dev server's own folder, with drafts and
 * embargoed articles shown under their banner. The first build renders what
 * the folder lacks (everything on a first start, nothing that has not changed
 * since the last run); each later one is an incremental build that reads only
 * the files whose stamp changed, renders only the pages the change touches, in
 * the build's batches, and publishes them before it re-indexes the search
 * shards. No page is held in memory beyond its render batch.
 *
 * Saves during a build are not lost: they start one more build when it ends.
 * A build that fails (an error in an article) leaves the site as it was, and
 * the next save tries again.
 */
import path from "node:path";
import chokidar, { type FSWatcher } from "chokidar";
import { ArchiveValidationError, causeOf, formatDiagnostic, showInvisible } from "../model/diagnostics.ts";
import { buildSite, newBuildSession, type BuildReport } from "../publish/buildSite.ts";
import { ASSETS_DIR, INCLUDES_DIR, PROJECT_ROOT } from "../paths.ts";
import { missedSaves, stampSourcesInBackground } from "../content/loadSources.ts";

export interface DevSessionOptions {
  contentRoot: string;
  /** The dev server's folder, locked and claimed by the caller (src/publish/outputGuard.ts). */
  outputDir: string;
  pathPrefix: string;
  /** The pages of a build are published: open pages should reload. */
  onPublished: () => void;
  /** Where messages go (default: the console). */
  log?: (line: string) => void;
  error?: (line: string) => void;
  /** Waits this long after a save for more saves before building (default 80 ms). */
  settleMs?: number;
}

/** What a save touched, for the log line. */
function describe(changed: readonly string[]): string {
  if (changed.length === 0) return "start";
  const shown = changed.slice(0, 3).join(", ");
  return changed.length > 3 ? `${shown} and ${changed.length - 3} more` : shown;
}

/** An error and its causes (Eleventy wraps a template's error several deep, under `originalError`). */
function causeChain(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current !== undefined && parts.length < 10) {
    parts.push(showInvisible(current instanceof Error ? current.message : String(current)));
    current = causeOf(current);
  }
  return parts.join(": caused by: ");
}

/** Quiet time after a save before the parse cache file is written (see `#saveParseCache`). */
const PARSE_CACHE_DELAY_MS = 3000;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export class DevSession {
  readonly #options: DevSessionOptions;
  readonly #session = newBuildSession();
  #cacheTimer: NodeJS.Timeout | undefined;
  #cacheSaved = false;
  readonly #log: (line: string) => void;
  readonly #error: (line: string) => void;
  #running: Promise<void> | undefined;
  #changed = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #codeChanged: string | undefined;
  #shownWarnings = new Set<string>();
  #watcher: FSWatcher | undefined;
  /** Resolved when no build runs and none is waiting (tests, and the bench, wait on it). */
  #idle: Array<() => void> = [];
  /**
   * Whether the next build may take the watcher's word for which article files changed (`BuildSession.savedSince`):
   * not before a build has stamped every file, nor after the watcher failed or a check of the stamps could not run.
   */
  #trustWatcher = false;
  /** Builds started so far: a check of the stamps made while another build ran is stale. */
  #builds = 0;
  /** The check of every stamp after a build that took the watcher's word (`#checkStamps`). */
  #checking: Promise<void> | undefined;
  /** The last build's report (undefined until one has succeeded). */
  lastReport: BuildReport | undefined;

  constructor(options: DevSessionOptions) {
    this.#options = options;
    this.#log = options.log ?? ((line) => console.log(line));
    this.#error = options.error ?? ((line) => console.error(line));
  }

  /** Builds now (or once the build in progress ends); resolves when the site is up to date. */
  build(): Promise<void> {
    this.#schedule(0);
    return this.idle();
  }

  /** Resolves once no build is running or waiting, and the check of the stamps after the last one is done. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.#running || this.#timer) await new Promise<void>((resolve) => this.#idle.push(resolve));
      else if (this.#checking) await this.#checking;
      else return;
    }
  }

  /**
   * Watches the archive (articles, photos, site data) and the templates and
   * stylesheet. A change of the tool's own code is not picked up by a running
   * process: it is reported, and builds stop until the server is restarted.
   */
  watch(): FSWatcher {
    const { contentRoot, outputDir } = this.#options;
    const watched = [path.join(contentRoot, "articles"), path.join(contentRoot, "_data"), INCLUDES_DIR, ASSETS_DIR, path.join(PROJECT_ROOT, "src"), path.join(PROJECT_ROOT, ".eleventy.ts")];
    const watcher = chokidar.watch(watched, {
      ignoreInitial: true,
      // Editors' swap and backup files, and the dev site itself (under .cache/ by default).
      ignored: (file: string) => /(^|[/\\])\.[^/\\]*\.sw.$|~$/.test(file) || file === outputDir || file.startsWith(`${outputDir}${path.sep}`),
    });
    for (const event of ["add", "change", "unlink", "addDir", "unlinkDir"] as const) {
      watcher.on(event, (file: string) => this.#onChange(file));
    }
    watcher.on("error", (error: unknown) => {
      // Saves may go unseen: the next build takes every file's stamp.
      this.#trustWatcher = false;
      this.#error(`Dev server: watching files failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.#watcher = watcher;
    return watcher;
  }

  async close(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#watcher?.close();
    await this.#running;
    await this.#checking;
    this.#saveParseCache();
  }

  /**
   * The parse cache file (what a restart reads instead of parsing every file again) is written after the first
   * build, then once saves pause for a few seconds, and on close: off the path from a save to its page. A server
   * killed before then leaves the older cache, whose entries are used only for files that did not change.
   */
  #saveParseCache(): void {
    clearTimeout(this.#cacheTimer);
    this.#cacheTimer = undefined;
    const save = this.#session.saveParseCache;
    this.#session.saveParseCache = undefined;
    save?.();
  }

  #scheduleParseCache(): void {
    clearTimeout(this.#cacheTimer);
    if (!this.#session.saveParseCache) return;
    if (!this.#cacheSaved) {
      this.#cacheSaved = true;
      this.#saveParseCache();
      return;
    }
    this.#cacheTimer = setTimeout(() => this.#saveParseCache(), PARSE_CACHE_DELAY_MS);
    this.#cacheTimer.unref();
  }

  #onChange(file: string): void {
    const relative = path.relative(PROJECT_ROOT, file);
    const isCode = !relative.startsWith("..") && !path.isAbsolute(relative) && /\.(ts|js|mjs|cjs)$/.test(file) && !file.startsWith(ASSETS_DIR + path.sep);
    if (isCode) {
      if (!this.#codeChanged) {
        this.#codeChanged = relative;
        this.#error(
          `Dev server: ${relative} changed. The server runs the code it started with, so it does not build with the change: ` +
            "restart `npm start` to use it. Until then saves are not built.",
        );
      }
      return;
    }
    this.#changed.add(path.relative(this.#options.contentRoot, file).startsWith("..") ? relative : path.relative(this.#options.contentRoot, file));
    this.#schedule(this.#options.settleMs ?? 80);
  }

  #schedule(delay: number): void {
    if (this.#codeChanged) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      // A build in progress finishes first; the saves since then start the next one.
      if (this.#running) return;
      clearTimeout(this.#cacheTimer);
      this.#running = this.#runBuilds().finally(() => {
        this.#running = undefined;
        this.#scheduleParseCache();
        if (!this.#timer) for (const resolve of this.#idle.splice(0)) resolve();
      });
    }, delay);
  }

  async #runBuilds(): Promise<void> {
    do {
      const changed = [...this.#changed].sort();
      this.#changed.clear();
      await this.#buildOnce(changed);
    } while (this.#changed.size > 0 && !this.#codeChanged);
  }

  async #buildOnce(changed: readonly string[]): Promise<void> {
    const { contentRoot, outputDir, pathPrefix } = this.#options;
    const start = performance.now();
    // The watcher's word for what changed, checked after the build (`#checkStamps`); else every file's stamp is taken.
    const trusted = this.#trustWatcher;
    this.#session.savedSince = trusted ? new Set(changed.map((file) => file.split(path.sep).join("/"))) : undefined;
    this.#builds++;
    const listedBefore = this.#session.listedSources;
    let pagesShown = false;
    let pagesAt = 0;
    const showPages = (): void => {
      pagesShown = true;
      pagesAt = performance.now() - start;
      this.#options.onPublished();
    };
    try {
      const report = await buildSite({
        contentRoot,
        outputDir,
        pathPrefix,
        drafts: true,
        lenientPhotos: true,
        outputLocked: true,
        session: this.#session,
        onPagesPublished: showPages,
      });
      if (!pagesShown) showPages();
      this.lastReport = report;
      this.#afterLoad(trusted, this.#session.listedSources !== listedBefore);
      this.#showWarnings(report);
      const search = report.shardsWritten > 0 ? `, search: ${report.pagesIndexed.toLocaleString("en")} articles re-indexed, done at ${seconds(performance.now() - start)}` : "";
      this.#log(
        `${describe(changed)}: ${report.mode === "full" ? "full build" : "update"}, ${report.pagesWritten.toLocaleString("en")} pages written` +
          `${report.pagesDeleted > 0 ? `, ${report.pagesDeleted} removed` : ""}, shown at ${seconds(pagesAt)}${search}.`,
      );
    } catch (error) {
      // Nothing was published: the pages already shown stay, and the next save tries again.
      if (error instanceof ArchiveValidationError) {
        for (const d of error.diagnostics) this.#error(formatDiagnostic(d));
        this.#error(`${describe(changed)}: not built, the archive has errors (above); the dev site shows the last version that built.`);
      } else {
        this.#error(`${describe(changed)}: build failed: ${causeChain(error)}; the dev site shows the last version that built.`);
      }
      this.#shownWarnings.clear();
      this.#afterLoad(trusted, this.#session.listedSources !== listedBefore);
    }
  }

  /**
   * After a build: one that took every file's stamp makes the watcher's word good for the next; one that took the
   * watcher's word has every stamp checked (`#checkStamps`). A build whose load listed no files (the site data did
   * not read) checks nothing, and the next takes every file's stamp: a check against an older listing would find
   * the same "missed" files after every failed build, and build again and again.
   */
  #afterLoad(trusted: boolean, listed: boolean): void {
    if (!listed) {
      this.#trustWatcher = false;
      return;
    }
    if (!trusted) {
      this.#trustWatcher = true;
      return;
    }
    const checking = this.#checkStamps().finally(() => {
      if (this.#checking === checking) this.#checking = undefined;
    });
    this.#checking = checking;
  }

  /**
   * Every article file's stamp, taken in a thread off the path from a save to its page, compared with those the
   * build kept: a save, a new file or a deletion the watcher did not report (it can miss some under load) starts
   * one more build, which takes those files' stamps.
   */
  async #checkStamps(): Promise<void> {
    const build = this.#builds;
    const listed = this.#session.listedSources;
    const stamps = await stampSourcesInBackground(this.#options.contentRoot);
    // Stale when another build ran meanwhile (it is checked in turn); an empty walk of a listed archive is a failed one.
    if (build !== this.#builds || !listed) return;
    if (stamps.size === 0 && listed.size > 0) {
      this.#trustWatcher = false;
      return;
    }
    const missed = missedSaves(stamps, this.#session.sourceStats, listed);
    if (missed.length === 0) return;
    this.#log(`The file watcher missed ${describe(missed)}: building again.`);
    for (const file of missed) this.#changed.add(file);
    this.#schedule(0);
  }

  /** Each warning once, until it goes away and comes back. */
  #showWarnings(report: BuildReport): void {
    const now = new Set(report.warnings.map(formatDiagnostic));
    for (const line of now) if (!this.#shownWarnings.has(line)) this.#error(line);
    this.#shownWarnings = now;
  }
}
