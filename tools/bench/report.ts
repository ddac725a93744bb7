/**
 * Keeps benchmark results (docs/bench/results.json, one entry per N, the
 * latest run wins) and regenerates BENCHMARKS.md and the SVG chart from them.
 */
import fs from "node:fs";
import path from "node:path";
import { escapeHtml } from "../../src/model/escape.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";
import type { PlainEleventyResult } from "./plainEleventy.ts";
import type { PayloadReport } from "./searchPayload.ts";

export interface BenchResult {
  articles: number;
  date: string;
  machine: string;
  command: string;
  published: number;
  full: { wallSeconds: number; cpuSeconds: number; peakRssBytes: number; stages: Array<{ name: string; ms: number }> };
  /** After adding one article (then editing one, then deleting the added one). */
  republish: RepublishResult;
  republishEdit?: RepublishResult;
  republishDelete?: RepublishResult;
  /** `npm run build -- --render-all` on the unchanged corpus: every page rendered, as after a template change. */
  renderAll?: RepublishResult;
  /** `--render-all` with 0 render workers (the build's own process), 2, 4... and the default (one per core). */
  renderScaling?: RenderScalingResult[];
  /** When the scaling runs come from an earlier bench of the same size (`--skip-scaling` keeps them): its date. */
  renderScalingDate?: string;
  /** `npm run check`: with the parse cache a build leaves, and without it. */
  check?: { warmSeconds: number; coldSeconds: number };
  output: { htmlPages: number; files: number; bytes: number };
  searchPayload: PayloadReport[];
  floorSeconds?: number;
  /** The same articles as a plain Eleventy site, then Pagefind's command (tools/bench/plainEleventy.ts). */
  plainEleventy?: PlainEleventyResult;
  /** The archive's photos (on unless `--no-photos`): a lead photo in one article in three, figures in some bodies. */
  photos?: PhotoBenchResult;
}

export interface PhotoBenchResult {
  /** Distinct generated 3000 × 2000 JPEGs the articles share. */
  distinct: number;
  /** Photos the first build (empty photo cache) encoded. */
  encoded: number;
  photoStageSeconds: number;
  photoCheckSeconds: number;
  /** The first build's photo stage over the photos it encoded (every width and format of one photo, copies included). */
  encodeSecondsPerPhoto: number;
  /** Bytes of derivatives served (`_site/media/`) over the photos encoded. */
  outputBytesPerPhoto: number;
  derivativeFiles: number;
  /** A second full build (`--full`) with the photo cache warm, and the same archive's full build without photos. */
  fullWarm: RepublishResult & { cpuSeconds: number };
  /** The median of the runs in `runsSeconds` (results recorded before it was added are one run, without it). */
  fullWithoutPhotos: RepublishResult & { cpuSeconds: number; runsSeconds?: number[] };
  /** `npm run build` again with no change. */
  rebuildWarm: RepublishResult;
  /** One article added with one new photo beside it. */
  republishPhoto: RepublishResult;
}

export interface RenderScalingResult {
  /** Render worker processes (0: the build's own process renders). */
  workers: number;
  pages: number;
  renderSeconds: number;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
}

export interface RepublishResult {
  wallSeconds: number;
  peakRssBytes: number;
  mode?: "full" | "incremental";
  pagesWritten?: number;
  shardsWritten?: number;
  shardsReused?: number;
  stages?: Array<{ name: string; ms: number }>;
  photosEncoded?: number;
  /** Wall time of every run when the figure is the median of several (results recorded before 2026-12-05 are one run, without it). */
  runsSeconds?: number[];
}

const RESULTS = path.join(PROJECT_ROOT, "docs", "bench", "results.json");
const CHART = path.join(PROJECT_ROOT, "docs", "bench", "bench.svg");
const MARKDOWN = path.join(PROJECT_ROOT, "BENCHMARKS.md");
const IMPORT_RESULTS = path.join(PROJECT_ROOT, "docs", "bench", "import.json");
const IMPORT_CHART = path.join(PROJECT_ROOT, "docs", "bench", "import-memory.svg");
const DEV_RESULTS = path.join(PROJECT_ROOT, "docs", "bench", "dev.json");

