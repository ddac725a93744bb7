/** Two full builds of the same archive give byte-identical sites: no build times, no random order, in one process or several, bundled or not. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { createFixtureArchive, makeTempDir } from "../support/fixtureArchive.ts";
import { GAZETTE_ARTICLES, GAZETTE_MUST_READ } from "../support/gazetteFixture.ts";
import { listFiles } from "../support/html.ts";
import { runCli } from "../support/buildCli.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";

describe("deterministic output", () => {
  it("builds byte-identical trees from the same archive", async () => {
    // Several search shards, so the parallel indexing workers are part of what is compared.
    const root = createFixtureArchive({ articles: GAZETTE_ARTICLES, mustRead: GAZETTE_MUST_READ, site: { searchShardSize: 2 } });
    const first = path.join(makeTempDir("det-a"), "_site");
    const second = path.join(makeTempDir("det-b"), "_site");
    await buildSite({ contentRoot: root, outputDir: first });
    await buildSite({ contentRoot: root, outputDir: second });
    const files = listFiles(first);
    expect(listFiles(second)).toEqual(files);
    const different = files.filter((f) => !fs.readFileSync(path.join(first, f)).equals(fs.readFileSync(path.join(second, f))));
    expect(different).toEqual([]);
    expect(files.filter((f) => f.startsWith("pagefind/")).length).toBeGreaterThan(10);

    // Rendering in batches of three pages (as large archives are) writes the same site.
    const batched = path.join(makeTempDir("det-c"), "_site");
    await buildSite({ contentRoot: root, outputDir: batched, renderBatchPages: 3 });
    expect(listFiles(batched)).toEqual(files);
    expect(files.filter((f) => !fs.readFileSync(path.join(first, f)).equals(fs.readFileSync(path.join(batched, f))))).toEqual([]);

    // The same batches rendered by two worker processes (as on a machine with cores to spare) write the same site.
    const inWorkers = path.join(makeTempDir("det-d"), "_site");
    const report = await buildSite({ contentRoot: root, outputDir: inWorkers, renderBatchPages: 3, renderWorkers: 2 });
    expect(report.renderWorkers).toBe(2);
    expect(report.pagesWritten).toBeGreaterThan(6);
    expect(listFiles(inWorkers)).toEqual(files);
    expect(files.filter((f) => !fs.readFileSync(path.join(first, f)).equals(fs.readFileSync(path.join(inWorkers, f))))).toEqual([]);

    // `npm run build` (bin/run.mjs: the command bundled by esbuild, each module keeping its own file's URL for the
    // paths it makes) writes the same site as the modules loaded one by one.
    const bundled = path.join(makeTempDir("det-e"), "_site");
    const result = await runCli("build", ["--root", root, "--output", bundled]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(listFiles(bundled)).toEqual(files);
    expect(files.filter((f) => !fs.readFileSync(path.join(first, f)).equals(fs.readFileSync(path.join(bundled, f))))).toEqual([]);
  });

  it("runs only the project's own commands through bin/run.mjs", () => {
    for (const name of ["nope", "../cli/build", ""]) {
      const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "bin/run.mjs"), name], { encoding: "utf8" });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("Usage: node bin/run.mjs <command>");
    }
  });

  it("answers --help of every command with its usage, and does nothing else (npm start -- --help once started a server)", () => {
    const usages = { build: "Usage: npm run build", check: "Usage: npm run check", serve: "Usage: npm start", new: "Usage: npm run new", import: "Usage: npm run import" };
    for (const [name, usage] of Object.entries(usages)) {
      const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "bin/run.mjs"), name, "--help"], { encoding: "utf8", timeout: 30_000 });
      expect(result.status, `${name} --help`).toBe(0);
      expect(result.stdout).toContain(usage);
    }
  });

  it("bundles a command again only when one of its sources changed since its bundle was made", () => {
    const record = path.join(PROJECT_ROOT, "node_modules/.cache/newsroom-archive/check.inputs.json");
    const source = path.join(PROJECT_ROOT, "src/cli/check.ts");
    const runCheckHelp = (): void => {
      const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "bin/run.mjs"), "check", "--help"], { encoding: "utf8" });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("Usage: npm run check");
    };
    const read = (): { bundle: string; inputs: Record<string, string> } => JSON.parse(fs.readFileSync(record, "utf8"));
    // Twice: a start of another test's that was bundling at the same time has written its record by the second.
    runCheckHelp();
    runCheckHelp();
    const made = read();
    const stat = fs.statSync(source);
    expect(made.inputs[source]).toBe(`${stat.mtimeMs}:${stat.size}`);
    expect(fs.existsSync(made.bundle)).toBe(true);
    // Current: the next start takes the bundle as it is, without esbuild (the record, marked here, is not written again).
    fs.writeFileSync(record, JSON.stringify({ ...made, marked: true }));
    runCheckHelp();
    expect(read()).toEqual({ ...made, marked: true });
    // A source whose stamp differs (saved since): bundled again, and the record has the stamp it was bundled from.
    fs.writeFileSync(record, JSON.stringify({ ...made, inputs: { ...made.inputs, [source]: "0:0" } }));
    runCheckHelp();
    expect(read().inputs[source]).toBe(`${stat.mtimeMs}:${stat.size}`);
    // The packages are in the bundle: an upgraded one (its files' stamps changed) is bundled again, as is a change of
    // the launcher's own settings, and a record of an earlier launcher (without its stamp) is not trusted.
    const launcher = path.join(PROJECT_ROOT, "bin/bundle.mjs");
    const packageFile = Object.keys(read().inputs).find((file) => file.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`));
    expect(packageFile).toBeDefined();
    for (const stale of [{ [packageFile ?? ""]: "0:0" }, { [launcher]: "0:0" }]) {
      fs.writeFileSync(record, JSON.stringify({ ...made, inputs: { ...made.inputs, ...stale } }));
      runCheckHelp();
      expect(read().inputs).toEqual(made.inputs);
    }
    const { [launcher]: _launcherStamp, ...withoutLauncher } = made.inputs;
    fs.writeFileSync(record, JSON.stringify({ ...made, inputs: withoutLauncher }));
    runCheckHelp();
    expect(read().inputs[launcher]).toBe(made.inputs[launcher]);
  });

  it("starts worker processes only from TypeScript modules, through bin/worker.mjs", () => {
    for (const name of ["", "README.md"]) {
      const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "bin/worker.mjs"), name], { encoding: "utf8" });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("Usage: node bin/worker.mjs <module.ts>");
    }
  });
});
