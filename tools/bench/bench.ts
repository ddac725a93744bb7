/**
 * `npm run bench -- --articles N`: builds a deterministic synthetic archive of N
 * articles with the production pipeline and reports wall time, CPU time, peak
 * memory of the whole process tree, pages and files written, output size, the
 * time of each stage, a republish after one added article, the search payload
 * of a query, and the floor (parse + render + write, no templates). Results are
 * kept in docs/bench/results.json, and BENCHMARKS.md and docs/bench/bench.svg
 * are regenerated from them.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { parseFrontMatter } from "../../src/content/frontMatter.ts";
import { listArticleFiles } from "../../src/content/parseArticle.ts";
import { createMarkdown } from "../../src/model/markdown.ts";
import { createProgress } from "../../src/publish/progress.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { watchProcessTree } from "./processTree.ts";
import { readImportResult, readResults, writeBenchmarkReport, writeImportReport, type BenchResult, type RenderScalingResult } from "./report.ts";
import { runPlainEleventy } from "./plainEleventy.ts";
import type { PayloadReport } from "./searchPayload.ts";
import { writeGeneratedPhoto, writePhotoPool, writeSyntheticArchive } from "./syntheticArchive.ts";

const GENERATOR_VERSION = 2;
/** The plain Eleventy baseline (tools/bench/plainEleventy.ts) is built for archives up to this size. */
const PLAIN_UP_TO = 1000;
/** Distinct generated photos the articles share: enough for the photo cache to do real work, cheap to make. */
const PHOTO_POOL = 36;

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "1000" },
    dir: { type: "string" },
    "no-record": { type: "boolean", default: false },
    "skip-floor": { type: "boolean", default: false },
    /** Skip the `--render-all` runs with fewer render workers (how the render scales from one core to all). */
    "skip-scaling": { type: "boolean", default: false },
    /** Skip the plain Eleventy site of the same articles (measured up to PLAIN_UP_TO articles). */
    "skip-plain": { type: "boolean", default: false },
    /** Leave photos out of the synthetic archive (they are in by default: a lead photo in one article in three, figures in some bodies). */
    "no-photos": { type: "boolean", default: false },
    /** Measure `npm run import` instead of the build (tools/bench/importBench.ts). */
    import: { type: "boolean", default: false },
    records: { type: "string", default: "100000" },
    "wxr-posts": { type: "string", default: "10000" },
    /** Measure `npm start`'s edit loop instead of the build (tools/bench/devBench.ts). */
    dev: { type: "boolean", default: false },
    /** Only regenerate BENCHMARKS.md and the chart from docs/bench/results.json. */
    "report-only": { type: "boolean", default: false },
  },
});
const articles = Number(values.articles);
if (!Number.isInteger(articles) || articles < 10) throw new Error("--articles must be a whole number of at least 10");
const dir = path.resolve(values.dir ?? path.join(os.tmpdir(), `archive-bench-${articles}`));
const photos = !values["no-photos"];
const log = (line: string): void => console.log(line);

function dirStats(root: string): { files: number; bytes: number; html: number } {
  let files = 0;
  let bytes = 0;
  let html = 0;
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        files++;
        bytes += fs.statSync(p).size;
        if (e.name.endsWith(".html")) html++;
      }
    }
  };
  walk(root);
  return { files, bytes, html };
}

/**
 * Waits for the disk to settle after the last build: its background removals (`rm -rf` of the swapped-out site,
 * `_site.previous-…`, or of an applied update, `…-done-…`) and the write-back of what it wrote (`sync`). At 100,000
 * articles a full build leaves 3 GB to write back and a tree of 250,000 files to remove, for a minute or more: a
 * build timed meanwhile competes with them for the disk and the cores. Said in the log when it waits a second or more.
 */
async function settleDisk(root: string): Promise<void> {
  const pending = (): boolean => fs.readdirSync(root).some((name) => name.includes(".previous-") || name.includes("-done-"));
  const start = performance.now();
  while (pending() && performance.now() - start < 600_000) await new Promise((resolve) => setTimeout(resolve, 250));
  spawnSync("sync", { stdio: "ignore" });
  const waited = (performance.now() - start) / 1000;
  if (waited >= 1) log(`  (waited ${waited.toFixed(0)} s for the last build's background removal and write-back before timing)`);
}

/** Full builds of the archive without photos, of which the median is reported. */
const BARE_FULL_RUNS = 3;
/** Rounds of the three republishes (add, edit, delete one article): single runs of a second or two differ by a fifth. */
const REPUBLISH_RUNS = 3;

