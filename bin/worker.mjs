/**
 * Starts a worker process of the project (src/model/forkModule.ts forks it):
 * `node bin/worker.mjs src/search/shardWorker.ts` runs that module from its
 * esbuild bundle (bin/bundle.mjs): ready in about 0.35 s, where tsx's loader
 * took 0.8 s.
 */
import path from "node:path";
import { bundledModule, projectRoot } from "./bundle.mjs";

const entry = process.argv[2];
if (!entry || !/\.ts$/.test(entry)) {
  console.error(`Usage: node bin/worker.mjs <module.ts>, not "${entry ?? ""}"`);
  process.exit(2);
}
process.argv.splice(2, 1);
// Named by the module's path (src/render/renderWorker.ts and src/import/renderWorker.ts are two workers).
const module = path.resolve(entry);
const name = path.relative(projectRoot, module).replace(/\.ts$/, "").replace(/[^A-Za-z0-9]+/g, "-");
await import(await bundledModule(module, `worker-${name}`));
