#!/usr/bin/env node
/**
 * Runs one of the project's commands, `node bin/run.mjs build --root …` for
 * src/cli/build.ts, from one JavaScript file that esbuild bundles from the
 * TypeScript sources at every start (some 50 ms). Loading the same modules one
 * by one through tsx's loader took about half a second more on every command,
 * most of a small republish. The project's own modules are bundled; packages
 * are imported from node_modules as usual. Each module keeps its own
 * `import.meta.url` (the bundle is written elsewhere), so paths made from it
 * (templates, worker scripts, which still run under tsx) are the ones it has
 * in src/. Plain `tsx src/cli/<name>.ts` runs the same code, module by module.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [name, ...args] = process.argv.slice(2);
const entry = name && /^[a-z]+$/.test(name) ? path.join(projectRoot, "src", "cli", `${name}.ts`) : undefined;
if (!entry || !fs.existsSync(entry)) {
  console.error(`Usage: node bin/run.mjs <command> [options]: a command of src/cli/ (build, check, serve, new, import), not "${name ?? ""}"`);
  process.exit(2);
}

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
// never rewritten under a running command, and left in place by a command killed by a signal.
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
process.argv.splice(2, 1);
await import(pathToFileURL(file).href);
