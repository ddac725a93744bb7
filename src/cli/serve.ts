/**
 * `npm start [-- --port 8080] [--host 127.0.0.1] [--pathprefix=/sub/]`: the dev server. Builds the archive with
 * the production build's engine into `.cache/dev-site/` (never touching the published `_site/`), drafts and
 * articles dated in the future included and shown with a banner saying so, then serves it and, on every save,
 * builds again only what the save touched (src/dev/devSession.ts) and live-reloads the open pages.
 */
import path from "node:path";
import { DevServer, networkWarning } from "../dev/devServer.ts";
import { DevSession } from "../dev/devSession.ts";
import { openDevServerOutput } from "../publish/outputGuard.ts";
import { normalizePathPrefix } from "../model/urls.ts";
import { parseBuildArgs } from "./args.ts";
import { reportError } from "./reportError.ts";

const args = parseBuildArgs(process.argv.slice(2));
if (args.help) {
  console.log("Usage: npm start -- [--port 8080] [--host 127.0.0.1] [--pathprefix=/sub/path/] [--root .] [--output .cache/dev-site]");
  console.log("  Builds the archive, drafts and scheduled articles included (with a banner), into its own folder, never _site/;");
  console.log("  serves it and, on each save, builds again only what the save touched and reloads the open pages.");
  console.log("  --host    the address to listen on (default 127.0.0.1: the dev site shows drafts and embargoed articles)");
  console.log("  --output  the dev site's folder (default .cache/dev-site/ in the archive): one the dev server made, or a new one");
  process.exit(0);
}
const contentRoot = path.resolve(args.root ?? process.cwd());
const defaultOutput = path.join(contentRoot, ".cache", "dev-site");
// Only a folder of the dev server's own, locked for the server's lifetime (src/publish/outputGuard.ts).
const outputDir = (() => {
  try {
    return openDevServerOutput(args.output ?? defaultOutput, { contentRoot, defaultDir: defaultOutput });
  } catch (error) {
    reportError(error, { publishes: false });
    process.exit(1);
  }
})();
const port = Number(args.port ?? 8080);
// Loopback unless opened deliberately: the dev site shows drafts and embargoed articles.
const host = args.host ?? "127.0.0.1";

const devServer = new DevServer({ root: outputDir, host, port, pathPrefix: args.pathprefix });
const session = new DevSession({ contentRoot, outputDir, pathPrefix: normalizePathPrefix(args.pathprefix), onPublished: () => devServer.reload() });

// Listening first: the URL is known at once, and a dev site left by the last run is served while the first build runs.
const url = await devServer.listen().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
console.log(`Dev server: ${url} (building; pages appear as the build publishes them)`);
const warning = networkWarning(devServer.boundAddress);
if (warning) console.warn(warning);
process.on("SIGINT", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
session.watch();
await session.build();
console.log(`Dev server: ${url} is up to date; watching for changes.`);
