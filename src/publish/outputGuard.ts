/**
 * What the build and the dev server may write to. A full build replaces its
 * output folder whole (renames it away and deletes it) and the dev server
 * builds into its folder the same way, so a mistyped `--output` could
 * delete an archive's sources or someone's files. Refused, with a message:
 *
 * - an output that is, contains or lies inside the sources of the archive
 *   (`--root`) or of the project (the tool's own folder): the folder itself,
 *   any parent of it, `articles/`, `_data/`, `_includes/`, `src/`, `.git/`;
 * - a file, or a path under a file;
 * - an existing, non-empty folder this tool did not write: for the build, one
 *   without a build state beside it; for the dev server, one without the dev
 *   server's marker beside it (a published site is never the dev server's);
 * - a `--future` preview into a published (non-preview) site.
 *
 * A symlinked output (`_site -> /var/www/archive`) is published through: the
 * real folder is what is swapped, with staging beside it, and the link stays.
 */
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../paths.ts";
import { OutputRefusedError } from "./buildErrors.ts";
import { buildStatePath, parseStateFile } from "./buildState.ts";
import { acquireOutputLock } from "./outputLock.ts";
import { isWithin, pathKey as key, realPathOf } from "./realPath.ts";

/** Default output of `npm run build -- --future`: never the live `_site/`. */
export const PREVIEW_OUTPUT = "_site.preview";

/** Folders of an archive or of the project that no output may be, contain or lie in. */
const SOURCE_FOLDERS: Record<string, string> = {
  articles: "the articles",
  _data: "the site data",
  _includes: "the layouts",
  src: "the code",
  ".git": "the repository",
};

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

export function isEmptyFolder(dir: string): boolean {
  const handle = fs.opendirSync(dir);
  try {
    return handle.readSync() === null;
  } finally {
    handle.closeSync();
  }
}

export interface ResolvedOutput {
  /** The folder to write and swap: the real path. */
  dir: string;
  /** The path as given (resolved), which a message shows; a symlink to `dir` when they differ. */
  requested: string;
}

export interface OutputUse {
  /** `--root`: its sources are protected, as are the project's own. */
  contentRoot: string;
  /** Who writes there, for the messages. */
  user: "build" | "dev server";
}

/** How a message names the output: the path given, and where it leads when that is a link. */
export function describeOutput(output: ResolvedOutput): string {
  return output.requested === output.dir ? output.requested : `${output.requested} (a link to ${output.dir})`;
}

/**
 * Checks the path alone (nothing is written): not a source, not a file, a
 * parent that can be written. Call before taking the lock, which is a file
 * beside the output.
 */
export function resolveOutput(requestedPath: string, use: OutputUse): ResolvedOutput {
  const requested = path.resolve(requestedPath);
  const output: ResolvedOutput = { requested, dir: realPathOf(requested) };
  const shown = describeOutput(output);
  const usual = path.join(use.contentRoot, use.user === "build" ? "_site" : path.join(".cache", "dev-site"));
  const refuse = (why: string, todo = `Choose a new or empty folder outside the sources, such as ${usual}.`): never => {
    throw new OutputRefusedError(`Refusing to use ${shown} as the ${use.user}'s output folder: ${why} ${todo}`);
  };
  const dir = output.dir;
  if (path.dirname(dir) === dir) refuse("it is the root of the file system.");

  const roots = new Map<string, string>([
    [realPathOf(use.contentRoot), "the archive folder (--root)"],
    [realPathOf(PROJECT_ROOT), "the project folder (the tool's code and templates)"],
  ]);
  for (const [root, what] of roots) {
    if (key(root) === key(dir)) refuse(`it is ${what}, ${root}; the ${use.user} would replace or empty it, deleting its sources.`);
    if (isWithin(root, dir)) refuse(`it contains ${what}, ${root}; the ${use.user} would replace or empty it, deleting its sources.`);
    for (const [name, holds] of Object.entries(SOURCE_FOLDERS)) {
      for (const source of new Set([path.join(root, name), realPathOf(path.join(root, name))])) {
        if (isWithin(dir, source)) refuse(`it is ${key(source) === key(dir) ? "" : "inside "}${source}, which holds ${holds}; the ${use.user} must never write among the sources.`);
      }
    }
  }

  // The nearest part of the path that exists must be a folder (a file can neither be the site nor hold one).
  let existing = dir;
  let stat = lstatOrUndefined(existing);
  while (!stat) {
    existing = path.dirname(existing);
    stat = lstatOrUndefined(existing);
  }
  if (!stat.isDirectory()) {
    refuse(
      existing === dir ? "it is a file, not a folder; it would be deleted." : `${existing} is a file, so no folder can be made under it.`,
      "Choose a new or empty folder.",
    );
  }
  // Staging folders, the lock and the build state go beside the output; updates are renamed into it.
  let parent = path.dirname(dir);
  while (!lstatOrUndefined(parent)) parent = path.dirname(parent);
  for (const folder of existing === dir ? [parent, dir] : [parent]) {
    try {
      fs.accessSync(folder, fs.constants.W_OK);
    } catch {
      refuse(
        `${folder} cannot be written by this user, and the ${use.user} writes ${folder === dir ? "into it" : "beside the output (its staging folder, lock and build state)"}.`,
        "Make it writable, or choose another folder.",
      );
    }
  }
  return output;
}

