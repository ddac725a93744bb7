/**
 * Indexes shards in child processes, each with its own Pagefind service: one
 * Pagefind process keeps one core busy, so two of them use both cores of this
 * machine while memory stays at one shard per process. Each worker gets its
 * whole share of shards up front: the build's main thread is busy rendering and
 * cannot be relied on to hand out work in time.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { forkModule } from "../model/forkModule.ts";
import type { SearchShard, ShardContext } from "./shards.ts";

export type WorkerJob = { shards: SearchShard[]; context: ShardContext };
/** The job travels as a file: megabytes of article metadata through the IPC pipe would wait for the busy main thread. */
export type WorkerRequest = { jobFile: string };
export type WorkerMessage = { type: "record"; count: number } | { type: "done" } | { type: "error"; message: string };

const WORKER = new URL("./shardWorker.ts", import.meta.url);
let jobs = 0;

/**
 * Pagefind processes a full build runs beside its render: `ARCHIVE_SEARCH_WORKERS`, else half the cores, at least
 * one (on this 2-core machine one: render and search each take one core; a second one saved no time and cost a
 * gigabyte). The render takes the other cores (src/render/renderWorkers.ts).
 */
export function searchProcessCount(cores = os.availableParallelism()): number {
  return askedSearchProcesses() ?? Math.max(1, Math.floor(cores / 2));
}

/** Pagefind processes a republish runs: it renders little, so two cores can index the few shards of the changed periods. */
export function republishSearchProcessCount(cores = os.availableParallelism()): number {
  return askedSearchProcesses() ?? Math.min(2, cores);
}

function askedSearchProcesses(): number | undefined {
  const asked = Number(process.env.ARCHIVE_SEARCH_WORKERS);
  return asked >= 1 ? Math.floor(asked) : undefined;
}

/** Deals shards to workers, largest first to the least loaded, so the workers finish together. */
export function dealShards(shards: readonly SearchShard[], workers: number): SearchShard[][] {
  const shares: SearchShard[][] = Array.from({ length: workers }, () => []);
  const load = new Array<number>(workers).fill(0);
  for (const shard of [...shards].sort((a, b) => b.articles.length - a.articles.length)) {
    const i = load.indexOf(Math.min(...load));
    shares[i]?.push(shard);
    load[i] = (load[i] ?? 0) + shard.articles.length;
  }
  return shares.filter((share) => share.length > 0);
}

/**
 * Worker processes started before their work is known (a republish starts one while it loads the archive, so
 * that its start, about half a second, is not on the way to the search index); `close` releases those not taken.
 */
export interface StartedShardWorkers {
  take(): ChildProcess;
  close(): void;
}

export function startShardWorkers(count: number): StartedShardWorkers {
  const spare = Array.from({ length: count }, () => forkModule(WORKER));
  // A spare that dies before it is taken is simply not used; the error must not go unhandled.
  for (const child of spare) child.on("error", () => undefined);
  const usable = (child: ChildProcess): boolean => child.connected && child.exitCode === null && child.signalCode === null;
  return {
    take: () => {
      for (let child = spare.shift(); child; child = spare.shift()) if (usable(child)) return child;
      return forkModule(WORKER);
    },
    close: () => {
      // Disconnected, a worker closes its Pagefind service (never started) and exits.
      for (const child of spare.splice(0)) if (child.connected) child.disconnect();
    },
  };
}

function runWorker(shards: SearchShard[], context: ShardContext, onRecord?: () => void, started?: StartedShardWorkers): Promise<void> {
  const child = started ? started.take() : forkModule(WORKER);
  return new Promise<void>((resolve, reject) => {
    let failure: Error | undefined;
    child.on("message", (message: WorkerMessage) => {
      if (message.type === "record") for (let i = 0; i < message.count; i++) onRecord?.();
      else {
        if (message.type === "error") failure = new Error(message.message);
        // Disconnecting lets the worker close its Pagefind service and exit by itself.
        child.disconnect();
      }
    });
    child.once("exit", (code) => {
      if (failure) reject(failure);
      else if (code === 0) resolve();
      else reject(new Error(`search index worker exited (${code}) while indexing ${shards.map((s) => s.id).join(", ")}`));
    });
    const jobFile = path.join(os.tmpdir(), `archive-search-job-${process.pid}-${++jobs}.json`);
    fs.writeFileSync(jobFile, JSON.stringify({ shards, context } satisfies WorkerJob));
    child.send({ jobFile } satisfies WorkerRequest);
  });
}

export async function writeShardsInWorkers(
  shards: readonly SearchShard[],
  context: ShardContext,
  parallel: number,
  onRecord?: () => void,
  started?: StartedShardWorkers,
): Promise<void> {
  const results = await Promise.allSettled(dealShards(shards, parallel).map((share) => runWorker(share, context, onRecord, started)));
  const failures = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as Error).message] : []));
  if (failures.length > 0) throw new Error(failures.join("\n"));
}
