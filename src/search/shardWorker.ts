/** Child process of shardWorkers.ts: indexes the shards it is sent, one at a time. */
import * as pagefind from "pagefind";
import { writeShard } from "./searchIndex.ts";
import type { WorkerMessage, WorkerRequest } from "./shardWorkers.ts";

const send = (message: WorkerMessage): void => {
  process.send?.(message);
};

process.on("message", async ({ shard, context }: WorkerRequest) => {
  let pending = 0;
  try {
    await writeShard(shard, context, () => {
      if (++pending >= 100) {
        send({ type: "record", count: pending });
        pending = 0;
      }
    });
    if (pending > 0) send({ type: "record", count: pending });
    send({ type: "done" });
  } catch (error) {
    send({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
});

process.on("disconnect", () => {
  void pagefind.close().finally(() => process.exit(0));
});
