/** Parses a slice of the archive's files in a child process (see loadArchiveInParallel in archive.ts). */
import { parseContextFor, readSource, type CachedSource } from "./loadSources.ts";
import type { Diagnostic } from "../model/diagnostics.ts";

const PROGRESS_EVERY = 250;

process.once("message", (job: { root: string; files: string[]; now: number }) => {
  const siteContext = parseContextFor(job.root);
  if (!siteContext) throw new Error(`the site data in ${job.root} does not load`);
  // The parent's "now", so update dates are checked against the same time in every process.
  const context = { ...siteContext, now: job.now };
  const diagnostics: Diagnostic[] = [];
  const sources: Array<CachedSource | null> = job.files.map((file, i) => {
    if (i % PROGRESS_EVERY === PROGRESS_EVERY - 1) process.send?.({ progress: PROGRESS_EVERY });
    return readSource(job.root, file, context, undefined, diagnostics) ?? null;
  });
  process.send?.({ progress: job.files.length % PROGRESS_EVERY });
  process.send?.({ sources, diagnostics });
});
