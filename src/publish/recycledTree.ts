/**
 * The site a full build replaced, kept for the next full build to write into. Every full build renders into a new
 * tree and swaps it in; a new tree means a new folder and a new file for every page, and creating them is the
 * file system's dearest work: on this project's benchmark machines (ext4) 0.3 to 1 ms of kernel time a page, a third
 * of the render at 10,000 articles and half of it at 1,000, where writing over an existing file takes a fifth of
 * that. So the tree a full build swaps out is not deleted but kept beside the site (`_site.recycle`, with a record
 * of its identity in `._site.recycle.json`), and the next full build renames it into place as its staging folder: the
 * render then writes over last time's files in their folders, and what it did not write again (a deleted
 * article's page, a renamed asset) is removed before the tree is published. The published site is never written
 * in place: the kept tree is the one the last swap took out of service.
 *
 * Only the tree this tool kept is taken (its inode and creation time, as recorded), and before anything is written into it every entry that
 * a write could go through or affect elsewhere is removed: symbolic links, anything not a plain file or folder, and
 * files with another hard link (a copy made with `cp -al`, say: writing over them would change the copy). The
 * search folder is left to the search index, which replaces it whole. The price is disk space: the kept tree is as
 * large as the site (delete it at any time; the next full build then starts from an empty folder).
 */
import fs from "node:fs";
import path from "node:path";
import { SEARCH_DIR } from "../model/urls.ts";

/** A file of the kept tree as it was taken: unchanged after the build, it was not written again. */
interface KeptFile {
  ino: bigint;
  mtimeNs: bigint;
}

export interface RecycledTree {
  /** The staging folder the tree now is. */
  dir: string;
  /** Files by path relative to `dir`, as taken. */
  files: Map<string, KeptFile>;
  /** Folders that may be left empty (they were, or held an entry removed while taking the tree). */
  emptyCandidates: Set<string>;
}

export function recycledTreePath(outputDir: string): string {
  return `${outputDir}.recycle`;
}

function recordPath(outputDir: string): string {
  return path.join(path.dirname(outputDir), `.${path.basename(outputDir)}.recycle.json`);
}

/**
 * What identifies the kept folder: its inode and its creation time (an inode number is reused at once by the next
 * folder made, so the number alone could name someone's new folder of the same name).
 */
function identityOf(dir: string): string | undefined {
  const stat = fs.lstatSync(dir, { bigint: true, throwIfNoEntry: false });
  // A file system that does not record creation times cannot tell a folder from its successor: nothing is kept.
  if (!stat?.isDirectory() || stat.birthtimeNs === 0n) return undefined;
  return `${stat.ino}:${stat.birthtimeNs}`;
}

function readRecordedIdentity(outputDir: string): string | undefined {
  try {
    const record = JSON.parse(fs.readFileSync(recordPath(outputDir), "utf8")) as { identity?: unknown };
    return typeof record.identity === "string" ? record.identity : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps `oldTree` (just swapped out of `outputDir`, so this tool's) for the next full build. False when it cannot be
 * kept (another folder holds the name): the caller deletes it as before.
 */
export function keepForRecycling(oldTree: string, outputDir: string): boolean {
  const kept = recycledTreePath(outputDir);
  const identity = identityOf(oldTree);
  if (identity === undefined || fs.existsSync(kept)) return false;
  try {
    // The record first: a rename without one would leave a tree no build takes (and none deletes).
    fs.writeFileSync(recordPath(outputDir), `${JSON.stringify({ identity })}\n`);
    fs.renameSync(oldTree, kept);
    return true;
  } catch {
    fs.rmSync(recordPath(outputDir), { force: true });
    return false;
  }
}

/**
 * Renames the kept tree to `staging` and makes it safe to write into, when there is one this tool kept; undefined
 * otherwise (a folder of that name that is not the recorded one is left alone).
 */
export function takeRecycledTree(outputDir: string, staging: string): RecycledTree | undefined {
  const kept = recycledTreePath(outputDir);
  const recorded = readRecordedIdentity(outputDir);
  // The folder itself, never a link to one (lstat), and the very one kept.
  if (recorded === undefined || identityOf(kept) !== recorded) return undefined;
  try {
    fs.renameSync(kept, staging);
  } catch {
    return undefined;
  }
  fs.rmSync(recordPath(outputDir), { force: true });
  const tree: RecycledTree = { dir: staging, files: new Map(), emptyCandidates: new Set() };
  walk(tree, "");
  return tree;
}

function walk(tree: RecycledTree, relative: string): void {
  const dir = path.join(tree.dir, relative);
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  if (entries.length === 0) tree.emptyCandidates.add(relative);
  for (const entry of entries) {
    const name = relative ? `${relative}/${entry.name}` : entry.name;
    // The search index removes its folder and writes it anew (rm never follows a link).
    if (name === SEARCH_DIR) continue;
    if (entry.isDirectory()) {
      walk(tree, name);
      continue;
    }
    const full = path.join(tree.dir, name);
    const stat = entry.isFile() ? fs.lstatSync(full, { bigint: true }) : undefined;
    if (stat && stat.nlink === 1n) {
      tree.files.set(name, { ino: stat.ino, mtimeNs: stat.mtimeNs });
    } else {
      // A link (symbolic or hard), a socket...: writing through it would reach beyond the tree.
      fs.rmSync(full, { force: true });
      tree.emptyCandidates.add(relative);
    }
  }
}

/**
 * Removes the files of the kept tree that this build did not write again (same inode, same modification time) and
 * the folders left empty. Call once everything but the search index is written. Returns the files removed.
 */
export function removeStaleFiles(tree: RecycledTree): number {
  let removed = 0;
  const folders = new Set(tree.emptyCandidates);
  for (const [name, kept] of tree.files) {
    const full = path.join(tree.dir, name);
    const now = fs.lstatSync(full, { bigint: true, throwIfNoEntry: false });
    if (!now || now.ino !== kept.ino || now.mtimeNs !== kept.mtimeNs) continue;
    fs.rmSync(full, { force: true });
    removed++;
    folders.add(path.posix.dirname(name) === "." ? "" : path.posix.dirname(name));
  }
  // Deepest first, each empty folder's parents after it.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    for (let at = folder; at !== ""; at = path.posix.dirname(at) === "." ? "" : path.posix.dirname(at)) {
      try {
        fs.rmdirSync(path.join(tree.dir, at));
      } catch {
        break;
      }
    }
  }
  return removed;
}