/** `npm run bench -- --dev`: the dev server as an editor uses it (tools/bench/devBench.ts). */
export interface DevBenchResult {
  articles: number;
  date: string;
  firstStartSeconds: number;
  restartSeconds: number;
  /** Median of the edits: save until the page shows the edit. */
  editPageSeconds: number;
  /** Median of the edits: save until a search finds the edit. */
  editSearchSeconds: number;
  editPageRange: [number, number];
  /** A new headline (which its listings show too): save until the page shows it. */
  retitlePageSeconds?: number;
  /** A new tag (the archive assembled and every page fingerprinted again): save until the page shows it. */
  retagPageSeconds?: number;
  /** A new article in a new folder: save until its page answers. */
  addPageSeconds: number;
  peakRssBytes: number;
}

/** A results file: one result per archive size (none when the file is missing). */
function readResultList<T extends { articles: number }>(file: string): T[] {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T[];
  } catch {
    return [];
  }
}

/** Replaces the result of the same archive size in `file`, keeping the list by size; returns the list. */
function keepLatestResult<T extends { articles: number }>(file: string, result: T): T[] {
  const results = [...readResultList<T>(file).filter((r) => r.articles !== result.articles), result].sort((a, b) => a.articles - b.articles);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}

const readDevResults = (): DevBenchResult[] => readResultList<DevBenchResult>(DEV_RESULTS);

/** Keeps the latest result per archive size and regenerates BENCHMARKS.md. */
export function writeDevReport(result: DevBenchResult): void {
  keepLatestResult(DEV_RESULTS, result);
  fs.writeFileSync(MARKDOWN, renderMarkdown(readResults()));
}

const secondsOr = (value: number | undefined): string => (value === undefined ? "not measured" : `${value.toFixed(2)} s`);

function renderDevSection(): string {
  const results = readDevResults();
  if (results.length === 0) return "";
  const rows = results.map(
    (r) =>
      `| ${n(r.articles)} | ${sec(r.firstStartSeconds)} | ${sec(r.restartSeconds)} | ${r.editPageSeconds.toFixed(2)} s (${r.editPageRange.map((x) => x.toFixed(2)).join("–")}) | ${r.editSearchSeconds.toFixed(2)} s | ${secondsOr(r.retitlePageSeconds)} | ${secondsOr(r.retagPageSeconds)} | ${r.addPageSeconds.toFixed(2)} s | ${gib(r.peakRssBytes)} |`,
  );
  return `## \`npm start\`: the edit loop

\`npm run bench -- --dev --articles N\` (tools/bench/devBench.ts) runs the dev server on the same synthetic archive as a
child process and watches it from outside: the first start into an empty dev folder, then five saves of a word appended
to an article (until the page, fetched over HTTP, shows it, and until the site's own search module finds it; the median
and the range), a new headline for an article (which its listings, neighbours and sidebars show too), a new tag for
an article (which moves it into another listing: the archive is assembled and every page fingerprinted again, where
the other edits start from the last build's), a new article in a month folder that did not exist, and a restart on
the dev folder the last run left.
Peak memory is the server's whole process tree during the first start and the edits.

| articles | first start | restart | save → page shows it | save → search finds it | new headline → page shows it | new tag → page shows it | new article in a new folder | peak memory |
|---|---|---|---|---|---|---|---|---|
${rows.join("\n")}

`;
}

/** One timed `npm run import`. */
export interface ImportRun {
  label: string;
  records: number;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
  /** The summary's count line. */
  summary: string;
  /** [seconds since start, resident memory of the process tree in bytes], once a second. */
  memory: Array<[number, number]>;
}

export interface ImportBenchResult {
  date: string;
  machine: string;
  command: string;
  sourceBytes: { jsonl: number; wxr: number };
  jsonl: ImportRun;
  jsonlAgain: ImportRun;
  wxr: ImportRun;
}

export function readImportResult(): ImportBenchResult | undefined {
  try {
    return JSON.parse(fs.readFileSync(IMPORT_RESULTS, "utf8")) as ImportBenchResult;
  } catch {
    return undefined;
  }
}

