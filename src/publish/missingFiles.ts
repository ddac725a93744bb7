/**
 * Which of the files a build state lists are missing from the published
 * folder (a page deleted by hand is written again). One `stat` per page:
 * 140,000 at 100,000 articles, over a second of system calls, made in a worker
 * thread while the build's own thread loads the archive.
 */
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";

/** Plain JavaScript, so the thread starts without the TypeScript loader (`execArgv: []`). */
const STAT_FILES = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
const missing = [];
for (const file of workerData.files) {
  if (fs.statSync(path.join(workerData.root, file), { throwIfNoEntry: false })?.isFile() !== true) missing.push(file);
}
parentPort.postMessage(missing);
`;

/** Relative paths (`/` separators) of `files` that are not regular files under `root`. */
export function missingFilesSync(root: string, files: Iterable<string>): Set<string> {
  const missing = new Set<string>();
  for (const file of files) if (fs.statSync(path.join(root, file), { throwIfNoEntry: false })?.isFile() !== true) missing.add(file);
  return missing;
}

/**
 * `missingFilesSync` in a worker thread, started now. The answer describes the folder as it was while the thread
 * ran; should the thread fail, the files are checked in this thread instead (never an answer of "all there").
 */
export function missingFilesInBackground(root: string, files: string[]): Promise<Set<string>> {
  return new Promise((resolve) => {
    let settled = false;
    const fallBack = (): void => {
      if (settled) return;
      settled = true;
      resolve(missingFilesSync(root, files));
    };
    const worker = new Worker(STAT_FILES, { eval: true, workerData: { root, files }, execArgv: [] });
    worker.once("message", (missing: string[]) => {
      settled = true;
      resolve(new Set(missing));
      void worker.terminate();
    });
    worker.once("error", fallBack);
    // Not unref'd: a build awaiting the answer with nothing else pending must not end before it (the thread ends
    // by itself once it has answered).
    worker.once("exit", fallBack);
  });
}
