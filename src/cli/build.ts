/** `npm run build [-- --pathprefix=/sub/path/] [--output DIR] [--root DIR] [--full | --render-all] [--future]` */
import fs from "node:fs";
import { formatDiagnostic } from "../model/diagnostics.ts";
import { buildSite } from "../publish/buildSite.ts";
import { parseBuildArgs } from "./args.ts";
import { reportError } from "./reportError.ts";

const args = parseBuildArgs(process.argv.slice(2));
if (args.help) {
  console.log("Usage: npm run build -- [--pathprefix=/sub/path/] [--output _site] [--root .] [--full | --render-all] [--future]");
  console.log("  --full        rebuild every page and search shard, ignoring what the previous build published");
  console.log("  --render-all  render every page again (as a template change does), keeping the unchanged search shards");
  console.log("  --future  preview: include articles dated in the future (held back otherwise), with a banner;");
  console.log("            written to _site.preview/ unless --output says otherwise, never into a published site");
  console.log("  --output  the site folder (default _site/): a new or empty folder, or one an earlier build made;");
  console.log("            never the archive's sources. A symlink is published through: its target is updated");
  process.exit(0);
}

const started = performance.now();
try {
  const report = await buildSite({
    contentRoot: args.root,
    outputDir: args.output,
    pathPrefix: args.pathprefix,
    full: args.full,
    // Every page counts as changed: a full render, with the search shards of unchanged records kept.
    incrementalLimit: args["render-all"] ? -1 : undefined,
    future: args.future,
    onStage: (name) => console.log(`${name}…`),
  });
  for (const warning of report.warnings) console.warn(formatDiagnostic(warning));
  if (args.report) {
    // Machine-readable summary for the benchmark.
    const { archive: _archive, ...summary } = report;
    fs.writeFileSync(args.report, JSON.stringify({ ...summary, warnings: report.warnings.length }, null, 2));
  }
  const stages = report.stages.map((s) => `${s.name} ${(s.ms / 1000).toFixed(1)} s`).join(", ");
  const drafts = `${report.drafts} draft${report.drafts === 1 ? "" : "s"} left out`;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const work =
    report.mode === "incremental"
      ? `updated ${report.pagesWritten} pages, removed ${report.pagesDeleted}, re-indexed ${report.shardsWritten} search shard${report.shardsWritten === 1 ? "" : "s"} (${report.pagesIndexed} articles)`
      : `${report.pagesIndexed} indexed for search${report.shardsReused > 0 ? ` (${report.shardsReused} unchanged search shard${report.shardsReused === 1 ? "" : "s"} kept)` : ""}`;
  const into = report.realOutputDir === report.outputDir ? report.outputDir : `${report.outputDir} (→ ${report.realOutputDir})`;
  console.log(`Built ${report.articles} articles (${drafts}), ${work}, into ${into} in ${seconds} s (${stages}).`);
} catch (error) {
  reportError(error);
  process.exitCode = 1;
}
