/** Child process of renderWorkers.ts: reads the render job, then renders the batches it is handed, one at a time. */
import fs from "node:fs";
import v8 from "node:v8";
import { renderBatch } from "./renderBatch.ts";
import { errorChain, type FromWorker, type RenderJob, type ToWorker } from "./renderWorkers.ts";

/** Pages rendered are reported in groups: a message per page would keep the parent's thread busy. */
const REPORT_EVERY = 100;

const send = (message: FromWorker): void => {
  process.send?.(message);
};

let job: RenderJob | undefined;

process.on("message", async (message: ToWorker) => {
  if ("jobFile" in message) {
    try {
      job = v8.deserialize(fs.readFileSync(message.jobFile)) as RenderJob;
      send({ type: "ready" });
    } catch (error) {
      send({ type: "error", batch: -1, chain: errorChain(error) });
    }
    return;
  }
  const batch = job?.batches[message.batch];
  if (!job || !batch) return send({ type: "error", batch: message.batch, chain: [{ message: `render worker: no batch ${message.batch + 1}` }] });
  let pending = 0;
  try {
    await renderBatch(job.siteDir, job.options, job.archive, batch, () => {
      if (++pending >= REPORT_EVERY) {
        send({ type: "pages", count: pending });
        pending = 0;
      }
    });
    if (pending > 0) send({ type: "pages", count: pending });
    send({ type: "rendered", batch: message.batch });
  } catch (error) {
    send({ type: "error", batch: message.batch, chain: errorChain(error) });
  }
});

// Released by the parent (or the parent is gone): nothing more to do.
process.on("disconnect", () => process.exit(0));
