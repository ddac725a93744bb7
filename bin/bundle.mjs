/**
 * One of the project's TypeScript modules as one JavaScript file, bundled by
 * esbuild from the sources (again only when one of them changed since) and
 * written beside them, named by its content. Loading the same modules one by
 * one through tsx's loader took about half a second more on every start, most
 * of a small republish. The project's own modules are bundled; packages are imported
 * from node_modules as usual. Each module keeps its own `import.meta.url`
 * (the bundle is written elsewhere), so paths made from it (templates, worker
 * scripts) are the ones it has in src/. Used by bin/run.mjs (the commands)
 * and bin/worker.mjs (their worker processes).
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

/** `import.meta.url` of each of the project's modules, as the module's own file; `stamps` gets each file's stamp as read. */
const ownFileUrls = (stamps) => ({
  name: "own-file-urls",
  setup(bundler) {
    bundler.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (file) => {
      if (file.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      stamps.set(file.path, stampOf(file.path));
      const text = await fs.promises.readFile(file.path, "utf8");
      return {
        contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(file.path).href)),
        loader: /\.[cm]?ts$/.test(file.path) ? "ts" : "js",
      };
    });
  },
});

/** A file's modification time and size: what says a bundle's input is as it was when bundled. */
function stampOf(file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.mtimeMs}:${stat.size}` : "missing";
}

/**
 * The bundle the last start made of `entry`, when every one of its inputs is as it was then (a stat each, some
 * 150 of them: about 5 ms, where esbuild's start and bundle took some 0.25 s).
 */
function bundleStillCurrent(record, entry) {
  try {
    const { bundle, inputs, from } = JSON.parse(fs.readFileSync(record, "utf8"));
    if (from !== entry || !fs.existsSync(bundle)) return undefined;
    for (const [file, stamp] of Object.entries(inputs)) if (stampOf(file) !== stamp) return undefined;
    return bundle;
  } catch {
    return undefined;
  }
}

/** Bundles `entry` (a path) and returns the bundle's file URL, to import; `name` starts the bundle's file name. */
export async function bundledModule(entry, name) {
  const dir = path.join(projectRoot, "node_modules", ".cache", "newsroom-archive");
  // Which bundle of `entry` is current, with the stamps of the sources it was made from.
  const record = path.join(dir, `${name}.inputs.json`);
  process.setSourceMapsEnabled(true);
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
  const bundled = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
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
  const inputs = Object.fromEntries(Object.keys(bundled.metafile.inputs).map((input) => {
    const absolute = path.resolve(projectRoot, input);
    return [absolute, stamps.get(absolute) ?? stampOf(absolute)];
  }));
  writeAtomically(record, JSON.stringify({ from: entry, bundle: file, inputs }));
  return pathToFileURL(file).href;
}

function writeAtomically(file, contents) {
  const temporary = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}
