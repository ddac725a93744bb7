/**
 * Safe publishing: a build killed at any point (SIGKILL, no chance to clean
 * up) leaves the published site exactly as it was, or, if it was killed after
 * its commit point, the next build finishes the publication; either way the
 * next build gives exactly the site a full build gives.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { createGazetteArchive } from "../support/gazetteFixture.ts";
import { makeTempDir, writeArticle } from "../support/fixtureArchive.ts";
import { listFiles } from "../support/html.ts";

function treeDigest(dir: string): string {
  const hash = crypto.createHash("sha256");
  for (const file of listFiles(dir)) hash.update(file).update("\0").update(fs.readFileSync(path.join(dir, file)));
  return hash.digest("hex");
}

interface KilledRun {
  /** Last stage the build announced before it was killed ("load", "render"...), or "finished". */
  stage: string;
}

/** Starts `npm run build`'s script and kills it with SIGKILL after `delayMs`, unless it finishes first. */
function buildAndKill(args: string[], delayMs: number): Promise<KilledRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/build.ts"), ...args], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "true" },
    });
    let stage = "starting";
    child.stdout.on("data", (chunk: Buffer) => {
      for (const match of String(chunk).matchAll(/^(load|plan|sitemaps and state|search index|render|publish|parse cache)…$/gm)) stage = match[1] ?? stage;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), delayMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ stage: signal === "SIGKILL" ? stage : code === 0 ? "finished" : `failed ${code}` });
    });
  });
}

async function killRepeatedly(root: string, site: string, extraArgs: string[]): Promise<string[]> {
  // What the finished publication will be: the same archive built in full elsewhere.
  const expectedDir = path.join(makeTempDir("killed-expected"), "_site");
  await buildSite({ contentRoot: root, outputDir: expectedDir, full: true });
  const expected = treeDigest(expectedDir);
  const stages: string[] = [];
  // Small steps: a command starts in about half a second and a republish of this archive is then over in a few
  // tenths of a second, so wider steps land few kills while it works.
  for (let delay = 250; delay <= 6000; delay += 75) {
    const before = treeDigest(site);
    const run = await buildAndKill(["--root", root, "--output", site, ...extraArgs], delay);
    stages.push(run.stage);
    if (run.stage === "finished") break;
    // Killed before the commit point: the published site is untouched. After it: an incremental update waits
    // in <site>.update for the next build to finish, or a full build's swap is done (the new site, whole).
    if (fs.existsSync(`${site}.update`)) continue;
    if (!fs.existsSync(site)) {
      // Killed between the two renames of a full build's swap: the old tree waits beside it, put back by the next build.
      expect(fs.readdirSync(path.dirname(site)).some((name) => name.startsWith("_site.previous-"))).toBe(true);
      continue;
    }
    const now = treeDigest(site);
    expect([before, expected], `killed during ${run.stage} after ${delay} ms`).toContain(now);
  }
  return stages;
}

async function expectSameAsFullBuild(root: string, site: string): Promise<void> {
  await buildSite({ contentRoot: root, outputDir: site });
  const full = path.join(makeTempDir("killed-full"), "_site");
  await buildSite({ contentRoot: root, outputDir: full, full: true });
  expect(listFiles(site)).toEqual(listFiles(full));
  expect(treeDigest(site)).toBe(treeDigest(full));
}

describe("a build killed part-way", () => {
  it("leaves the published site as it was, for incremental and full builds alike", async () => {
    const root = createGazetteArchive();
    const site = path.join(makeTempDir("killed"), "_site");
    await buildSite({ contentRoot: root, outputDir: site });

    // An incremental publication: one new article.
    writeArticle(root, {
      path: "2024/04/kill-test.md",
      frontMatter: "title: Storm closes the causeway\ndate: 2024-04-02T07:00:00+05:00\nsection: news",
      body: "The causeway closed at dawn.\n",
    });
    const incremental = await killRepeatedly(root, site, []);
    await expectSameAsFullBuild(root, site);

    // A full build, killed the same way.
    writeArticle(root, {
      path: "2024/04/kill-test-2.md",
      frontMatter: "title: Causeway reopens\ndate: 2024-04-03T07:00:00+05:00\nsection: news",
      body: "The causeway reopened.\n",
    });
    const full = await killRepeatedly(root, site, ["--full"]);
    await expectSameAsFullBuild(root, site);

    // The kills landed while the build was working, not only before it started.
    const killedWhileWorking = [...incremental, ...full].filter((s) => ["plan", "sitemaps and state", "search index", "render", "publish"].includes(s));
    expect(killedWhileWorking.length).toBeGreaterThan(2);
    expect(incremental).toContain("finished");
    expect(full).toContain("finished");
    // Nothing is left behind beside the site once a build has finished: no staging, no update, no lock (the killed
    // builds' stale locks were taken over).
    const leftovers = fs.readdirSync(path.dirname(site)).filter((name) => name.includes(".staging-") || name.endsWith(".update") || name.includes(".build.lock"));
    expect(leftovers).toEqual([]);
  }, 120_000);
});
