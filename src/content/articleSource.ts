/**
 * An article's body, read again from its file when its page is rendered and
 * when it is indexed for search: bodies are not kept in memory (100,000
 * articles). The one place that reads them, so that what is published is
 * always the bytes the loader validated:
 *
 * - the file is opened without following a symlink (one put in place of an
 *   article after loading, to /etc/passwd say, is refused) and must still be a
 *   regular file (a named pipe would block the build);
 * - its bytes are hashed and compared with the hash recorded at load
 *   (`contentHash`, SHA-1 of the whole file); any difference, such as front
 *   matter edited mid-build, which would shift the body's offset, stops the
 *   build: `file: changed during the build; run the build again`.
 *
 * One open and one read per use, as before, plus a SHA-1 of a few kilobytes.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Article } from "../model/article.ts";
import { ArchiveValidationError } from "../model/diagnostics.ts";

/** What reading a body needs from an article: plain fields, so search workers get them as JSON. */
export type ArticleSource = Pick<Article, "sourcePath" | "contentHash" | "bodyOffset">;

// O_NOFOLLOW refuses a symlink as the file itself (ELOOP); O_NONBLOCK keeps a named pipe from blocking the open.
// Both are POSIX: where they are missing, the type check and the hash below still hold.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

function changed(article: ArticleSource, reason?: string): ArchiveValidationError {
  const why = reason ? ` (${reason})` : "";
  return new ArchiveValidationError([
    { severity: "error", file: article.sourcePath, message: `changed during the build${why}; run the build again` },
  ]);
}

/**
 * The bytes of a regular file, never through a symlink: the loader reads each
 * article this way too, so a link swapped in after the listing is not followed.
 * Throws the system error (ELOOP for a link) or "not a regular file".
 */
export function readRegularFile(file: string): Buffer {
  const fd = fs.openSync(file, OPEN_FLAGS);
  try {
    if (!fs.fstatSync(fd).isFile()) throw new Error("not a regular file");
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The bytes of an article's file, as validated at load; throws an ArchiveValidationError otherwise. */
export function readArticleSource(contentRoot: string, article: ArticleSource): Buffer {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path.join(contentRoot, article.sourcePath));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") throw changed(article, "it is now a symbolic link, which is never followed");
    if (code === "ENOENT") throw changed(article, "it was removed");
    if (code === undefined) throw changed(article, "it is no longer a regular file");
    throw changed(article, `it cannot be read: ${(error as Error).message}`);
  }
  if (createHash("sha1").update(bytes).digest("hex") !== article.contentHash) throw changed(article);
  return bytes;
}

/** The Markdown body (after the front matter) of the bytes validated at load. */
export function readArticleBody(contentRoot: string, article: ArticleSource): string {
  // bodyOffset counts characters of the decoded file, as the loader decoded it.
  return readArticleSource(contentRoot, article).toString("utf8").slice(article.bodyOffset);
}
