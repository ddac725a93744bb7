/**
 * `npm run import -- <file> [--format wxr|jsonl|json|csv] [--map map.json] [--media DIR]
 *   [--post-types post,page] [--dry-run] [--update] [--verbose] [--root DIR]`
 *
 * Imports an existing archive (a WordPress export, JSON Lines, a JSON array or
 * CSV) into `articles/`, as articles an editor keeps like hand-written ones.
 * Exit status: 0 when every record was imported (or was already), 1 when some
 * were skipped (each is listed with its position), 2 for a command line or a
 * file that cannot work.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatDiagnostic, showInvisible, type Diagnostic } from "../model/diagnostics.ts";
import { loadSiteData } from "../content/siteData.ts";
import { detectFormat, TabularInputError } from "../import/tabular/readTabular.ts";
import { defaultImportMap, loadImportMap, type ImportMap } from "../import/importMap.ts";
import { formatSummary, skippedCount } from "../import/importSummary.ts";
import { ImportSetupError, runImport, type ImportFormat } from "../import/runImport.ts";
import { NotWxrError } from "../import/wxr/wxrChannel.ts";

const USAGE =
  "Usage: npm run import -- <file> [--format wxr|jsonl|json|csv] [--map map.json] [--media DIR] [--post-types post,page] [--dry-run] [--update] [--verbose] [--root DIR]";
const HELP = `${USAGE}
  --format      what the file is (default: by its extension and first bytes)
  --map         a JSON file: category-to-section map, default section, source time zone, field names (see README)
  --media       a local copy of the old site's uploads folder: photos are taken from it
  --post-types  WordPress post types to import (default: post)
  --dry-run     read and check everything, print the summary, write nothing
  --update      take records that changed at the source since the last import (never over an article edited by hand)
  --verbose     list every note, not only the first ones`;

const EXIT_SKIPPED = 1;
const EXIT_USAGE = 2;
const FORMATS: readonly ImportFormat[] = ["wxr", "jsonl", "json", "csv"];

function fail(message: string): never {
  console.error(showInvisible(message));
  process.exit(EXIT_USAGE);
}

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    options: {
      format: { type: "string" },
      map: { type: "string" },
      media: { type: "string" },
      "post-types": { type: "string" },
      "dry-run": { type: "boolean", default: false },
      update: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      root: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const { values: args, positionals } = parsed;
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
if (positionals.length !== 1) fail(`Give one file to import.\n${USAGE}`);
const file = path.resolve(positionals[0] as string);
if (!fs.existsSync(file) || !fs.statSync(file).isFile()) fail(`${positionals[0]}: no such file`);
if (args.format !== undefined && !FORMATS.includes(args.format as ImportFormat)) fail(`--format must be one of ${FORMATS.join(", ")}.\n${USAGE}`);
if (args.media !== undefined && !(fs.existsSync(args.media) && fs.statSync(args.media).isDirectory())) fail(`--media ${args.media}: no such folder`);

const root = path.resolve(args.root ?? process.cwd());
const diagnostics: Diagnostic[] = [];
const site = loadSiteData(root, diagnostics);
if (!site) fail(diagnostics.map((d) => formatDiagnostic(d)).join("\n"));

let map: ImportMap = defaultImportMap();
if (args.map !== undefined) {
  const loaded = loadImportMap(path.resolve(args.map), site);
  if ("problems" in loaded) fail(loaded.problems.map((p) => `${args.map}: ${p}`).join("\n"));
  map = loaded;
}

const format = (args.format as ImportFormat | undefined) ?? detectFormat(file);
if (!format) fail(`${positionals[0]}: cannot tell what this file is: give --format wxr, jsonl, json or csv`);

const started = performance.now();
let tally;
try {
  tally = await runImport({
    root,
    file,
    format,
    map,
    site,
    mediaDir: args.media,
    dryRun: args["dry-run"],
    update: args.update,
    postTypes: args["post-types"]?.split(",").map((t) => t.trim()).filter(Boolean),
  });
} catch (error) {
  if (error instanceof NotWxrError || error instanceof ImportSetupError || error instanceof TabularInputError) fail((error as Error).message);
  throw error;
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const shownFile = path.relative(process.cwd(), file) || file;
if (args.verbose) {
  for (const note of tally.notes) console.log(showInvisible(note));
  tally.notes = [];
}
for (const line of formatSummary(tally, shownFile, args["dry-run"])) console.log(showInvisible(line));
console.log(`  in ${seconds} s`);
if (!args["dry-run"] && tally.imported + tally.updated > 0) console.log("Next: npm run check, then npm run build.");
process.exit(skippedCount(tally) > 0 ? EXIT_SKIPPED : 0);
