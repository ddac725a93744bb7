import { spawn } from "node:child_process";
import fs from "node:fs";

/**
 * Deletes a folder without waiting: removing a published tree (200,000 files
 * for 100,000 articles) takes longer than the rest of a republish, and nothing
 * needs it gone.
 */
export function removeInBackground(dir: string): void {
  try {
    const child = spawn("rm", ["-rf", "--", dir], { detached: true, stdio: "ignore" });
    child.on("error", () => fs.rmSync(dir, { recursive: true, force: true }));
    child.unref();
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
