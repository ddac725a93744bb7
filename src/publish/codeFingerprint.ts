/**
 * The source files a stage of the build runs: the project's modules reachable from its entry points through
 * relative imports (static, dynamic, and `new URL("./worker.ts", import.meta.url)` for worker processes). A
 * stage's key hashes these and nothing else, so a change to the `new` or `import` command, the dev server or the
 * benchmark invalidates no page, and a template change does not re-index search. Packages are covered by
 * package-lock.json, which every key includes.
 */
import fs from "node:fs";
import path from "node:path";

/** `from "./x.ts"`, `import("./x.ts")`, `import "./x.css"`, `new URL("./x.ts", import.meta.url)`. */
const RELATIVE_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bnew\s+URL\s*\(\s*)(["'])(\.{1,2}\/[^"']+)\1/g;
const CODE_FILE = /\.(?:ts|mts|js|mjs|cjs)$/;

/** Every project file reachable from `entries` (absolute paths), sorted, relative to `root`. */
export function moduleGraph(root: string, entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = entries.map((entry) => path.resolve(root, entry));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      // A missing module fails the build itself; here it only counts as a change (its name is hashed).
      seen.add(file);
      continue;
    }
    seen.add(file);
    if (!CODE_FILE.test(file)) continue;
    for (const match of text.matchAll(RELATIVE_SPECIFIER)) queue.push(path.resolve(path.dirname(file), match[2] as string));
  }
  return [...seen].map((file) => path.relative(root, file)).sort();
}
