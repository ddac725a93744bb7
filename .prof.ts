import { readSources } from "./src/content/loadSources.ts";
import { loadArchive } from "./src/views/archive.ts";
const root = process.argv[2]!;
let t = performance.now();
const first = loadArchive(root, { includeDrafts: true, includeFuture: true });
console.log("cold load", (performance.now() - t).toFixed(0));
if (!first.ok) throw new Error("x");
const cache = first.archive.sources;
for (let i = 0; i < 3; i++) {
  t = performance.now();
  const r = readSources(root, { cache, now: Date.now(), includeDrafts: true, includeFuture: true });
  const t1 = performance.now();
  const a = loadArchive(root, { cache, includeDrafts: true, includeFuture: true });
  console.log("readSources cached", (t1 - t).toFixed(0), "whole load cached", (performance.now() - t1).toFixed(0));
}
