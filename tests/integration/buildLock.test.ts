/**
 * One build at a time per output: a second build while one runs stops at once
 * with a message naming the first one's pid, exits with status 1 and changes
 * nothing; a lock left by a killed build is taken over; the lock is released
 * when a build succeeds or fails.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { OutputRefusedError } from "../../src/publish/buildErrors.ts";
import { lockPath } from "../../src/publish/outputLock.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { runCli, startCli, STACK_FRAME, type CliResult } from "../support/buildCli.ts";
import { makeTempDir, writeArticle } from "../support/fixtureArchive.ts";
import { createGazetteArchive } from "../support/gazetteFixture.ts";
import { listFiles } from "../support/html.ts";

function treeDigest(dir: string): string {
  const hash = crypto.createHash("sha256");
  for (const file of listFiles(dir)) hash.update(file).update("\0").update(fs.readFileSync(path.join(dir, file)));
  return hash.digest("hex");
}

const holders: ChildProcess[] = [];
afterEach(() => {
  for (const holder of holders.splice(0)) holder.kill("SIGKILL");
});

/** Another process that takes the output's lock the way a build does, and holds it until killed. */
async function holdLock(outputDir: string): Promise<ChildProcess> {
  const script = path.join(makeTempDir("lock-holder"), "hold.ts");
  fs.writeFileSync(
    script,
    `import { acquireOutputLock } from ${JSON.stringify(path.join(PROJECT_ROOT, "src/publish/outputLock.ts"))};\n` +
      `acquireOutputLock(${JSON.stringify(fs.realpathSync(path.dirname(outputDir)) + path.sep + path.basename(outputDir))}, "npm run build");\n` +
      `console.log("locked");\nsetInterval(() => {}, 1000);\n`,
  );
  const holder = spawn(process.execPath, ["--import", "tsx", script], { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "inherit"] });
  holders.push(holder);
  await new Promise<void>((resolve, reject) => {
    holder.stdout?.on("data", (chunk: Buffer) => String(chunk).includes("locked") && resolve());
    holder.on("exit", (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return holder;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.on("exit", () => resolve())));
}

describe("two builds at once", () => {
  it("the second stops at once, names the build that holds the output, and changes nothing; after a kill the lock is taken over", async () => {
    const root = createGazetteArchive();
    const site = path.join(makeTempDir("locked"), "_site");
    await buildSite({ contentRoot: root, outputDir: site });
    writeArticle(root, { path: "2023/12/pier.md", frontMatter: "title: Pier reopens\ndate: 2023-12-20T09:00:00+05:00\nsection: news", body: "The pier reopened.\n" });
    const before = treeDigest(site);

    const holder = await holdLock(site);
    const refused = await runCli("build", ["--root", root, "--output", site]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Another build is running on ${site} (npm run build, pid ${holder.pid}, started `);
    expect(refused.stderr).toContain(`it holds the lock ${lockPath(site)}`);
    expect(refused.stderr).toContain("Wait for it to finish");
    expect(refused.stderr).not.toMatch(STACK_FRAME);
    expect(refused.stdout).not.toContain("load…");
    expect(treeDigest(site)).toBe(before);

    // The dev server respects it too.
    const server = await runCli("serve", ["--root", root, "--output", site, "--port", "1"]);
    expect(server.code).toBe(1);
    expect(server.stderr).toContain(`Another build is running on ${site}`);

    // Killed: its lock is stale (its pid is gone), and the next build takes it over and publishes.
    holder.kill("SIGKILL");
    await exited(holder);
    expect(fs.existsSync(lockPath(site))).toBe(true);
    const next = await runCli("build", ["--root", root, "--output", site]);
    expect(next.stderr).toBe("");
    expect(next.code).toBe(0);
    expect(fs.existsSync(path.join(site, "2023/12/20/pier/index.html"))).toBe(true);
    expect(fs.existsSync(lockPath(site))).toBe(false);
  });

  it("two builds started together: each publishes or stops with the lock message, never a half-finished failure", async () => {
    const root = createGazetteArchive();
    const site = path.join(makeTempDir("racing"), "_site");
    await buildSite({ contentRoot: root, outputDir: site });
    const outcomes: string[] = [];
    for (let round = 0; round < 2; round++) {
      writeArticle(root, { path: `2023/12/race-${round}.md`, frontMatter: `title: Race ${round}\ndate: 2023-12-2${round}T09:00:00+05:00\nsection: news`, body: "Text.\n" });
      const runs = await Promise.all([0, 1].map(() => collect(startCli("build", ["--root", root, "--output", site]))));
      for (const run of runs) {
        if (run.code === 0) outcomes.push("published");
        else {
          expect(run.stderr).toContain(`Another build is running on ${site}`);
          outcomes.push("refused");
        }
      }
    }
    expect(outcomes).toContain("published");
    // Whatever the interleaving, the site is the one a full build gives.
    const full = path.join(makeTempDir("racing-full"), "_site");
    await buildSite({ contentRoot: root, outputDir: full });
    expect(treeDigest(site)).toBe(treeDigest(full));
    expect(fs.existsSync(lockPath(site))).toBe(false);
  });

  it("in one process too: a second build on the same output is refused while the first runs", async () => {
    const root = createGazetteArchive();
    const site = path.join(makeTempDir("same-process"), "_site");
    const [first, second] = await Promise.allSettled([buildSite({ contentRoot: root, outputDir: site }), buildSite({ contentRoot: root, outputDir: site })]);
    expect(first.status).toBe("fulfilled");
    expect(second.status).toBe("rejected");
    expect(second.status === "rejected" && second.reason).toBeInstanceOf(OutputRefusedError);
    expect(fs.existsSync(lockPath(site))).toBe(false);
  });
});

describe("the lock", () => {
  it("is released when a build fails", async () => {
    const root = createGazetteArchive();
    const site = path.join(makeTempDir("lock-failure"), "_site");
    writeArticle(root, { path: "2024/01/broken.md", frontMatter: "title: Broken\ndate: 2024-01-45\nsection: news" });
    await expect(buildSite({ contentRoot: root, outputDir: site })).rejects.toThrow();
    expect(fs.existsSync(lockPath(site))).toBe(false);
    fs.rmSync(path.join(root, "articles/2024/01/broken.md"));
    expect((await buildSite({ contentRoot: root, outputDir: site })).articles).toBe(8);
  });

  it("left by an earlier process with this pid, or left empty long ago, is stale; a fresh empty one or another host's is not", async () => {
    const root = createGazetteArchive();
    const site = path.join(makeTempDir("lock-stale"), "_site");
    const lock = lockPath(site);
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    const write = (owner: Record<string, unknown>): void => fs.writeFileSync(lock, JSON.stringify({ started: "2024-01-01T00:00:00Z", command: "npm run build", token: "t", ...owner }));

    // This process's pid, not held by this process: a process before a restart.
    write({ pid: process.pid, host: os.hostname() });
    await buildSite({ contentRoot: root, outputDir: site });
    expect(fs.existsSync(lock)).toBe(false);

    // Created but never written (killed at once), long ago.
    fs.writeFileSync(lock, "");
    fs.utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    await buildSite({ contentRoot: root, outputDir: site });
    expect(fs.existsSync(lock)).toBe(false);

    // Being written right now: someone else's.
    fs.writeFileSync(lock, "");
    await expect(buildSite({ contentRoot: root, outputDir: site })).rejects.toThrow(/Another build is running .*a process that is still writing its lock/);
    // Another machine's build (a shared folder): its pid cannot be checked here.
    write({ pid: 1, host: "press-server-2" });
    await expect(buildSite({ contentRoot: root, outputDir: site })).rejects.toThrow(/pid 1 on host press-server-2/);
    fs.rmSync(lock);
  });
});

function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += String(chunk)));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr })));
}
