/**
 * One temporary folder per test run, removed when the run ends: every fixture
 * archive, built site and command the tests start makes its folders under it
 * (`os.tmpdir()` follows TMPDIR, and the test processes and the commands they
 * start inherit it). Without it a run left some 5,000 folders in /tmp.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export default function setup(): () => void {
  // Both projects name this setup; the second finds the folder the first made.
  if (path.basename(os.tmpdir()).startsWith("archive-tests-")) return () => undefined;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "archive-tests-"));
  // Open to every user, as /tmp is (sticky): some tests run commands as another user.
  fs.chmodSync(root, 0o1777);
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    fs.rmSync(root, { recursive: true, force: true });
  };
}
