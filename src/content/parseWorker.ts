/** Parses a slice of the archive's files in a child process (see readSourcesInParallel in loadSources.ts). */
import { parseContextFor, readSource, type CachedSource } from "./loadSources.ts";
import type { Diagnostic } from "../model/diagnostics.ts";

/**
 * Results go back in chunks of this many files as they are parsed: the worker's heap then never holds its whole
 * slice (at 100,000 articles, holding 50,000 parsed articles cost each worker 1.8 s of garbage collection), and
 * the parent takes each chunk in while the workers go on. The chunks also tell the parent's progress line.
 */
const CHUNK = 500;

export interface ParseChunk {
  sources: Array<CachedSource | null>;
  diagnostics: Diagnostic[];
  /** Set on the last chunk. */
  done?: true;
}

process.once("message", (job: { root: string; files: string[]; now: number }) => {
  const siteContext = parseContextFor(job.root);
  if (!siteContext) throw new Error(`the site data in ${job.root} does not load`);
  // The parent's "now", so update dates are checked against the same time in every process.
  const context = { ...siteContext, now: job.now };
  // At least one chunk, the last one marked, even for no files.
  let start = 0;
  do {
    const diagnostics: Diagnostic[] = [];
    const sources = job.files.slice(start, start + CHUNK).map((file) => readSource(job.root, file, context, undefined, diagnostics) ?? null);
    start += CHUNK;
    const chunk: ParseChunk = start >= job.files.length ? { sources, diagnostics, done: true } : { sources, diagnostics };
    process.send?.(chunk);
  } while (start < job.files.length);
});
