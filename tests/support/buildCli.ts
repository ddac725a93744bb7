/** Runs a command of the project (`src/cli/<name>.ts`) as `npm run` does (bin/run.mjs), and collects what it printed. */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/paths.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Run as this user (the tests run as root, whom file permissions do not stop). */
  uid?: number;
  gid?: number;
  timeoutMs?: number;
  /** More environment variables for the command. */
  env?: Record<string, string>;
}

export function runCli(command: "build" | "serve" | "check" | "import", args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(PROJECT_ROOT, "bin/run.mjs"), command, ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, CI: "true", ...options.env }, uid: options.uid, gid: options.gid, timeout: options.timeoutMs ?? 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** Starts a command without waiting for it (a build to race, a dev server). */
export function startCli(command: "build" | "serve", args: string[]): ChildProcess {
  return spawn(process.execPath, [path.join(PROJECT_ROOT, "bin/run.mjs"), command, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** A stack trace's frame lines (`    at fn (file:line:col)`): never shown to a maintainer. */
export const STACK_FRAME = /^\s+at .+[:(]/m;