/** Records the import benchmark (the latest run) and regenerates BENCHMARKS.md and the memory chart. */
export function writeImportReport(result: ImportBenchResult): void {
  fs.mkdirSync(path.dirname(IMPORT_RESULTS), { recursive: true });
  fs.writeFileSync(IMPORT_RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(IMPORT_CHART, renderImportChart(result));
  fs.writeFileSync(MARKDOWN, renderMarkdown(readResults()));
}

function renderImportSection(): string {
  const result = readImportResult();
  if (!result) return "";
  const run = (r: ImportRun, target?: number): string => {
    const verdict = target === undefined ? "–" : r.wallSeconds <= target ? `under ${target} s: met` : `${target} s: **not met** (${(r.wallSeconds / target).toFixed(1)}×)`;
    const steady = r.memory.filter(([t]) => t >= r.wallSeconds * 0.1).map(([, b]) => b);
    const range = steady.length > 0 ? `${mib(Math.min(...steady))} – ${mib(Math.max(...steady))}` : "–";
    return `| ${r.label} | ${sec(r.wallSeconds)} | ${n(Math.round(r.records / r.wallSeconds))}/s | ${sec(r.cpuSeconds)} | ${mib(r.peakRssBytes)} | ${range} | ${r.summary} | ${verdict} |`;
  };
  return `## Import (\`npm run import\`)

\`${result.command}\` on ${result.date} (${result.machine}): synthetic sources of 600 to 900 words of HTML a record
(tools/bench/importSources.ts; JSON Lines ${mib(result.sourceBytes.jsonl)}, WordPress export ${mib(result.sourceBytes.wxr)}),
into an empty archive, then the same JSON Lines again. Time, CPU and peak memory are the whole process tree's
(the import and its render workers); "memory through the run" is the tree's resident memory sampled once a second
after the first tenth of the run: flat means streaming.

| run | wall | rate | CPU | peak memory | memory through the run | result | target (issue 13) |
|---|---|---|---|---|---|---|---|
${run(result.jsonl, 60)}
${run(result.jsonlAgain)}
${run(result.wxr, 30)}

![Resident memory of the import through each run](docs/bench/import-memory.svg)

`;
}

function renderImportChart(result: ImportBenchResult): string {
  const runs = [
    { run: result.jsonl, color: "#1f3f73" },
    { run: result.jsonlAgain, color: "#2e7d32" },
    { run: result.wxr, color: "#8a1c1c" },
  ];
  const maxT = Math.max(...runs.map((r) => r.run.wallSeconds), 1);
  const maxB = Math.max(...runs.flatMap((r) => r.run.memory.map(([, b]) => b)), 1);
  return lineChart({
    height: 300,
    title: "Resident memory of npm run import over time",
    heading: "Import: resident memory (process tree) over time",
    x: { max: maxT, ticks: [0, 0.25, 0.5, 0.75, 1].map((f) => [maxT * f, `${(maxT * f).toFixed(0)} s`]) },
    y: { max: maxB, ticks: [0, 0.5, 1].map((f) => [maxB * f, mib(maxB * f)]) },
    series: runs.map(({ run, color }) => ({ name: run.label, color, points: run.memory })),
  });
}

interface ChartAxis {
  max: number;
  /** [value, label] */
  ticks: Array<[number, string]>;
}

/** A line chart as SVG: the frame, grid lines, ticks and legend both charts of BENCHMARKS.md share. */
function lineChart(chart: { height: number; title: string; heading: string; x: ChartAxis; y: ChartAxis; series: Array<{ name: string; color: string; points: Array<[number, number]>; dots?: boolean }> }): string {
  const width = 640;
  const { height } = chart;
  const left = 60;
  const bottom = 40;
  const top = 40;
  const right = 20;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (v: number) => left + (v / chart.x.max) * plotW;
  const y = (v: number) => top + plotH - (v / chart.y.max) * plotH;
  const lines = chart.series.map((s, i) => {
    const points = s.points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`);
    const dots = s.dots ? points.map((p) => `<circle cx="${p.split(",")[0]}" cy="${p.split(",")[1]}" r="3" fill="${s.color}"/>`).join("") : "";
    const legendY = top + 14 * i;
    return `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points.join(" ")}"/>${dots}<rect x="${left + 10}" y="${legendY - 8}" width="10" height="10" fill="${s.color}"/><text x="${left + 26}" y="${legendY + 1}">${escapeHtml(s.name)}</text>`;
  });
  const xTicks = chart.x.ticks.map(([v, label]) => `<text x="${x(v).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${label}</text>`);
  const yTicks = chart.y.ticks.map(
    ([v, label]) => `<line x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/><text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${label}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" font-size="11" role="img" aria-labelledby="t">
<title id="t">${escapeHtml(chart.title)}</title>
<rect width="${width}" height="${height}" fill="#fff"/>
<text x="${left}" y="20" font-size="13" font-weight="bold">${escapeHtml(chart.heading)}</text>
${yTicks.join("\n")}
<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#333"/>
<line x1="${left}" x2="${width - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="#333"/>
${xTicks.join("\n")}
${lines.join("\n")}
</svg>
`;
}

export function readResults(): BenchResult[] {
  return readResultList<BenchResult>(RESULTS);
}

export function writeBenchmarkReport(result: BenchResult): void {
  const results = keepLatestResult(RESULTS, result);
  fs.writeFileSync(CHART, renderChart(results));
  fs.writeFileSync(MARKDOWN, renderMarkdown(results));
}

const gib = (bytes: number): string => `${(bytes / 1e9).toFixed(2)} GB`;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const sec = (s: number): string => `${s.toFixed(1)} s`;
const n = (x: number): string => x.toLocaleString("en");

function renderMarkdown(results: BenchResult[]): string {
  const rows = results.map((r) => {
    const perArticle = (r.full.wallSeconds / r.published) * 1000;
    const payload = r.searchPayload.map((p) => `${(p.bytes / 1024).toFixed(0)} kB`).join(" / ");
    const floor = r.floorSeconds ? `${(r.full.wallSeconds / r.floorSeconds).toFixed(1)}× (${sec(r.floorSeconds)})` : "–";
    const republish = [r.republish, r.republishEdit, r.republishDelete].map((x) => (x ? sec(x.wallSeconds) : "–")).join(" / ");
    return `| ${n(r.articles)} | ${sec(r.full.wallSeconds)} | ${perArticle.toFixed(2)} ms | ${sec(r.full.cpuSeconds)} | ${gib(r.full.peakRssBytes)} | ${republish} | ${mib(r.output.bytes)} | ${n(r.output.files)} | ${payload} | ${floor} |`;
  });
  const republishRows = results.flatMap((r) =>
    (
      [
        ["add one article", r.republish],
        ["edit one article", r.republishEdit],
        ["delete one article", r.republishDelete],
      ] as const
    ).flatMap(([what, x]) =>
      x?.stages
        ? [`| ${n(r.articles)} | ${what} | ${sec(x.wallSeconds)} | ${x.mode ?? "–"} | ${x.pagesWritten ?? "–"} | ${gib(x.peakRssBytes)} | ${x.stages.map((st) => `${st.name} ${sec(st.ms / 1000)}`).join(", ")} |`]
        : [],
    ),
  );
  const stageNames = [...new Set(results.flatMap((r) => r.full.stages.map((s) => s.name)))];
  const stageRows = results.map((r) => `| ${n(r.articles)} | ${stageNames.map((name) => sec((r.full.stages.find((s) => s.name === name)?.ms ?? 0) / 1000)).join(" | ")} |`);
  const payloadRows = results.flatMap((r) =>
    r.searchPayload.map((p) => `| ${n(r.articles)} | \`${p.query}\` | ${(p.bytes / 1024).toFixed(0)} kB | ${p.files} | ${p.shardsLoaded} | ${p.results} |`),
  );
  const runs = results.map((r) => `- ${n(r.articles)} articles: \`${r.command}\`, ${r.date}, ${r.machine}`);
  const targets = renderTargets(results);
  return `# Benchmarks

Generated by \`npm run bench\` (tools/bench/); do not edit by hand. Each run generates a deterministic synthetic archive
(every section and front matter field, bodies of 600 to 900 words, over 20 years), builds it with the production
pipeline as \`npm run build\` does (validation, pages, section indexes, search index, staging and swap), and measures
the whole process tree (Eleventy, the Pagefind processes and their workers).

![Build time by archive size and stage](docs/bench/bench.svg)

Targets (issue 14: work in proportion to the change), as measured by the runs below; a figure not measured yet says so.
The "before" column is the issue's, measured on another machine of the same kind: machines of this kind have differed
by up to twice in speed from one session to the next. The floor (the last column of the table after the targets:
parsing, rendering and writing the same corpus without templates, measured in the same run) says how fast the machine
of each run was; the runs are listed with their commands at the end.

${renderTargets14(results)}

Targets (issue 4), as measured:

${targets}

| articles | full build | per article | CPU | peak memory | republish (add / edit / delete one) | output | files | search payload (newest / oldest year) | vs. floor |
|---|---|---|---|---|---|---|---|---|---|
${rows.join("\n")}

Stages of the full build (render and search index run side by side, so they overlap):

| articles | ${stageNames.join(" | ")} |
|---|${stageNames.map(() => "---").join("|")}|
${stageRows.join("\n")}

Republishing: \`npm run build\` again after a change to the built archive. It reads every source file and compares
content hashes with the previous build's state, then renders only the pages and re-indexes only the search shards
whose inputs changed, and applies them to the published folder after a commit point (see the README). The three
changes come one after the other: an article added (Opinion, the archive's last day), the headline of an article of
June 2025 corrected, then (after a build that reverts the correction, not timed) the added article deleted. Runs made
before 2026-12-04 timed the deletion and the revert in one build (two files, two search shards). From 2026-12-05 the
three are made three times over and each figure is the median run (the targets table gives the ranges); earlier runs
are one round.

| articles | change | wall time | mode | pages written | peak memory | stages |
|---|---|---|---|---|---|---|
${republishRows.join("\n")}

${renderScaling(results)}${renderPhotos(results)}${renderPlain(results)}\`npm run check\` over the same archive (validation only): after a build (unchanged files are not parsed again) and
without its cache (\`--no-cache\`, as on a fresh checkout).

| articles | check after a build | check without cache |
|---|---|---|
${results.filter((r) => r.check).map((r) => `| ${n(r.articles)} | ${sec(r.check?.warmSeconds ?? 0)} | ${sec(r.check?.coldSeconds ?? 0)} |`).join("\n")}

Search payload: every byte a visitor downloads for one query (newest first, first page of ten results): the shard
manifest, search.js, Pagefind's script, worker and WebAssembly, index metadata, the index chunks of the query's words
and the ten result fragments, for each shard the page merges.

| articles | query | bytes | files | shards loaded | results |
|---|---|---|---|---|---|
${payloadRows.join("\n")}

The floor is the same corpus read, parsed (front matter), rendered (Markdown) and written one file per article, with
no templates, on one thread.

${renderImportSection()}
${renderDevSection()}Runs:
${runs.join("\n")}
`;
}

function renderTargets14(results: BenchResult[]): string {
  const at = (articles: number) => results.find((r) => r.articles === articles);
  const dev = (articles: number) => readDevResults().find((r) => r.articles === articles);
  // The save timed is an edit of a body; a new headline, and a new tag (which assembles the archive again), beside it.
  const headline = (articles: number): string => {
    const r = dev(articles);
    const target = articles === 10_000 ? 2 : 3;
    return r?.retitlePageSeconds === undefined || r.retagPageSeconds === undefined
      ? ""
      : `; a new headline: ${verdict(r.retitlePageSeconds, target)}; a new tag: ${verdict(r.retagPageSeconds, target)}`;
  };
  const verdict = (value: number | undefined, target: number, show: (v: number) => string = sec): string =>
    value === undefined ? "not measured" : `${show(value)}, ${value < target ? "met" : "**missed**"}`;
  const republish = (articles: number) => {
    const r = at(articles);
    if (!r) return "not measured";
    const kinds = [r.republish, r.republishEdit, r.republishDelete];
    const medians = kinds.map((x) => (x ? sec(x.wallSeconds) : "–")).join(" / ");
    // Medians of several runs: with each one's range.
    const runs = kinds.map((x) => x?.runsSeconds ?? []);
    const ranges = runs.every((each) => each.length > 1) ? ` (medians of ${runs[0]?.length}: ${runs.map((each) => `${sec(Math.min(...each))} to ${sec(Math.max(...each))}`).join(" / ")})` : "";
    return `${medians}${ranges}`;
  };
  const republishMet = (articles: number, target: number): string => {
    const r = at(articles);
    if (!r) return "–";
    const worst = Math.max(...[r.republish, r.republishEdit, r.republishDelete].map((x) => x?.wallSeconds ?? Infinity));
    return worst < target ? "met" : "**missed**";
  };
  const r100 = at(100_000);
  // Compared as the issue measured them: the archive without photos (a run with photos has that build too).
  const bare = (articles: number) => {
    const r = at(articles);
    return r && (r.photos?.fullWithoutPhotos ?? r.full);
  };
  // Several runs of the same build: the median (reported) and the range.
  const spread = (articles: number): string => {
    const runs = at(articles)?.photos?.fullWithoutPhotos.runsSeconds;
    return runs && runs.length > 1 ? ` (median of ${runs.length}: ${sec(Math.min(...runs))} to ${sec(Math.max(...runs))})` : "";
  };
  const rows = [
    `| full build, 1,000 articles (no photos) | 9.0 s | < 2.5 s | ${verdict(bare(1000)?.wallSeconds, 2.5)}${spread(1000)} |`,
    `| full build, 10,000 articles (no photos) | 37.8 s | < 20 s, < 1.5 GB | ${verdict(bare(10_000)?.wallSeconds, 20)}${spread(10_000)}; ${verdict(bare(10_000)?.peakRssBytes, 1.5e9, gib)} |`,
    `| full build, 100,000 articles (no photos) | 295 s | < 200 s, < 4 GB | ${verdict(bare(100_000)?.wallSeconds, 200)}; ${verdict(bare(100_000)?.peakRssBytes, 4e9, gib)} |`,
    `| republish one added / edited / deleted article, 1,000 | 5.8 s | < 1 s | ${republish(1000)}: ${republishMet(1000, 1)} |`,
    `| the same, 10,000 | 5.9 s | < 2 s | ${republish(10_000)}: ${republishMet(10_000, 2)} |`,
    `| the same, 100,000 | 25 s | < 8 s | ${republish(100_000)}: ${republishMet(100_000, 8)} |`,
    `| a template or stylesheet change, 100,000 articles (\`--render-all\`) | 295 s (full) | < 150 s, no search re-indexing | ${verdict(r100?.renderAll?.wallSeconds, 150)}; ${r100?.renderAll ? `${r100.renderAll.shardsWritten ?? "?"} shards re-indexed, ${r100.renderAll.shardsReused ?? "?"} kept` : "not measured"} |`,
    `| pages rewritten by one publication, 100,000 articles | ~2,000 | < 50 | ${verdict(r100?.republish.pagesWritten, 50, n)} |`,
    `| \`npm start\` on 10,000: save → page shows it; → search finds it | whole rebuild | < 2 s; < 5 s | ${verdict(dev(10_000)?.editPageSeconds, 2)}; ${verdict(dev(10_000)?.editSearchSeconds, 5)}${headline(10_000)} |`,
    `| \`npm start\` on 100,000: starts; save → page shows it | one Eleventy run | starts; < 3 s | ${dev(100_000) ? `first start ${sec(dev(100_000)?.firstStartSeconds ?? 0)}, restart ${sec(dev(100_000)?.restartSeconds ?? 0)}; ` : ""}${verdict(dev(100_000)?.editPageSeconds, 3)}${headline(100_000)} |`,
    `| \`npm run check\` without cache, 100,000 | 27 s | < 10 s | ${verdict(r100?.check?.coldSeconds, 10)} |`,
    `| a site of a few dozen articles, full build | – | as fast as a plain Eleventy site of the same articles (+ Pagefind's command) | ${smallAgainstPlain(results)} |`,
  ];
  return `| work | before (issue 14) | target | measured |
|---|---|---|---|
${rows.join("\n")}`;
}

/** The smallest run (a few dozen articles) against its plain Eleventy baseline. */
function smallAgainstPlain(results: BenchResult[]): string {
  const r = results.filter((x) => x.articles <= 100 && x.plainEleventy).sort((a, b) => a.articles - b.articles)[0];
  const plain = r?.plainEleventy;
  if (!r || !plain) return "not measured";
  const baseline = plain.eleventySeconds + plain.pagefindSeconds;
  const verdict = r.full.wallSeconds <= baseline ? "met" : `**missed** (${(r.full.wallSeconds / baseline).toFixed(1)}×)`;
  return `${n(r.articles)} articles: ${sec(r.full.wallSeconds)} against ${sec(baseline)} (Eleventy ${sec(plain.eleventySeconds)} + Pagefind ${sec(plain.pagefindSeconds)}), ${verdict}`;
}

function renderPlain(results: BenchResult[]): string {
  const rows = results.filter((r) => r.plainEleventy).map((r) => {
    const plain = r.plainEleventy as PlainEleventyResult;
    const baseline = plain.eleventySeconds + plain.pagefindSeconds;
    // The plain site has no photos: compared with the build of the same archive without them.
    const full = (r.photos?.fullWithoutPhotos ?? r.full).wallSeconds;
    return `| ${n(r.articles)} | ${sec(full)} | ${n(r.output.htmlPages)} | ${sec(plain.eleventySeconds)} | ${sec(plain.pagefindSeconds)} | ${sec(baseline)} | ${n(plain.pages)} | ${(full / baseline).toFixed(1)}× |`;
  });
  if (rows.length === 0) return "";
  return `Against a plain Eleventy site (tools/bench/plainEleventy.ts): the same articles, one page each through one Nunjucks
layout and a home page listing them, built by Eleventy's own command and indexed by Pagefind's, each timed as a new
user runs them. It has none of the archive's listings, feeds, sitemaps, redirects, validation or staging: the
difference is what those cost plus the archive's fixed costs.

| articles | full build (no photos) | its pages | plain Eleventy | + Pagefind's command | plain total | its pages | full build / plain |
|---|---|---|---|---|---|---|---|
${rows.join("\n")}

`;
}

function renderTargets(results: BenchResult[]): string {
  const at = (articles: number) => results.find((r) => r.articles === articles);
  const lines: string[] = [];
  const check = (ok: boolean) => (ok ? "met" : "**missed**");
  const r10 = at(10_000);
  const r100 = at(100_000);
  if (r10) {
    lines.push(`- 10,000 articles, full build under 20 s: ${sec(r10.full.wallSeconds)}, ${check(r10.full.wallSeconds < 20)}`);
    lines.push(`- 10,000 articles, peak memory under 2 GB: ${gib(r10.full.peakRssBytes)}, ${check(r10.full.peakRssBytes < 2e9)}`);
  }
  if (r100) {
    lines.push(`- 100,000 articles, full build under 4 minutes: ${sec(r100.full.wallSeconds)}, ${check(r100.full.wallSeconds < 240)}`);
    lines.push(`- 100,000 articles, peak memory under 6 GB: ${gib(r100.full.peakRssBytes)}, ${check(r100.full.peakRssBytes < 6e9)}`);
    const worst = Math.max(...r100.searchPayload.map((p) => p.bytes));
    lines.push(`- 100,000 articles, search payload of a query under 400 kB: ${(worst / 1024).toFixed(0)} kB at most, ${check(worst < 400 * 1024)}`);
  }
  if (r10 && r100) {
    const ratio = r100.full.wallSeconds / r100.published / (r10.full.wallSeconds / r10.published);
    lines.push(`- time per article at 100,000 at most 1.3 times that at 10,000: ${ratio.toFixed(2)}×, ${check(ratio <= 1.3)}`);
  }
  for (const r of results.filter((x) => x.articles >= 100_000)) {
    lines.push(`- republish after adding one article to ${n(r.articles)} under 15 s: ${sec(r.republish.wallSeconds)}, ${check(r.republish.wallSeconds < 15)}`);
    if (r.republishEdit) lines.push(`- republish after editing one article of ${n(r.articles)} under 15 s: ${sec(r.republishEdit.wallSeconds)}, ${check(r.republishEdit.wallSeconds < 15)}`);
    if (r.check) lines.push(`- npm run check over ${n(r.articles)} under 15 s (issue 5): ${sec(r.check.warmSeconds)} after a build, ${check(r.check.warmSeconds < 15)}; ${sec(r.check.coldSeconds)} without its cache, ${check(r.check.coldSeconds < 15)}`);
    if (r.republishDelete) lines.push(`- republish after deleting one article of ${n(r.articles)} under 15 s: ${sec(r.republishDelete.wallSeconds)}, ${check(r.republishDelete.wallSeconds < 15)}`);
  }
  return lines.join("\n");
}

function renderChart(results: BenchResult[]): string {
  const maxN = Math.max(...results.map((r) => r.articles), 1);
  const maxS = Math.max(...results.flatMap((r) => [r.full.wallSeconds, r.floorSeconds ?? 0]), 1);
  const series: Array<{ name: string; color: string; value: (r: BenchResult) => number | undefined }> = [
    { name: "full build", color: "#8a1c1c", value: (r) => r.full.wallSeconds },
    { name: "render", color: "#1f3f73", value: (r) => (r.full.stages.find((s) => s.name === "render")?.ms ?? 0) / 1000 },
    { name: "search index", color: "#c76b00", value: (r) => (r.full.stages.find((s) => s.name === "search index")?.ms ?? 0) / 1000 },
    { name: "republish (+1)", color: "#2e7d32", value: (r) => r.republish.wallSeconds },
    { name: "floor", color: "#777", value: (r) => r.floorSeconds },
  ];
  return lineChart({
    height: 360,
    title: "Build time in seconds by number of articles",
    heading: "Build time (s) by archive size (articles)",
    x: { max: maxN, ticks: results.map((r) => [r.articles, n(r.articles)]) },
    y: { max: maxS, ticks: [0, 0.25, 0.5, 0.75, 1].map((f) => [maxS * f, `${(maxS * f).toFixed(0)} s`]) },
    series: series.map((s) => ({
      name: s.name,
      color: s.color,
      dots: true,
      points: results.filter((r) => s.value(r) !== undefined).map((r): [number, number] => [r.articles, s.value(r) ?? 0]),
    })),
  });
}

function renderScaling(results: BenchResult[]): string {
  const rows = results.flatMap((r) => {
    const runs = r.renderScaling ?? [];
    const single = runs.find((run) => run.workers === 0);
    return runs.map((run) => {
      const speedUp = single ? `${(single.renderSeconds / Math.max(run.renderSeconds, 0.001)).toFixed(2)}×` : "–";
      const processes = run.workers === 0 ? "1 (the build's own process)" : `${run.workers} render workers`;
      const size = r.renderScalingDate ? `${n(r.articles)} (an earlier bench, ${r.renderScalingDate})` : n(r.articles);
      return `| ${size} | ${processes} | ${n(run.pages)} | ${sec(run.renderSeconds)} | ${speedUp} | ${sec(run.wallSeconds)} | ${sec(run.cpuSeconds)} | ${gib(run.peakRssBytes)} |`;
    });
  });
  if (rows.length === 0) return "";
  return `Cores: every page rendered again (\`--render-all\`, the search shards kept) by the build's own process, then by
render worker processes, one per core by default (\`ARCHIVE_RENDER_WORKERS\` sets the count; src/render/renderWorkers.ts).
Speed-up is of the render stage against one process. "An earlier bench" beside the size marks runs kept from an earlier
bench (\`--skip-scaling\` leaves them in place rather than measuring again). A full build indexes search beside the
render on half the cores and renders with the others (on two cores: one Pagefind process, and the render in the
build's own process).

| articles | rendering processes | pages | render | speed-up | wall time | CPU | peak memory |
|---|---|---|---|---|---|---|---|
${rows.join("\n")}

`;
}

function renderPhotos(results: BenchResult[]): string {
  const withPhotos = results.filter((r) => r.photos);
  if (withPhotos.length === 0) return "";
  const rows = withPhotos.map((r) => {
    const p = r.photos as PhotoBenchResult;
    const extra = (p.fullWarm.wallSeconds / p.fullWithoutPhotos.wallSeconds - 1) * 100;
    return (
      `| ${n(r.articles)} | ${p.encoded} | ${sec(p.photoStageSeconds)} | ${p.encodeSecondsPerPhoto.toFixed(2)} s | ${(p.outputBytesPerPhoto / 1024).toFixed(0)} kB | ` +
      `${sec(r.full.wallSeconds)} | ${sec(p.fullWarm.wallSeconds)} / ${sec(p.fullWithoutPhotos.wallSeconds)} (${extra >= 0 ? "+" : ""}${extra.toFixed(1)}%) | ` +
      `${sec(p.rebuildWarm.wallSeconds)} (${p.rebuildWarm.photosEncoded ?? "–"} encoded) | ${sec(p.republishPhoto.wallSeconds)} (${p.republishPhoto.photosEncoded ?? "–"} encoded) |`
    );
  });
  return `Photos: one article in three has a lead photo and one in twelve a figure in its body, each one of a pool of
generated 3000 × 2000 JPEGs (so the photo cache, keyed by content, encodes each distinct photo once). Encode time is
the first build's photo stage (empty cache) over the photos it encoded, every width and format of each; bytes are the
derivatives served (\`_site/media/\`) over the same count. "Full, warm" is a second \`--full\` build with the photo
cache kept, against a \`--full\` build of the same articles, word for word, without photos (since 2026-12-04 the
median of three runs: the figure the targets compare). In the tables above, the
full build of a run with photos is its first build, photo cache empty (every distinct photo encoded).

| articles | photos encoded | photo stage | encode per photo | served per photo | first build | full, warm / without photos | rebuild, no change | add one article with a new photo |
|---|---|---|---|---|---|---|---|---|
${rows.join("\n")}

`;
}
