/**
 * Starts a worker process of the project (src/model/forkModule.ts forks it):
 * `node bin/worker.mjs src/search/shardWorker.ts` runs that module from its
 * esbuild bundle (bin/bundle.mjs), in about a fifth of the time tsx's loader
 * took to start it.
 */
import path from "node:path";
import { bundledModule } from "./bundle.mjs";

const entry = process.argv[2];
if (!entry || !/\.ts$/.test(entry)) {
  console.error(`Usage: node bin/worker.mjs <module.ts>, not "${entry ?? ""}"`);
  process.exit(2);
}
process.argv.splice(2, 1);
await import(await bundledModule(path.resolve(entry), `worker-${path.basename(entry, ".ts")}`));
