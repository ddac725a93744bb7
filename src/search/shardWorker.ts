/** Child process of shardWorkers.ts: indexes the shards it is sent, one at a time, then waits to be released. */
import fs from "node:fs";
import * as pagefind from "pagefind";
import { ArchiveValidationError, formatDiagnostic } from "../model/diagnostics.ts";
import { writeShard } from "./searchIndex.ts";
import type { WorkerJob, WorkerMessage, WorkerRequest } from "./shardWorkers.ts";

const send = (message: WorkerMessage): void => {
  process.send?.(message);
};

process.once("message", async ({ jobFile }: WorkerRequest) => {
  let pending = 0;
  try {
    const { shards, context } = JSON.parse(fs.readFileSync(jobFile, "utf8")) as WorkerJob;
    fs.rmSync(jobFile, { force: true });
    for (const shard of shards) {
      await writeShard(shard, context, () => {
        if (++pending >= 100) {
          send({ type: "record", count: pending });
          pending = 0;
        }
      });
    }
    if (pending > 0) send({ type: "record", count: pending });
    send({ type: "done" });
  } catch (error) {
    // An archive error (a source changed during the build) is sent as its `file: message` lines, for the maintainer.
    const message =
      error instanceof ArchiveValidationError ? error.diagnostics.map(formatDiagnostic).join("\n") : error instanceof Error ? error.message : String(error);
    send({ type: "error", message });
  }
});

process.on("disconnect", () => {
  void pagefind.close().finally(() => process.exit(0));
});
