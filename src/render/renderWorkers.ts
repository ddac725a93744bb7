/**
 * Render batches in worker processes, one Eleventy instance per batch as in
 * the build's own process, so a render uses every core. The archive (metadata
 * only: bodies are read from the sources as each page is rendered) goes to the
 * workers once, as a file in V8's serialization, which keeps the identity of
 * shared objects (the archive's maps are keyed by its articles); each worker then
 * asks for batches one at a time until none is left, so the workers finish together.
 * A worker holds the archive and one batch: memory is bounded per worker by the
 * batch size, as in a single process.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import v8 from "node:v8";
import { ArchiveValidationError, causeOf, type Diagnostic } from "../model/diagnostics.ts";
import { forkModule } from "../model/forkModule.ts";
import type { Archive } from "../views/archive.ts";
import type { RenderBatch, RenderOptions } from "./renderContext.ts";

export interface RenderJob {
  siteDir: string;
  options: RenderOptions;
  /** Without its sources and diagnostics, which no page shows. */
  archive: Archive;
  batches: RenderBatch[];
}

/** One link of an error's cause chain, as plain data (an archive error keeps its diagnostics). */
export interface ErrorLink {
  message: string;
  diagnostics?: readonly Diagnostic[];
}

export type ToWorker = { jobFile: string } | { batch: number };
export type FromWorker = { type: "ready" } | { type: "pages"; count: number } | { type: "rendered"; batch: number } | { type: "error"; batch: number; chain: ErrorLink[] };

const WORKER = new URL("./renderWorker.ts", import.meta.url);

/** Below this many pages a worker's start (most of a second: Node, Eleventy, the archive) costs more than it saves. */
export const MIN_PAGES_FOR_WORKERS = 3000;

/**
 * How many render workers: `ARCHIVE_RENDER_WORKERS` if set (0: render in this process), else the cores that
 * `searchCores` (the search processes indexing beside the render) leave, when the render is large enough and
 * that is more than one (one worker would only move the render out of an otherwise idle process).
 */
export function renderWorkerCount(pages: number, searchCores: number, cores = os.availableParallelism()): number {
  const asked = process.env.ARCHIVE_RENDER_WORKERS;
  if (asked !== undefined && asked !== "") return Math.max(0, Math.floor(Number(asked)) || 0);
  if (pages < MIN_PAGES_FOR_WORKERS) return 0;
  const free = cores - searchCores;
  return free > 1 ? free : 0;
}

/** The error chain of `error` (Eleventy wraps a template's error under `originalError`), as plain data. */
export function errorChain(error: unknown): ErrorLink[] {
  const chain: ErrorLink[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 10) {
    if (current instanceof ArchiveValidationError) {
      chain.push({ message: current.message, diagnostics: current.diagnostics });
      break;
    }
    chain.push({ message: current instanceof Error ? current.message : String(current) });
    current = causeOf(current);
  }
  return chain;
}

/** The error a chain describes, with its causes: reported as if it had been thrown in this process. */
export function errorFromChain(chain: readonly ErrorLink[]): Error {
  let cause: Error | undefined;
  for (const link of [...chain].reverse()) {
    cause = link.diagnostics ? new ArchiveValidationError(link.diagnostics) : new Error(link.message, cause ? { cause } : undefined);
  }
  return cause ?? new Error("a render worker failed");
}

/**
 * Renders `job.batches` with `workers` worker processes, the job written to `jobFile` for them (the build puts it
 * beside its staging folder, so that a killed build's is removed with it). The first failure stops the handing out of batches; the
 * promise settles only when every worker has exited, so nothing is still writing into the staging folder when the
 * caller removes it.
 */
export async function renderInWorkers(job: RenderJob, workers: number, onPages: (count: number) => void, jobFile: string): Promise<void> {
  fs.writeFileSync(jobFile, v8.serialize(job));
  let next = 0;
  let failure: Error | undefined;
  const take = (): number | undefined => (failure === undefined && next < job.batches.length ? next++ : undefined);
  const fail = (error: Error): void => {
    failure ??= error;
  };
  try {
    const count = Math.max(1, Math.min(workers, job.batches.length));
    await Promise.all(Array.from({ length: count }, () => runWorker(jobFile, take, onPages, fail)));
  } finally {
    fs.rmSync(jobFile, { force: true });
  }
  if (failure) throw failure;
}

function runWorker(jobFile: string, take: () => number | undefined, onPages: (count: number) => void, fail: (error: Error) => void): Promise<void> {
  const child: ChildProcess = forkModule(WORKER, { serialization: "advanced" });
  let current: number | undefined;
  let released = false;
  const release = (): void => {
    released = true;
    if (child.connected) child.disconnect();
  };
  const handOut = (): void => {
    current = take();
    // Disconnecting releases the worker: it exits when nothing is left for it.
    if (current === undefined) release();
    else child.send({ batch: current } satisfies ToWorker);
  };
  return new Promise<void>((resolve) => {
    child.on("message", (message: FromWorker) => {
      if (message.type === "pages") onPages(message.count);
      else if (message.type === "ready" || message.type === "rendered") handOut();
      else {
        fail(errorFromChain(message.chain));
        current = undefined;
        release();
      }
    });
    // A send to a worker that died fails here; its exit says what happened.
    child.on("error", () => undefined);
    child.once("exit", (code, signal) => {
      // A worker that stops unasked (out of memory, killed) leaves pages unwritten: the render fails.
      if (!released || current !== undefined) {
        const doing = current === undefined ? "starting" : `rendering batch ${current + 1}`;
        fail(new Error(`A render worker stopped (${signal ?? `exit code ${code}`}) while ${doing}: out of memory, or killed.`));
      }
      resolve();
    });
    child.send({ jobFile } satisfies ToWorker);
  });
}
