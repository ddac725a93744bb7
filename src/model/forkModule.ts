/**
 * A worker process running one of the project's TypeScript modules from its
 * esbuild bundle (bin/worker.mjs), as the commands run (bin/run.mjs): worker
 * threads would not get a TypeScript loader, and tsx's took some 0.45 s longer
 * to start one. Parsing (src/content/), rendering (src/render/), search
 * indexing (src/search/) and the import (src/import/) spread work this way.
 */
import { fork, type ChildProcess, type ForkOptions } from "node:child_process";
import { fileURLToPath } from "node:url";

const LAUNCHER = fileURLToPath(new URL("../../bin/worker.mjs", import.meta.url));

export function forkModule(module: URL, options: Pick<ForkOptions, "serialization"> = {}): ChildProcess {
  return fork(LAUNCHER, [fileURLToPath(module)], { ...options, execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
}