/** The run of median wall time, with every run's wall time. */
function medianRun<T extends { wallSeconds: number }>(runs: T[]): T & { runsSeconds: number[] } {
  const byWall = [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds);
  return { ...(byWall[Math.floor(byWall.length / 2)] as T), runsSeconds: runs.map((r) => r.wallSeconds) };
}

/** Runs `npm run build` as the maintainer would (a child process), watching its whole process tree. */
async function timedBuild(
  label: string,
  extraArgs: string[] = [],
  root = dir,
  env: NodeJS.ProcessEnv = {},
): Promise<{ wallSeconds: number; cpuSeconds: number; peakRssBytes: number; report: BuildJson }> {
  const reportFile = path.join(root, `build-report-${label}.json`);
  await settleDisk(root);
  const start = performance.now();
  // As `npm run build` starts it (bin/run.mjs), without npm's own start.
  const buildArgs = [path.join(PROJECT_ROOT, "bin/run.mjs"), "build", "--root", root, "--report", reportFile, ...extraArgs];
  const child = spawn(process.execPath, buildArgs, {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...env },
  });
  const watcher = watchProcessTree(child.pid ?? 0);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const usage = watcher.stop();
  if (code !== 0) throw new Error(`${label} build failed (exit ${code})`);
  return { wallSeconds: (performance.now() - start) / 1000, peakRssBytes: usage.peakRssBytes, cpuSeconds: usage.cpuSeconds, report: JSON.parse(fs.readFileSync(reportFile, "utf8")) as BuildJson };
}

interface BuildJson {
  articles: number;
  mode: "full" | "incremental";
  pagesWritten: number;
  pagesIndexed: number;
  shardsWritten?: number;
  shardsReused?: number;
  stages: Array<{ name: string; ms: number }>;
  photosEncoded?: number;
  renderWorkers?: number;
}

/** Generates a synthetic archive into `root` unless the one there was made with the same settings. */
async function ensureCorpus(root: string, withPhotos: boolean): Promise<void> {
  const stamp = path.join(root, ".bench-corpus.json");
  const wanted = JSON.stringify({ articles, generator: GENERATOR_VERSION, photos: withPhotos ? PHOTO_POOL : 0 });
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === wanted) {
    log(`reusing the generated corpus in ${root}`);
    return;
  }
  fs.rmSync(root, { recursive: true, force: true });
  const progress = createProgress("generate", articles);
  const start = performance.now();
  let reported = 0;
  writeSyntheticArchive(root, { articles, photos: withPhotos ? PHOTO_POOL : undefined }, (done) => {
    progress.tick(done - reported);
    reported = done;
  });
  progress.done();
  if (withPhotos) await writePhotoPool(root, PHOTO_POOL);
  fs.writeFileSync(stamp, wanted);
  log(`generated the corpus${withPhotos ? ` and ${PHOTO_POOL} photos (3000 × 2000 JPEG)` : ""} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

/**
 * The scaling runs to record: this run's, or with `--skip-scaling` the last ones measured at this size (with the
 * date they were measured), so that a quicker bench does not drop the table.
 */
function scalingRecord(measured: RenderScalingResult[], articles: number): Pick<BenchResult, "renderScaling" | "renderScalingDate"> {
  if (measured.length > 0) return { renderScaling: measured };
  const earlier = readResults().find((r) => r.articles === articles && r.renderScaling && r.renderScaling.length > 0);
  if (!earlier?.renderScaling) return {};
  return { renderScaling: earlier.renderScaling, renderScalingDate: earlier.renderScalingDate ?? earlier.date };
}

/** A `--render-all` run as the scaling table shows it: processes rendering, the render stage and the whole build. */
function scalingOf(run: Awaited<ReturnType<typeof timedBuild>>): RenderScalingResult {
  return {
    workers: run.report.renderWorkers ?? 0,
    pages: run.report.pagesWritten,
    renderSeconds: stageSeconds(run.report, "render"),
    wallSeconds: run.wallSeconds,
    cpuSeconds: run.cpuSeconds,
    peakRssBytes: run.peakRssBytes,
  };
}

const stageSeconds = (report: BuildJson, name: string): number => (report.stages.find((st) => st.name === name)?.ms ?? 0) / 1000;

/** Each query is measured in its own process, as a visitor's first search in a fresh browser. */
async function payloadInFreshProcess(site: string, query: string, year?: string): Promise<PayloadReport> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "tools/bench/payloadCli.ts"), site, query, ...(year ? [year] : [])], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += String(d)));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`measuring the search payload of "${query}" failed`);
  return JSON.parse(out) as PayloadReport;
}

/** The floor: read, parse front matter, render Markdown, write one file each. No templates, one thread. */
function runFloor(): number {
  const out = path.join(dir, "_floor");
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const md = createMarkdown();
  const files = listArticleFiles(dir);
  const progress = createProgress("floor", files.length);
  const start = performance.now();
  files.forEach((file, i) => {
    const parsed = parseFrontMatter(fs.readFileSync(path.join(dir, file), "utf8"));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.message}`);
    fs.writeFileSync(path.join(out, `${i}.html`), `<h1>${String(parsed.data.title)}</h1>\n${md.render(parsed.body)}`);
    progress.tick();
  });
  progress.done();
  const seconds = (performance.now() - start) / 1000;
  fs.rmSync(out, { recursive: true, force: true });
  return seconds;
}

