/** Real paths of outputs that may not exist yet, and containment that holds on case-insensitive disks. */
import fs from "node:fs";
import path from "node:path";
import { OutputRefusedError } from "./buildErrors.ts";

// Where file names are case-insensitive, `Articles/` is `articles/`.
const foldsCase = process.platform === "darwin" || process.platform === "win32";
export const pathKey = (p: string): string => (foldsCase ? p.toLowerCase() : p);

/** Whether `inner` is `outer` or lies inside it. */
export function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(pathKey(outer), pathKey(inner));
  return relative === "" || !(relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative));
}

/**
 * The real path of `target`: symlinks followed (a dangling one to where it
 * points), for a path that may not exist yet (its existing part resolved).
 */
export function realPathOf(target: string, hops = 0): string {
  const absolute = path.resolve(target);
  try {
    return fs.realpathSync.native(absolute);
  } catch {
    // Missing, dangling, or under a file: resolved below.
  }
  if (hops > 40) throw new OutputRefusedError(`Refusing to use ${target}: too many levels of symbolic links.`);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(absolute);
  } catch {
    stat = undefined;
  }
  if (stat?.isSymbolicLink()) return realPathOf(path.resolve(path.dirname(absolute), fs.readlinkSync(absolute)), hops + 1);
  const parent = path.dirname(absolute);
  if (parent === absolute) return absolute;
  return path.join(realPathOf(parent, hops), path.basename(absolute));
}
