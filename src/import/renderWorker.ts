/**
 * A render worker of `npm run import` (src/import/renderPool.ts): converts, assembles and checks articles ahead
 * of their turn, with the same ArticleWriter code the main process runs. It writes nothing and claims nothing:
 * the main process decides, in source order, whether a rendering is used.
 */
import { parseContextFor } from "../content/loadSources.ts";
import { loadSiteData } from "../content/siteData.ts";
import { ArticleWriter } from "./articleWriter.ts";
import { ImportLedger } from "./importLedger.ts";
import type { RenderJob, RenderWorkerInit } from "./renderPool.ts";
import { wordpressLookups } from "./wxr/wxrChannel.ts";

process.once("message", (init: RenderWorkerInit) => {
  const base = parseContextFor(init.root);
  const site = loadSiteData(init.root, []);
  if (!base || !site) throw new Error(`the site data in ${init.root} does not load`);
  const context = { ...base, now: init.now };
  const { attachmentsById, attachmentsByPath } = init;
  const writer = new ArticleWriter({ root: init.root, site, context, ledger: ImportLedger.inMemory(), dryRun: true, update: false });
  if (attachmentsById && attachmentsByPath) writer.useWordPress(wordpressLookups(attachmentsById, attachmentsByPath));
  process.on("message", (job: RenderJob) => {
    process.send?.({ id: job.id, rendered: writer.render(job.record, job.plan) });
  });
  process.send?.({ ready: true });
});
