/**
 * Where a photo named in an article lives, and how its credit reads. A photo's
 * `src` is relative to the article's file (as in Markdown editors and Hugo's
 * page bundles), so a photo can sit beside its article; it must stay inside
 * the content root.
 */
import path from "node:path";

/** A URL with a scheme (`https:`, `data:`) or protocol-relative (`//host`): never fetched at build time. */
export function isRemote(src: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//");
}

/**
 * The photo's path relative to the content root (forward slashes), or the problem with `src`.
 * `articleFile` is the article's path relative to the content root.
 */
export function resolvePhotoPath(articleFile: string, src: string): { path: string } | { problem: string } {
  const value = src.trim();
  if (value === "") return { problem: "has an empty src" };
  if (isRemote(value)) return { problem: `"${src}" is a remote address: photos are files of the archive, never fetched at build time (save it beside the article)` };
  if (value.startsWith("/") || value.includes("\\")) {
    return { problem: `"${src}" must be a path relative to the article's file, with / between folders (such as "harbour.jpg")` };
  }
  let decoded: string;
  try {
    // Markdown editors write `my%20photo.jpg` for a space.
    decoded = decodeURI(value);
  } catch {
    decoded = value;
  }
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(articleFile), decoded));
  if (joined.startsWith("../") || joined === ".." || path.posix.isAbsolute(joined)) {
    return { problem: `"${src}" points outside the archive: a photo must be inside its folder (no .. past the content root)` };
  }
  if (joined.split("/").some((segment) => segment.startsWith("."))) return { problem: `"${src}" is a hidden file or folder (a name starting with .)` };
  return { path: joined };
}
