/** Comparing built sites: the same files and folders, byte for byte. */
import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";

/** Every file and folder under `dir`, folders marked with a trailing slash. */
export function listTree(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)) + (e.isDirectory() ? "/" : ""))
    .sort();
}

/** `actual` holds exactly the files and folders of `expected`, with the same bytes. */
export function expectSameTree(actual: string, expected: string): void {
  const files = listTree(expected);
  expect(listTree(actual)).toEqual(files);
  const different = files.filter((f) => !f.endsWith("/") && !fs.readFileSync(path.join(actual, f)).equals(fs.readFileSync(path.join(expected, f))));
  expect(different).toEqual([]);
}
