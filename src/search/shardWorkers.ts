/**
 * Indexes shards in child processes, each with its own Pagefind service: one
 * Pagefind process keeps one core busy, so two of them halve the indexing time
 * on this 2-core machine while memory stays at one shard per process.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { SearchShard } from "./shards.ts";
import type { ShardContext } from "./searchIndex.ts";

export type WorkerRequest = { shard: SearchShard; context: ShardContext };
export type WorkerMessage = { type: "record"; count: number } | { type: "done" } | { type: "error"; message: string };

const WORKER = fileURLToPath(new URL("./shardWorker.ts", import.meta.url));

function startWorker(): ChildProcess {
  // tsx runs the TypeScript worker, as it runs the build itself.
  return fork(WORKER, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

/**
 * Runs `parallel` workers over the shard queue; when `addWorkerWhen` settles
 * (the render stage has finished and freed its core), one more joins.
 */
export async function writeShardsInWorkers(
  shards: readonly SearchShard[],
  context: ShardContext,
  parallel: number,
  onRecord?: () => void,
  addWorkerWhen?: Promise<unknown>,
): Promise<void> {
  const queue = [...shards];
  const failures: string[] = [];
  const runWorker = async (): Promise<void> => {
    const child = startWorker();
    try {
      for (let shard = queue.shift(); shard && failures.length === 0; shard = queue.shift()) {
        await new Promise<void>((resolve, reject) => {
          const onMessage = (message: WorkerMessage): void => {
            if (message.type === "record") for (let i = 0; i < message.count; i++) onRecord?.();
            else {
              child.off("message", onMessage);
              child.off("exit", onExit);
              if (message.type === "done") resolve();
              else reject(new Error(message.message));
            }
          };
          const onExit = (code: number | null): void => reject(new Error(`search index worker exited (${code}) while indexing ${shard.id}`));
          child.on("message", onMessage);
          child.once("exit", onExit);
          child.send({ shard, context } satisfies WorkerRequest);
        });
      }
    } catch (error) {
      failures.push((error as Error).message);
    } finally {
      // Disconnecting lets the worker close its Pagefind service and exit by itself.
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.disconnect();
      });
    }
  };
  const workers = Array.from({ length: parallel }, runWorker);
  if (addWorkerWhen) {
    const extra = addWorkerWhen.then(
      () => (queue.length > 0 && failures.length === 0 ? runWorker() : undefined),
      () => undefined,
    );
    // Wait for the first workers, then for the extra one if it started.
    await Promise.all(workers);
    await extra;
  } else await Promise.all(workers);
  if (failures.length > 0) throw new Error(failures.join("\n"));
}
