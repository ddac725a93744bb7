/**
 * One build (or dev server) at a time per output folder. Two builds at once
 * interleave their swaps and updates: the second finishes the first one's
 * pending update, and the first then fails half-way. The lock is a file beside
 * the output (`.<name>.build.lock`), created with O_EXCL so exactly one
 * process gets it, holding the owner's pid, host and start time. A lock whose
 * process is gone (a build killed with SIGKILL) is stale and taken over.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OutputRefusedError } from "./buildErrors.ts";

export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the owner took the lock. */
  started: string;
  /** What holds it, for the message: `npm run build`, `npm start`. */
  command: string;
  /** Tells this holder's lock from a later one with the same pid. */
  token: string;
}

/** A lock file still empty after this long was left by a process killed between creating and writing it. */
const UNWRITTEN_LOCK_MS = 10_000;

/** Locks this process holds: the same pid in the file does not mean stale while one of its builds runs. */
const held = new Set<string>();

export function lockPath(outputDir: string): string {
  return path.join(path.dirname(outputDir), `.${path.basename(outputDir)}.build.lock`);
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LockOwner>;
    return typeof owner.pid === "number" && typeof owner.token === "string" ? (owner as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether the lock's owner may still be running. Another host's process cannot be checked: assumed alive. */
function ownerIsAlive(owner: LockOwner, file: string): boolean {
  if (owner.host !== os.hostname()) return true;
  // Our own pid in a lock this process does not hold: an earlier process with the same pid (after a restart).
  if (owner.pid === process.pid) return held.has(file);
  return processIsAlive(owner.pid);
}

function lockedError(file: string, outputDir: string, owner: LockOwner | undefined): OutputRefusedError {
  const who = owner
    ? `${owner.command}, pid ${owner.pid}${owner.host === os.hostname() ? "" : ` on host ${owner.host}`}, started ${owner.started}`
    : "a process that is still writing its lock";
  const server = owner?.command === "npm start";
  return new OutputRefusedError(
    `${server ? "A dev server is using" : "Another build is running on"} ${outputDir} (${who}): it holds the lock ${file}. ` +
      `${server ? "Stop it" : "Wait for it to finish"}, then run again. ` +
      `If no such process is running (it was killed and its pid reused, or it ran on another machine), delete ${file} yourself and run again.`,
  );
}

/**
 * A stale lock is moved aside, then checked: if what was moved is no longer
 * the stale lock (another process took it over in between), it is put back.
 */
function breakStaleLock(file: string, stale: LockOwner | undefined): void {
  const aside = `${file}.stale-${process.pid}-${randomUUID()}`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // someone else moved it
    throw error;
  }
  const moved = readOwner(aside);
  if (moved && moved.token !== stale?.token) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // A third process holds the lock now; ours fails below when it tries again.
    }
  }
  fs.rmSync(aside, { force: true });
}

/**
 * Takes the lock on `outputDir` (its real path) or throws a message naming the
 * build that holds it. Returns the function that releases it.
 */
export function acquireOutputLock(outputDir: string, command: string): () => void {
  const file = lockPath(outputDir);
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), started: new Date().toISOString(), command, token: randomUUID() };
  if (held.has(file)) throw lockedError(file, outputDir, readOwner(file));
  // An output in folders yet to be made (`--output new/deeper/_site`): the build makes them anyway.
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(file, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const current = readOwner(file);
      if (current ? ownerIsAlive(current, file) : lockIsBeingWritten(file)) throw lockedError(file, outputDir, current);
      breakStaleLock(file, current);
      continue;
    }
    try {
      fs.writeSync(fd, `${JSON.stringify(owner)}\n`);
    } finally {
      fs.closeSync(fd);
    }
    held.add(file);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      held.delete(file);
      // Only our own lock: never one a later process took over.
      if (readOwner(file)?.token === owner.token) fs.rmSync(file, { force: true });
    };
  }
  throw lockedError(file, outputDir, readOwner(file));
}

/** An unreadable lock is one being written (fresh) or left empty by a process killed at once (old). */
function lockIsBeingWritten(file: string): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs < UNWRITTEN_LOCK_MS;
  } catch {
    return false; // gone: try again
  }
}
