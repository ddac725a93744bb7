/**
 * One of the project's TypeScript modules as one JavaScript file, bundled by
 * esbuild from the sources at every start (some 50 ms) and written beside
 * them, named by its content. Loading the same modules one by one through
 * tsx's loader took about half a second more on every start, most of a small
 * republish. The project's own modules are bundled; packages are imported
 * from node_modules as usual. Each module keeps its own `import.meta.url`
 * (the bundle is written elsewhere), so paths made from it (templates, worker
 * scripts) are the ones it has in src/. Used by bin/run.mjs (the commands)
 * and bin/worker.mjs (their worker processes).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** `import.meta.url` of each of the project's modules, as the module's own file. */
const ownFileUrls = {
  name: "own-file-urls",
  setup(bundler) {
    bundler.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (file) => {
      if (file.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = await fs.promises.readFile(file.path, "utf8");
      return {
        contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(file.path).href)),
        loader: /\.[cm]?ts$/.test(file.path) ? "ts" : "js",
      };
    });
  },
};

/** Bundles `entry` (a path) and returns the bundle's file URL, to import; `name` starts the bundle's file name. */
export async function bundledModule(entry, name) {
  const bundled = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    write: false,
    logLevel: "silent",
    absWorkingDir: projectRoot,
    plugins: [ownFileUrls],
  });
  // Beside the sources (so packages resolve from the project's node_modules), named by its content: written once,
  // never rewritten under a running process, and left in place by a process killed by a signal.
  const code = bundled.outputFiles[0].contents;
  const dir = path.join(projectRoot, "node_modules", ".cache", "newsroom-archive");
  const file = path.join(dir, `${name}-${createHash("sha1").update(code).digest("hex").slice(0, 16)}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const temporary = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, file);
    // Bundles of earlier sources, a day old: nothing runs them any more.
    for (const old of fs.readdirSync(dir)) {
      const at = path.join(dir, old);
      if (at !== file && Date.now() - fs.statSync(at, { throwIfNoEntry: false })?.mtimeMs > 86_400_000) fs.rmSync(at, { force: true });
    }
  }
  process.setSourceMapsEnabled(true);
  return pathToFileURL(file).href;
}
