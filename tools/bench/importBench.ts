/**
 * `npm run bench -- --import [--records 100000] [--wxr-posts 10000]`: measures `npm run import` on synthetic
 * sources (tools/bench/importSources.ts): JSON Lines records and a WordPress export, 600 to 900 words of HTML
 * each, into an empty archive; then the same JSON Lines again (every record unchanged). Wall time, CPU and peak
 * memory of the whole process tree, and memory sampled through the run (streaming: it should stay flat).
 * Recorded in docs/bench/import.json; BENCHMARKS.md and docs/bench/import-memory.svg are regenerated.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { createFixtureArchive } from "../../tests/support/fixtureArchive.ts";
import { writeJsonLines, writeWxr } from "./importSources.ts";
import { watchProcessTree } from "./processTree.ts";
import { writeImportReport, type ImportBenchResult, type ImportRun } from "./report.ts";
import { SYNTHETIC_SECTIONS } from "./syntheticArchive.ts";

const SOURCE_VERSION = 1;
const log = (line: string): void => console.log(line);

async function timedImport(label: string, source: string, root: string, records: number): Promise<ImportRun> {
  log(`${label}…`);
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin/run.mjs"), "import", source, "--root", root], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CI: "true" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const usage = watchProcessTree(child.pid as number);
  let output = "";
  const summary: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    const lines = output.split("\n");
    output = lines.pop() ?? "";
    for (const line of lines) if (line.startsWith("import:")) log(`  ${line}`);
    // Keep the summary (the last lines) for the record.
    summary.push(...lines.filter((l) => !l.startsWith("import:")));
  });
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
  const { peakRssBytes, cpuSeconds, memory } = usage.stop();
  const wallSeconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${label}: the import exited with ${code}\n${summary.join("\n")}`);
  const counts = summary.find((l) => /articles? imported/.test(l))?.trim() ?? "";
  log(`  ${wallSeconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU, peak ${(peakRssBytes / 2 ** 20).toFixed(0)} MiB: ${counts}`);
  return { label, records, wallSeconds, cpuSeconds, peakRssBytes, summary: counts, memory };
}

async function source(dir: string, name: string, write: (file: string) => Promise<void>): Promise<string> {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    log(`generating ${name}…`);
    await write(`${file}.partial`);
    fs.renameSync(`${file}.partial`, file);
  }
  return file;
}

export async function runImportBench(records: number, wxrPosts: number, record: boolean): Promise<void> {
  const dir = path.join(os.tmpdir(), `archive-import-bench-v${SOURCE_VERSION}`);
  fs.mkdirSync(dir, { recursive: true });
  const jsonl = await source(dir, `records-${records}.jsonl`, (f) => writeJsonLines(f, records));
  const wxr = await source(dir, `posts-${wxrPosts}.xml`, (f) => writeWxr(f, wxrPosts));
  const fresh = (name: string): string => {
    const root = path.join(dir, name);
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root);
    return createFixtureArchive({ articles: [], sections: SYNTHETIC_SECTIONS.map(({ slug, name: title }) => ({ slug, name: title })) }, root);
  };
  const jsonlRoot = fresh("archive-jsonl");
  const result: ImportBenchResult = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    command: `npm run bench -- --import --records ${records} --wxr-posts ${wxrPosts}`,
    sourceBytes: { jsonl: fs.statSync(jsonl).size, wxr: fs.statSync(wxr).size },
    jsonl: await timedImport(`JSON Lines, ${records.toLocaleString("en")} records`, jsonl, jsonlRoot, records),
    jsonlAgain: await timedImport("the same JSON Lines again (all unchanged)", jsonl, jsonlRoot, records),
    wxr: await timedImport(`WordPress export, ${wxrPosts.toLocaleString("en")} posts`, wxr, fresh("archive-wxr"), wxrPosts),
  };
  if (record) {
    writeImportReport(result);
    log("recorded in docs/bench/import.json, BENCHMARKS.md and docs/bench/import-memory.svg");
  }
}