/**
 * The launchers' bundles made before anything is timed: the first start after a change of the code bundles it again
 * (esbuild, some 1.5 s a command or worker), once; the bench measures the starts that follow, as a maintainer lives them.
 */
function warmLaunchers(): void {
  const launcher = path.join(PROJECT_ROOT, "bin/bundle.mjs");
  const starts = [
    // The commands' bundles, made without running them (as bin/run.mjs makes them).
    ...["build", "check", "serve"].map((name) => [
      "--input-type=module",
      "-e",
      `const { bundledModule } = await import(${JSON.stringify(pathToFileURL(launcher).href)}); await bundledModule(${JSON.stringify(path.join(PROJECT_ROOT, "src", "cli", `${name}.ts`))}, ${JSON.stringify(name)});`,
    ]),
    // A worker started without its parent has no work and exits once loaded.
    ...["src/content/parseWorker.ts", "src/render/renderWorker.ts", "src/search/shardWorker.ts"].map((worker) => [path.join(PROJECT_ROOT, "bin/worker.mjs"), worker]),
  ];
  for (const args of starts) {
    const result = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ["ignore", "ignore", "inherit"], timeout: 120_000 });
    if (result.status !== 0) throw new Error(`making the launchers' bundles failed (node ${args.join(" ")}: exit ${result.status})`);
  }
}

