/** `npm run build [-- --pathprefix=/sub/path/] [--output DIR] [--root DIR]` */
import fs from "node:fs";
import { formatDiagnostic } from "../archive/diagnostics.ts";
import { buildSite } from "../build/buildSite.ts";
import { parseBuildArgs } from "./args.ts";
import { reportError } from "./reportError.ts";

const args = parseBuildArgs(process.argv.slice(2));
if (args.help) {
  console.log("Usage: npm run build -- [--pathprefix=/sub/path/] [--output _site] [--root .]");
  process.exit(0);
}

const started = performance.now();
try {
  const report = await buildSite({
    contentRoot: args.root,
    outputDir: args.output,
    pathPrefix: args.pathprefix,
    onStage: (name) => console.log(`${name}…`),
  });
  for (const warning of report.warnings) console.warn(formatDiagnostic(warning));
  if (args.report) {
    // Machine-readable summary for the benchmark.
    const { archive: _archive, ...summary } = report;
    fs.writeFileSync(args.report, JSON.stringify({ ...summary, warnings: report.warnings.length }, null, 2));
  }
  const stages = report.stages.map((s) => `${s.name} ${(s.ms / 1000).toFixed(1)} s`).join(", ");
  console.log(
    `Built ${report.articles} articles (${report.drafts} draft${report.drafts === 1 ? "" : "s"} left out), ` +
      `${report.pagesIndexed} indexed for search, into ${report.outputDir} in ${((performance.now() - started) / 1000).toFixed(1)} s (${stages}).`,
  );
} catch (error) {
  reportError(error);
  process.exitCode = 1;
}
