import fs from "node:fs";
import path from "node:path";
import { buildSite } from "./src/publish/buildSite.ts";
const root = process.argv[2]!;
const t0 = performance.now();
let r = await buildSite({ contentRoot: root, outputDir: path.join(root, "_dev"), future: true });
console.log("first", r.mode, ((performance.now() - t0) / 1000).toFixed(2), JSON.stringify(r.stages));
const files = fs.readdirSync(path.join(root, "articles"), { recursive: true }).map(String).filter((f) => f.endsWith(".md"));
const file = path.join(root, "articles", files[123]!);
for (let i = 0; i < 3; i++) {
  fs.appendFileSync(file, `\nAn added line ${i} zebraquux${i}.\n`);
  const t = performance.now();
  r = await buildSite({ contentRoot: root, outputDir: path.join(root, "_dev"), future: true });
  console.log("edit", r.mode, ((performance.now() - t) / 1000).toFixed(2), r.pagesWritten, r.shardsWritten, JSON.stringify(r.stages));
}