async function main(): Promise<void> {
  log(`bench: ${articles.toLocaleString("en")} articles in ${dir}${photos ? ", with photos" : ""}`);
  warmLaunchers();
  await ensureCorpus(dir, photos);
  fs.rmSync(path.join(dir, "_site"), { recursive: true, force: true });
  // Left by a run stopped before its clean-up: the corpus is the generated articles only.
  for (const left of ["bench-added-article.md", "bench-photo-article.md", "bench-new-photo.jpg"]) fs.rmSync(path.join(dir, "articles", "2025", "12", left), { force: true });
  // The first build encodes every photo: no photo cache from an earlier run.
  fs.rmSync(path.join(dir, ".cache", "photos"), { recursive: true, force: true });

  log(`full build${photos ? " (photo cache empty)" : ""}…`);
  // --full: no parse cache from an earlier run of the bench either.
  const full = await timedBuild("full", ["--full"]);
  const output = dirStats(path.join(dir, "_site"));
  const media = path.join(dir, "_site", "media");
  const mediaStats = fs.existsSync(media) ? dirStats(media) : { files: 0, bytes: 0, html: 0 };

  type Timed = Awaited<ReturnType<typeof timedBuild>>;
  let photoRuns: { fullWarm: Timed; rebuild: Timed; withoutPhotos: Timed & { runsSeconds: number[] } } | undefined;
  if (photos) {
    log("full build again, photo cache warm…");
    const fullWarm = await timedBuild("full-warm", ["--full"]);
    log("rebuild with no change (photo cache warm)…");
    const rebuild = await timedBuild("rebuild");
    // The same articles, word for word, without photos: what photos add to a build.
    const bare = `${dir}-without-photos`;
    await ensureCorpus(bare, false);
    // Three times, the median kept (the figure the targets compare): identical full builds on this kind of machine
    // have differed by a third from one run to the next.
    const runs: Timed[] = [];
    for (let run = 1; run <= BARE_FULL_RUNS; run++) {
      log(`full build of the same archive without photos (${run} of ${BARE_FULL_RUNS})…`);
      runs.push(await timedBuild("full", ["--full"], bare));
    }
    const withoutPhotos = medianRun(runs);
    photoRuns = { fullWarm, rebuild, withoutPhotos };
  }

  // The three republishes (add, edit, delete), run REPUBLISH_RUNS times over: each kind's median is reported, with
  // its range. Each round brings the site back to the corpus.
  const added = path.join(dir, "articles", "2025", "12", "bench-added-article.md");
  // June 2025 as in every earlier run; a small archive may have nothing then: its newest article other than the added one.
  const editedDir = path.join(dir, "articles", "2025", "06");
  const edited = fs.existsSync(editedDir)
    ? path.join(editedDir, fs.readdirSync(editedDir).filter((f) => f.endsWith(".md")).sort()[0] ?? "")
    : path.join(dir, listArticleFiles(dir).filter((f) => !f.endsWith("bench-added-article.md")).sort().at(-1) ?? "");
  const rounds: Array<{ add: Timed; edit: Timed; remove: Timed }> = [];
  for (let round = 1; round <= REPUBLISH_RUNS; round++) {
    const of = `(${round} of ${REPUBLISH_RUNS})`;
    log(`republish after adding one article ${of}…`);
    fs.mkdirSync(path.dirname(added), { recursive: true });
    fs.writeFileSync(
      added,
      "---\ntitle: An article added after the full build\ndate: 2025-12-31T09:00:00+05:00\nsection: opinion\nauthor: Bench Writer\n---\nThe harbour board met again today.\n",
    );
    const add = await timedBuild("republish");
    // An edit: a correction to the headline of an article from the archive's last year.
    log(`republish after editing one article ${of}…`);
    const original = fs.readFileSync(edited, "utf8");
    fs.writeFileSync(edited, original.replace(/^title: (.*)$/m, (_, title: string) => `title: ${title.replace(/"$/, " (corrected)\"")}`));
    let edit: Timed;
    try {
      edit = await timedBuild("republish-edit");
    } finally {
      fs.writeFileSync(edited, original);
    }
    // The edit reverted by a build of its own (not timed), so that the next one republishes one deleted article alone.
    log(`republish after reverting the edit (not reported) ${of}…`);
    await timedBuild("republish-revert");
    // Deleting the added article brings the site back to the corpus.
    fs.rmSync(added);
    log(`republish after deleting one article ${of}…`);
    const remove = await timedBuild("republish-delete");
    rounds.push({ add, edit, remove });
  }
  const republish = medianRun(rounds.map((r) => r.add));
  const republishEdit = medianRun(rounds.map((r) => r.edit));
  const republishDelete = medianRun(rounds.map((r) => r.remove));
  // The site is the corpus again: every page rendered once more, as a template or stylesheet change makes it.
  log("every page rendered again, as after a template change (--render-all)…");
  const renderAll = await timedBuild("render-all", ["--render-all"]);
  // The same render with fewer processes: how the render scales from one core to all of them.
  const renderScaling: RenderScalingResult[] = [];
  if (!values["skip-scaling"]) {
    const cores = os.availableParallelism();
    // The default run counts for its own worker count (one per core, or none for a small render).
    for (const workers of [0, ...[2, 4, 8, 16, 32].filter((w) => w < cores), cores]) {
      if (renderAll.report.renderWorkers === workers) {
        renderScaling.push(scalingOf(renderAll));
        continue;
      }
      log(`every page rendered again with ${workers === 0 ? "no render worker (the build's own process)" : `${workers} render workers`}…`);
      renderScaling.push(scalingOf(await timedBuild(`render-all-${workers}`, ["--render-all"], dir, { ARCHIVE_RENDER_WORKERS: String(workers) })));
    }
  }
  const summary = (r: Timed & { runsSeconds?: number[] }) => ({
    wallSeconds: r.wallSeconds,
    ...(r.runsSeconds ? { runsSeconds: r.runsSeconds } : {}),
    peakRssBytes: r.peakRssBytes,
    mode: r.report.mode,
    pagesWritten: r.report.pagesWritten,
    shardsWritten: r.report.shardsWritten,
    shardsReused: r.report.shardsReused,
    stages: r.report.stages,
    ...(r.report.photosEncoded !== undefined ? { photosEncoded: r.report.photosEncoded } : {}),
  });

  let republishPhoto: Timed | undefined;
  if (photos) {
    // One new article with one new photo beside it (a page bundle), a photo no earlier run has seen.
    log("republish after adding one article with one new photo…");
    const photoArticle = path.join(dir, "articles", "2025", "12", "bench-photo-article.md");
    const photoFile = path.join(dir, "articles", "2025", "12", "bench-new-photo.jpg");
    await writeGeneratedPhoto(photoFile, Date.now() % 2 ** 31);
    fs.writeFileSync(
      photoArticle,
      "---\ntitle: An article with a new photo\ndate: 2025-12-31T10:00:00+05:00\nsection: news\nauthor: Bench Writer\n" +
        'image: { src: bench-new-photo.jpg, alt: "A new generated photograph", caption: "Published after the full build.", credit: Bench Photographer }\n---\nThe harbour board met again today.\n',
    );
    try {
      republishPhoto = await timedBuild("republish-photo");
    } finally {
      fs.rmSync(photoArticle);
      fs.rmSync(photoFile);
    }
    log("republish after deleting it…");
    await timedBuild("republish-photo-delete");
  }

  // npm run check on the same archive: with the build's parse cache (as after any build), and without. Each on a
  // settled disk, as the builds are timed (right after the builds, the 100,000 run measured 17.0 s without the cache).
  const timedCheck = async (extra: string[]): Promise<number> => {
    await settleDisk(dir);
    const start = performance.now();
    const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "bin/run.mjs"), "check", "--root", dir, "--format", "json", ...extra], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    if (result.status !== 0 && result.status !== 1) throw new Error(`check failed: ${result.stderr}`);
    return (performance.now() - start) / 1000;
  };
  log("npm run check…");
  const check = { warmSeconds: await timedCheck([]), coldSeconds: await timedCheck(["--no-cache"]) };

  log("search payload…");
  const site = path.join(dir, "_site");
  const common = await payloadInFreshProcess(site, "harbour");
  const manifest = JSON.parse(fs.readFileSync(path.join(site, "pagefind", "shards.json"), "utf8")) as { filters: { year: Record<string, number> } };
  const oldestYear = Object.keys(manifest.filters.year).sort()[0] ?? "";
  const oldest = await payloadInFreshProcess(site, "harbour", oldestYear);

  const floorSeconds = values["skip-floor"] ? undefined : (log("floor (parse + render + write, no templates)…"), runFloor());
  const plainEleventy =
    values["skip-plain"] || articles > PLAIN_UP_TO ? undefined : (log("the same articles as a plain Eleventy site, and Pagefind's command over it…"), runPlainEleventy(dir, path.join(dir, "_plain")));

  const result: BenchResult = {
    articles,
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    command: `npm run bench -- --articles ${articles}${photos ? "" : " --no-photos"}`,
    published: full.report.articles,
    full: { wallSeconds: full.wallSeconds, cpuSeconds: full.cpuSeconds, peakRssBytes: full.peakRssBytes, stages: full.report.stages },
    republish: summary(republish),
    republishEdit: summary(republishEdit),
    republishDelete: summary(republishDelete),
    renderAll: summary(renderAll),
    ...scalingRecord(renderScaling, articles),
    check,
    output: { htmlPages: output.html, files: output.files, bytes: output.bytes },
    searchPayload: [common, oldest],
    floorSeconds,
    ...(plainEleventy ? { plainEleventy } : {}),
    ...(photoRuns && republishPhoto
      ? {
          photos: {
            distinct: PHOTO_POOL,
            encoded: full.report.photosEncoded ?? 0,
            photoStageSeconds: stageSeconds(full.report, "photos"),
            photoCheckSeconds: stageSeconds(full.report, "photo check"),
            encodeSecondsPerPhoto: stageSeconds(full.report, "photos") / Math.max(full.report.photosEncoded ?? 0, 1),
            outputBytesPerPhoto: mediaStats.bytes / Math.max(full.report.photosEncoded ?? 0, 1),
            derivativeFiles: mediaStats.files,
            fullWarm: { ...summary(photoRuns.fullWarm), cpuSeconds: photoRuns.fullWarm.cpuSeconds },
            rebuildWarm: summary(photoRuns.rebuild),
            fullWithoutPhotos: { ...summary(photoRuns.withoutPhotos), cpuSeconds: photoRuns.withoutPhotos.cpuSeconds, runsSeconds: photoRuns.withoutPhotos.runsSeconds },
            republishPhoto: summary(republishPhoto),
          },
        }
      : {}),
  };
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  log("");
  log(`articles          ${result.published.toLocaleString("en")} published of ${articles.toLocaleString("en")}`);
  log(`full build        ${full.wallSeconds.toFixed(1)} s wall, ${full.cpuSeconds.toFixed(1)} s CPU, peak ${mb(full.peakRssBytes)} (whole process tree)`);
  log(`  stages          ${full.report.stages.map((s) => `${s.name} ${(s.ms / 1000).toFixed(1)} s`).join(", ")}`);
  log(`  per article     ${((full.wallSeconds / result.published) * 1000).toFixed(2)} ms`);
  for (const [name, r] of [["republish (+1)", republish], ["republish (edit)", republishEdit], ["republish (-1)", republishDelete]] as const) {
    const stages = r.report.stages.map((st) => `${st.name} ${(st.ms / 1000).toFixed(1)} s`).join(", ");
    log(`${name.padEnd(18)}${r.wallSeconds.toFixed(1)} s wall, peak ${mb(r.peakRssBytes)}, ${r.report.mode}, ${r.report.pagesWritten} pages (${stages})`);
  }
  log(`check             ${check.warmSeconds.toFixed(1)} s after a build, ${check.coldSeconds.toFixed(1)} s without its cache`);
  log(`output            ${output.html.toLocaleString("en")} HTML pages, ${output.files.toLocaleString("en")} files, ${mb(output.bytes)}`);
  for (const p of result.searchPayload) log(`search payload    "${p.query}": ${(p.bytes / 1024).toFixed(0)} kB in ${p.files} files, ${p.shardsLoaded} shard(s), ${p.results} results`);
  const p = result.photos;
  if (p) {
    const extra = (p.fullWarm.wallSeconds / p.fullWithoutPhotos.wallSeconds - 1) * 100;
    log(`photos            ${p.encoded} distinct photos encoded (3000 × 2000) in the first build: photo stage ${p.photoStageSeconds.toFixed(1)} s, ${p.encodeSecondsPerPhoto.toFixed(2)} s a photo; ${(p.outputBytesPerPhoto / 1024).toFixed(0)} kB served a photo (${p.derivativeFiles} files)`);
    log(`  full, warm      ${p.fullWarm.wallSeconds.toFixed(1)} s against ${p.fullWithoutPhotos.wallSeconds.toFixed(1)} s without photos (${extra >= 0 ? "+" : ""}${extra.toFixed(1)}%), ${p.fullWarm.photosEncoded ?? "?"} encoded`);
    log(`  rebuild, warm   ${p.rebuildWarm.wallSeconds.toFixed(1)} s, ${p.rebuildWarm.mode}, ${p.rebuildWarm.pagesWritten} pages, ${p.rebuildWarm.photosEncoded ?? "?"} encoded`);
    log(`  +1 with photo   ${p.republishPhoto.wallSeconds.toFixed(1)} s, ${p.republishPhoto.mode}, ${p.republishPhoto.pagesWritten} pages, ${p.republishPhoto.photosEncoded ?? "?"} encoded`);
  }
  if (plainEleventy)
    log(`plain Eleventy    ${plainEleventy.eleventySeconds.toFixed(1)} s for ${plainEleventy.pages} pages, + Pagefind's command ${plainEleventy.pagefindSeconds.toFixed(1)} s (the full build above: ${full.wallSeconds.toFixed(1)} s)`);
  if (floorSeconds !== undefined) log(`floor             ${floorSeconds.toFixed(1)} s; full build is ${(full.wallSeconds / floorSeconds).toFixed(1)}× the floor`);
  if (!values["no-record"]) {
    writeBenchmarkReport(result);
    log("recorded in docs/bench/results.json, BENCHMARKS.md and docs/bench/bench.svg");
  }
}

if (values.dev) {
  log(`bench --dev: ${articles.toLocaleString("en")} articles in ${dir}${photos ? ", with photos" : ""}`);
  await ensureCorpus(dir, photos);
  warmLaunchers();
  const { runDevBench } = await import("./devBench.ts");
  await runDevBench(dir, articles, !values["no-record"]);
} else if (values.import) {
  const { runImportBench } = await import("./importBench.ts");
  await runImportBench(Number(values.records), Number(values["wxr-posts"]), !values["no-record"]);
} else if (values["report-only"]) {
  const results = readResults();
  const latest = results[results.length - 1];
  if (!latest) throw new Error("docs/bench/results.json has no results yet");
  writeBenchmarkReport(latest);
  const importResult = readImportResult();
  if (importResult) writeImportReport(importResult);
  log(`regenerated BENCHMARKS.md and docs/bench/bench.svg${importResult ? " and docs/bench/import-memory.svg" : ""}`);
} else await main();
