/**
 * A worker process running a TypeScript module under tsx, as the build itself
 * runs (worker threads do not get tsx's loader). Parsing (src/content/) and
 * search indexing (src/search/) both spread work this way.
 */
import { fork, type ChildProcess, type ForkOptions } from "node:child_process";
import { fileURLToPath } from "node:url";

export function forkTsx(module: URL, options: Pick<ForkOptions, "serialization"> = {}): ChildProcess {
  return fork(fileURLToPath(module), [], { ...options, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
}