/** Whether a build state (valid or voided mid-publish) lies beside the folder: the mark of a folder the build made. */
function readStateMark(dir: string, keepForBuild = false): { exists: boolean; preview: boolean; drafts: boolean } {
  try {
    // Kept for the build, when it reads the rest of the same state next.
    const state = parseStateFile(buildStatePath(dir), keepForBuild) as { preview?: unknown; drafts?: unknown };
    return { exists: true, preview: state.preview === true, drafts: state.drafts === true };
  } catch (error) {
    // An unreadable state is still the build's mark; only a missing one is not.
    return { exists: (error as NodeJS.ErrnoException).code !== "ENOENT", preview: false, drafts: false };
  }
}

/**
 * May the build replace this folder? Yes if it does not exist, is empty, or
 * has a build state beside it. Call while holding the output's lock.
 */
export function checkBuildOutput(output: ResolvedOutput, options: { contentRoot: string; preview: boolean }): void {
  const { dir } = output;
  if (!lstatOrUndefined(dir) || isEmptyFolder(dir)) return;
  const mark = readStateMark(dir, true);
  const shown = describeOutput(output);
  if (!mark.exists) {
    throw new OutputRefusedError(
      `Refusing to publish into ${shown}: the folder exists and is not empty, but \`npm run build\` did not make it (there is no build state ${buildStatePath(dir)} beside it). ` +
        "Publishing replaces the output folder whole, so everything in it would be deleted. " +
        "Choose a new or empty folder with --output, or, if nothing in it is needed, remove it yourself and build again.",
    );
  }
  if (options.preview && !mark.preview) {
    throw new OutputRefusedError(
      `Refusing to build a --future preview into ${shown}: it is a published site (built without --future), and the preview would put embargoed articles in it. ` +
        `Leave out --output to preview into ${path.join(options.contentRoot, PREVIEW_OUTPUT)}, or choose another folder.`,
    );
  }
}

/** The dev server's mark beside its folder: it replaces only a folder it made. */
export function devServerMarker(dir: string): string {
  return path.join(path.dirname(dir), `.${path.basename(dir)}.dev-server.json`);
}

/**
 * May the dev server build into this folder (a full build replaces it whole)?
 * Yes if it does not exist, is empty, carries the dev server's marker, or is
 * the default `.cache/dev-site/` (the dev server's own since before the
 * marker). Never a site published by `npm run build` or a `--future` preview
 * (a build state without drafts). Writes the marker. Call while holding the
 * output's lock.
 */
export function claimDevServerOutput(output: ResolvedOutput, options: { defaultDir: string }): void {
  const { dir } = output;
  const shown = describeOutput(output);
  const todo = `Leave out --output (the default is ${options.defaultDir}), or choose a new or empty folder.`;
  const state = readStateMark(dir);
  if (state.exists && !state.drafts) {
    throw new OutputRefusedError(
      `Refusing to serve from ${shown}: it is a site published by \`npm run build\` (its build state ${buildStatePath(dir)} is beside it), ` +
        `and the dev server replaces its folder with one that shows drafts. ${todo}`,
    );
  }
  const exists = lstatOrUndefined(dir) !== undefined;
  const ours = !exists || isEmptyFolder(dir) || state.drafts || fs.existsSync(devServerMarker(dir)) || key(dir) === key(realPathOf(options.defaultDir));
  if (!ours) {
    throw new OutputRefusedError(
      `Refusing to serve from ${shown}: the dev server replaces its folder with its own build, and this one exists, is not empty and is not the dev server's ` +
        `(no ${devServerMarker(dir)} beside it). ${todo} If nothing in it is needed, you may also remove it yourself.`,
    );
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(devServerMarker(dir), `${JSON.stringify({ createdBy: "npm start", note: "This folder is the dev server's: it builds into it, and may replace it whole." })}\n`);
}

/**
 * The dev server's folder, checked, locked for the server's lifetime (so no
 * second dev server builds into it mid-run) and claimed. Released at exit; a lock
 * left by a killed server is stale and taken over.
 */
export function openDevServerOutput(requestedPath: string, options: { contentRoot: string; defaultDir: string }): string {
  const output = resolveOutput(requestedPath, { contentRoot: options.contentRoot, user: "dev server" });
  const release = acquireOutputLock(output.dir, "npm start");
  process.on("exit", release);
  claimDevServerOutput(output, options);
  return output.dir;
}
