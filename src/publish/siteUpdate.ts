/**
 * Publishing an incremental build. The changed files are prepared in a staging
 * folder; renaming it to `<site>.update` is the commit point. Until then the
 * published site is untouched, so a build that fails or is killed changes
 * nothing. After it, the update is applied with renames (each file replaced
 * whole) and deletions; every step can be repeated, so if the build is killed
 * while applying, the next build finishes the update before it starts.
 *
 * Layout of an update folder:
 *   files/        files to move into the site, at their place in it
 *   update.json   { replaceDirs, deleteFiles, deleteDirs }, paths relative to the site
 *   state.json    the build state that describes the site once applied
 */
import fs from "node:fs";
import path from "node:path";
import { SiteStateError } from "./buildErrors.ts";
import { buildStatePath } from "./buildState.ts";
import { removeInBackground } from "./removeInBackground.ts";

export interface UpdateOperations {
  /** Folders replaced whole (search shards): the new one is renamed in, the old one out. */
  replaceDirs: string[];
  /** Files that are no longer part of the site (pages of deleted articles). */
  deleteFiles: string[];
  /** Folders that are no longer part of the site (search shards of emptied periods). */
  deleteDirs: string[];
}

export const UPDATE_FILES = "files";

export function pendingUpdateDir(outputDir: string): string {
  return `${outputDir}.update`;
}

/** Makes a prepared staging folder the pending update (one rename), then applies it. */
export function commitUpdate(staging: string, outputDir: string): void {
  fs.renameSync(staging, pendingUpdateDir(outputDir));
  applyOrExplain(outputDir, "Publishing stopped part-way through the update");
}

/** Finishes an update that a killed build had committed but not applied. Returns whether there was one. */
export function finishPendingUpdate(outputDir: string): boolean {
  if (!fs.existsSync(path.join(pendingUpdateDir(outputDir), "update.json"))) return false;
  applyOrExplain(outputDir, "The update a previous build committed could not be finished");
  return true;
}

/** Past the commit point "nothing was published" is no longer true: the failure says what the site is now. */
function applyOrExplain(outputDir: string, what: string): void {
  try {
    applyUpdate(outputDir);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SiteStateError(
      `${what}: ${reason}`,
      `The site in ${outputDir} is partly updated: some of the new pages are in place, the rest of the update waits in ${pendingUpdateDir(outputDir)}. ` +
        "Fix the cause above and run the build again: it finishes this update before anything else.",
    );
  }
}

function applyUpdate(outputDir: string): void {
  const updateDir = pendingUpdateDir(outputDir);
  const operations = JSON.parse(fs.readFileSync(path.join(updateDir, "update.json"), "utf8")) as UpdateOperations;
  const filesDir = path.join(updateDir, UPDATE_FILES);
  const trash = path.join(updateDir, "trash");
  fs.mkdirSync(trash, { recursive: true });

  operations.replaceDirs.forEach((relative, i) => {
    const source = path.join(filesDir, relative);
    if (!fs.existsSync(source)) return; // moved already
    const target = path.join(outputDir, relative);
    if (fs.existsSync(target)) fs.renameSync(target, path.join(trash, `replaced-${i}`));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(source, target);
  });
  moveFiles(filesDir, outputDir, "");
  for (const relative of operations.deleteFiles) {
    fs.rmSync(path.join(outputDir, relative), { force: true });
    pruneEmptyParents(outputDir, path.dirname(relative));
  }
  operations.deleteDirs.forEach((relative, i) => {
    const target = path.join(outputDir, relative);
    if (fs.existsSync(target)) fs.renameSync(target, path.join(trash, `deleted-${i}`));
    pruneEmptyParents(outputDir, path.dirname(relative));
  });
  const state = path.join(updateDir, "state.json");
  if (fs.existsSync(state)) fs.renameSync(state, buildStatePath(outputDir));
  // Done: the update folder (with the replaced and deleted trees) goes away in the background.
  const finished = `${updateDir}-done-${process.pid}-${Date.now()}`;
  fs.renameSync(updateDir, finished);
  removeInBackground(finished);
}

/** Renames every file under `from/relative` to the same place under `to`, creating folders as needed. */
function moveFiles(from: string, to: string, relative: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(from, relative), { withFileTypes: true });
  } catch {
    return;
  }
  if (entries.length > 0) fs.mkdirSync(path.join(to, relative), { recursive: true });
  for (const entry of entries) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) moveFiles(from, to, child);
    else fs.renameSync(path.join(from, child), path.join(to, child));
  }
}

/** Removes folders left empty by a deletion (a full build would not create them). */
function pruneEmptyParents(root: string, relative: string): void {
  let dir = relative;
  while (dir && dir !== "." && dir !== "/") {
    try {
      fs.rmdirSync(path.join(root, dir));
    } catch {
      return; // not empty (or gone)
    }
    dir = path.dirname(dir);
  }
}
