/**
 * `npm run check [-- --root DIR] [--format json] [--strict]`: validates the
 * whole archive without building the site, as `npm run build` does first.
 * Messages read like a compiler's, one line each (`file:line: field: message`),
 * then a count; the exit status is 1 when there are errors (or, with
 * `--strict`, warnings), so it fits a pre-commit hook or CI.
 *
 * When a build has published the site, its state (content hashes and parse
 * results) lets unchanged files skip parsing; it is only read, never written.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadArchiveInParallel } from "../views/archive.ts";
import { countErrors, formatDiagnostic, sortDiagnostics } from "../model/diagnostics.ts";
import { buildKeys, parseCachePath, readParseCache } from "../publish/buildState.ts";
import { stampSourcesInBackground } from "../content/loadSources.ts";
import { createProgress, type Progress } from "../publish/progress.ts";
import { PHOTO_CACHE_DIR } from "../photos/checkPhotos.ts";
import { checkArchivePhotos } from "../publish/sitePhotos.ts";

const USAGE = "Usage: npm run check -- [--root DIR] [--format text|json] [--strict] [--no-cache]";

const { values: args } = parseArgs({
  args: process.argv.slice(2),
  options: {
    root: { type: "string" },
    output: { type: "string" },
    format: { type: "string", default: "text" },
    strict: { type: "boolean", default: false },
    "no-cache": { type: "boolean", default: false },
    help: { type: "boolean", short: "h" },
  },
  strict: true,
});
if (args.help) {
  console.log(
    `${USAGE}\n  --format json  one JSON document on stdout, for tools\n  --strict       warnings fail the check too\n  --no-cache     parse every file, ignoring the last build's state`,
  );
  process.exit(0);
}
if (args.format !== "text" && args.format !== "json") {
  console.error(`--format must be text or json.\n${USAGE}`);
  process.exit(2);
}

const started = performance.now();
const contentRoot = path.resolve(args.root ?? process.cwd());
const outputDir = path.resolve(args.output ?? path.join(contentRoot, "_site"));
// The cache is only as good as its key: same loader code and site data.
// The files are stamped in a thread while the cache is read (src/content/loadSources.ts).
const stampsTaken = args["no-cache"] || !fs.existsSync(parseCachePath(outputDir)) ? undefined : stampSourcesInBackground(contentRoot);
const cached = args["no-cache"] ? undefined : readParseCache(outputDir, buildKeys(contentRoot, "/").parseKey);

let files = 0;
let progress: Progress | undefined;
const result = await loadArchiveInParallel(contentRoot, {
  cache: cached?.sources,
  sourceStats: cached?.stats,
  ...(cached && stampsTaken ? { stampsTaken } : {}),
  onStart: (count) => {
    files = count;
    if (args.format === "text") progress = createProgress("check", count);
  },
  onFile: () => progress?.tick(),
});
progress?.done();

// Photos are checked by their own content hash (decoded once, then answered by .cache/photos).
const photoDiagnostics = result.ok ? (await checkArchivePhotos(contentRoot, result.archive, path.join(contentRoot, PHOTO_CACHE_DIR))).diagnostics : [];
const diagnostics = sortDiagnostics([...(result.ok ? result.archive.diagnostics : result.diagnostics), ...photoDiagnostics]);
const errors = countErrors(diagnostics);
const warnings = diagnostics.length - errors;
const failed = errors > 0 || (args.strict && warnings > 0);
const seconds = (performance.now() - started) / 1000;

if (args.format === "json") {
  const summary = {
    ok: !failed,
    files,
    articles: result.ok ? result.archive.articles.length : undefined,
    drafts: result.ok ? result.archive.draftCount : undefined,
    scheduled: result.ok ? result.archive.scheduled.length : undefined,
    errors,
    warnings,
    seconds: Math.round(seconds * 1000) / 1000,
    diagnostics,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
} else {
  for (const d of diagnostics) console.log(formatDiagnostic(d));
  const plural = (n: number, word: string) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
  const counts = result.ok
    ? `${plural(result.archive.articles.length, "article")} published, ${plural(result.archive.draftCount, "draft")}, ${result.archive.scheduled.length.toLocaleString("en")} scheduled`
    : plural(files, "file");
  console.log(`${diagnostics.length > 0 ? "\n" : ""}Checked ${counts} in ${seconds.toFixed(1)} s: ${plural(errors, "error")}, ${plural(warnings, "warning")}.`);
}
process.exitCode = failed ? 1 : 0;
