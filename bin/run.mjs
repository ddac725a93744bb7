#!/usr/bin/env node
/**
 * Runs one of the project's commands, `node bin/run.mjs build --root …` for
 * src/cli/build.ts, from its esbuild bundle (bin/bundle.mjs says why). Plain
 * `tsx src/cli/<name>.ts` runs the same code, module by module.
 */
import fs from "node:fs";
import path from "node:path";
import { bundledModule, projectRoot } from "./bundle.mjs";

const [name, ...args] = process.argv.slice(2);
const entry = name && /^[a-z]+$/.test(name) ? path.join(projectRoot, "src", "cli", `${name}.ts`) : undefined;
if (!entry || !fs.existsSync(entry)) {
  console.error(`Usage: node bin/run.mjs <command> [options]: a command of src/cli/ (build, check, serve, new, import), not "${name ?? ""}"`);
  process.exit(2);
}
const bundle = await bundledModule(entry, name);
process.argv.splice(2, 1);
await import(bundle);
