/**
 * How the render writes a page: over the file already there when there is one (a full build writes into the tree
 * the last one replaced: src/publish/recycledTree.ts), without first truncating it to nothing. ext4 (with its
 * default `auto_da_alloc`) starts writing a file to disk as soon as it is closed when it was truncated to zero
 * length and written again (a guard for programs that replace files that way without fsync): Eleventy's
 * `writeFileSync` (flag `w`) does exactly that, and at 10,000 pages the block device was kept busy with one small
 * write per page while the render ran. Writing the new bytes over the old ones and cutting the file to their length
 * leaves the writing to the kernel's own time, as for a new file. Never through a symbolic link (O_NOFOLLOW); the
 * folders are made when the first open finds them missing.
 */
import fs from "node:fs";
import path from "node:path";

const FLAGS = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_NOFOLLOW;

export function writePageFile(file: string, content: string | Uint8Array): void {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  let fd: number;
  try {
    fd = fs.openSync(file, FLAGS, 0o666);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fd = fs.openSync(file, FLAGS, 0o666);
  }
  try {
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written, written);
    fs.ftruncateSync(fd, bytes.length);
  } finally {
    fs.closeSync(fd);
  }
}
