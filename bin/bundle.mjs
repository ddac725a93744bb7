/**
 * One of the project's TypeScript modules as one JavaScript file, bundled by
 * esbuild from the sources (again only when one of them changed since) and
 * written beside them, named by its content. Loading the same modules one by
 * one through tsx's loader took about half a second more on every start, most
 * of a small republish. The packages it uses are in the bundle too (but for
 * those that run a binary or load a native addon, imported from node_modules
 * as usual): Node's module loader resolving, reading and linking some 800
 * package files took another half second of every start (`build --help`:
 * 1.1 s → 0.6 s). Each module keeps its own `import.meta.url` (the bundle is
 * written elsewhere), so paths made from it (templates, worker scripts, a
 * package's own files) are the ones it has on disk. Used by bin/run.mjs (the
 * commands) and bin/worker.mjs (their worker processes).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Eleventy registers a module resolver hook (on Node 20, in a thread every later import waits on) so that its watch
// mode can re-import edited JavaScript templates; the archive renders from Nunjucks templates and its own dev server,
// so it goes without (the switch Eleventy added for its issue 3371), some 0.1 s sooner at every start. Inherited by
// worker processes.
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";

/**
 * Packages left out of the bundle, imported from node_modules as usual: those that find a binary or a native addon
 * beside their own files (sharp, Pagefind, esbuild), fsevents (optional, macOS only), Eleventy's dev server (never
 * started: the archive has its own; its code is not valid in an ES module's strict mode), and chokidar (the dev
 * server's watcher: bundled, a save took a second longer to reach the server, measured by `npm run bench -- --dev`).
 */
const EXTERNAL = ["sharp", "@img/*", "pagefind", "@pagefind/*", "esbuild", "fsevents", "@11ty/eleventy-dev-server", "chokidar"];

/**
 * `import.meta.url` of each module, the project's and the packages', as the module's own file (and `__dirname`,
 * `__filename` for a CommonJS package file that uses them); `stamps` gets each file's stamp as read.
 */
const ownFileUrls = (stamps) => ({
  name: "own-file-urls",
  setup(bundler) {
    bundler.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (file) => {
      stamps.set(file.path, stampOf(file.path));
      let text = await fs.promises.readFile(file.path, "utf8");
      text = text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(file.path).href));
      // An ES module has neither (and may declare its own); a CommonJS one is wrapped in a function by esbuild.
      if (/\b__(dirname|filename)\b/.test(text) && !/^\s*(import|export)\b/m.test(text))
        text = `var __dirname = ${JSON.stringify(path.dirname(file.path))}, __filename = ${JSON.stringify(file.path)};\n${text}`;
      return { contents: text, loader: /\.[cm]?ts$/.test(file.path) ? "ts" : "js" };
    });
  },
});

/** This file: its settings (what is bundled, how) are an input of every bundle. */
const launcher = fileURLToPath(import.meta.url);

/** A file's modification time and size: what says a bundle's input is as it was when bundled. */
function stampOf(file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.mtimeMs}:${stat.size}` : "missing";
}

/**
 * The bundle the last start made of `entry`, when every one of its inputs is as it was then (a stat each, some
 * 900 of them with the packages' files: about 12 ms, where esbuild's start and bundle take some 1.5 s). An upgraded
 * package changes its files' stamps, so its bundles are made again.
 */
function bundleStillCurrent(record, entry) {
  try {
    const { bundle, inputs, from } = JSON.parse(fs.readFileSync(record, "utf8"));
    // A record without the launcher's stamp was made by an earlier launcher, with other settings.
    if (from !== entry || !(launcher in inputs) || !fs.existsSync(bundle)) return undefined;
    for (const [file, stamp] of Object.entries(inputs)) if (stampOf(file) !== stamp) return undefined;
    return bundle;
  } catch {
    return undefined;
  }
}

/** Bundles `entry` (a path) and returns the bundle's file URL, to import; `name` starts the bundle's file name. */
export async function bundledModule(entry, name) {
  const dir = path.join(projectRoot, "node_modules", ".cache", "newsroom-archive");
  // Source maps (stack traces that name src/ files and lines) cost some 0.2 s of every start with the packages in the
  // bundle: only when asked for. Without them a trace names the bundle's functions, and `tsx src/cli/<name>.ts` runs
  // the sources themselves.
  const mapped = process.env.ARCHIVE_SOURCE_MAPS === "1";
  if (mapped) {
    process.setSourceMapsEnabled(true);
    name = `${name}-mapped`;
  }
  // Which bundle of `entry` is current, with the stamps of the sources it was made from.
  const record = path.join(dir, `${name}.inputs.json`);
  const current = bundleStillCurrent(record, entry);
  if (current) {
    // Touched: the clean-up below removes what no start has used for a day, never a bundle in use. Another user
    // (one the project's files do not belong to) may run it without touching it.
    try {
      const now = new Date();
      fs.utimesSync(current, now, now);
    } catch {
      // Read-only for this user: the bundle is used as it is.
    }
    return pathToFileURL(current).href;
  }
  const { build } = await import("esbuild");
  // Stamped before bundling: a source saved while esbuild reads it makes the record stale, never the bundle.
  const stamps = new Map();
  stamps.set(launcher, stampOf(launcher));
  const bundled = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: EXTERNAL,
    // Packages bundled into an ES module may still `require` Node's modules and the external packages.
    banner: { js: 'import { createRequire as __archiveCreateRequire } from "node:module"; const require = __archiveCreateRequire(import.meta.url);' },
    sourcemap: mapped ? "inline" : false,
    write: false,
    metafile: true,
    logLevel: "silent",
    absWorkingDir: projectRoot,
    plugins: [ownFileUrls(stamps)],
  });
  // Beside the sources (so packages resolve from the project's node_modules), named by its content: written once,
  // never rewritten under a running process, and left in place by a process killed by a signal.
  const code = bundled.outputFiles[0].contents;
  const file = path.join(dir, `${name}-${createHash("sha1").update(code).digest("hex").slice(0, 16)}.mjs`);
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(file)) {
    writeAtomically(file, code);
    // Bundles (and records) no start has used for a day: of earlier sources, or of a command not run since.
    for (const old of fs.readdirSync(dir)) {
      const at = path.join(dir, old);
      if (at !== file && at !== record && Date.now() - fs.statSync(at, { throwIfNoEntry: false })?.mtimeMs > 86_400_000) fs.rmSync(at, { force: true });
    }
  }
  const inputs = Object.fromEntries([launcher, ...Object.keys(bundled.metafile.inputs).map((input) => path.resolve(projectRoot, input))].map((absolute) => [absolute, stamps.get(absolute) ?? stampOf(absolute)]));
  writeAtomically(record, JSON.stringify({ from: entry, bundle: file, inputs }));
  return pathToFileURL(file).href;
}

function writeAtomically(file, contents) {
  const temporary = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}
