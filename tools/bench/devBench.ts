/**
 * `npm run bench -- --dev --articles N`: measures `npm start` as an editor uses
 * it, on the bench's synthetic archive. The dev server runs as a child process
 * (as `npm start` does); the bench saves files and watches the server from the
 * outside, through HTTP and the search index the server writes:
 *
 * - first start: an empty dev folder, until the server says it is up to date;
 * - edit: a word appended to an article's body, until its page (over HTTP)
 *   shows it, and until a search (the site's own search module) finds it;
 * - new headline: an article's title changed (which its listings, neighbours
 *   and sidebars show too), until its page shows it;
 * - new tag: a tag added to an article (which moves it into another listing, so
 *   the archive is assembled and every page fingerprinted again), until its
 *   page shows it;
 * - add: a new article in a folder that did not exist, until its page answers;
 * - restart: the server stopped and started again on its own dev folder.
 *
 * Recorded in docs/bench/dev.json (one entry per archive size).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { parseCachePath } from "../../src/publish/buildState.ts";
import { importSiteSearch } from "./fileFetch.ts";
import { watchProcessTree } from "./processTree.ts";
import { writeDevReport, type DevBenchResult } from "./report.ts";

const log = (line: string): void => console.log(line);
const PORT = 18700;
/** Edits timed; the median is reported. */
const EDITS = 5;

interface Server {
  child: ChildProcess;
  upToDate: Promise<number>;
  output: () => string;
}

/** The Node options `npm start` runs the dev server with (package.json's script), so the bench times that very process. */
function startScriptNodeOptions(): string[] {
  const packageJson = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  const words = packageJson.scripts.start.split(/\s+/);
  const script = words.indexOf("bin/run.mjs");
  if (words[0] !== "node" || script < 0) throw new Error(`npm start is not "node [options] bin/run.mjs serve": ${packageJson.scripts.start}`);
  return words.slice(1, script);
}

function startServer(root: string): Server {
  const started = performance.now();
  const child = spawn(process.execPath, [...startScriptNodeOptions(), path.join(PROJECT_ROOT, "bin/run.mjs"), "serve", "--root", root, "--port", String(PORT)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const upToDate = new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes("is up to date")) resolve((performance.now() - started) / 1000);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`the dev server exited (${code}):\n${output}`)));
  });
  return { child, upToDate, output: () => output };
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.on("exit", resolve));
  server.child.kill("SIGTERM");
  await exited;
}

/** Polls until `probe` is true; the seconds since `since`. */
async function until(what: string, since: number, probe: () => Promise<boolean>, timeoutSeconds = 120): Promise<number> {
  for (;;) {
    if (await probe().catch(() => false)) return (performance.now() - since) / 1000;
    if (performance.now() - since > timeoutSeconds * 1000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function pageShows(url: string, text: string): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${PORT}${url}`);
  return response.ok && (await response.text()).includes(text);
}

async function searchFinds(site: string, word: string, url: string): Promise<boolean> {
  const search = await importSiteSearch(site);
  await search.options({ baseUrl: "/" });
  await search.init();
  const found = await search.search(word);
  const urls = await Promise.all(found.results.slice(0, 5).map(async (r) => (await r.data()).url));
  return urls.includes(url);
}

/** An article of the dev site (from its parse cache, written after the first build, in parts): its source and URL. */
function pickArticle(root: string, index: number): { sourcePath: string; url: string } {
  const dir = parseCachePath(path.join(root, ".cache", "dev-site"));
  const sources = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .flatMap((name) => {
      const part = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as { sources: Record<string, { result: { kind: string; article?: { url: string } } }> };
      return Object.entries(part.sources);
    });
  const articles = sources.filter(([, s]) => s.result.kind === "article").sort(([a], [b]) => (a < b ? -1 : 1));
  const [sourcePath, source] = articles[index % articles.length] as [string, { result: { article?: { url: string } } }];
  return { sourcePath, url: source.result.article?.url ?? "/" };
}

/** Saves `text` into `file` and waits for the page at `url` to show `shows`; the seconds it took, after a pause for the build to end. */
async function timeSave(file: string, text: string, url: string, shows: string): Promise<number> {
  const saved = performance.now();
  fs.writeFileSync(file, text);
  const seconds = await until(`${url} to show "${shows}"`, saved, () => pageShows(url, shows));
  await new Promise((resolve) => setTimeout(resolve, 500));
  return seconds;
}

/** The article's front matter with one more tag (a `tags` line of its own if it had none). */
const withTag = (text: string, tag: string): string =>
  /^tags: \[/m.test(text) ? text.replace(/^tags: \[/m, `tags: ["${tag}", `) : text.replace(/^section: .*$/m, (line) => `${line}\ntags: ["${tag}"]`);

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function runDevBench(root: string, articles: number, record: boolean): Promise<DevBenchResult> {
  const devSite = path.join(root, ".cache", "dev-site");
  // The bench's own dev folder, state and marker (inside the bench's generated archive).
  for (const made of [devSite, ...[".dev-site.build-state.json", ".dev-site.parse-cache", ".dev-site.parse-cache.json", ".dev-site.dev-server.json"].map((f) => path.join(root, ".cache", f))]) fs.rmSync(made, { recursive: true, force: true });

  log("npm start, first start (empty dev folder)…");
  let server = startServer(root);
  // A failed bench must not leave a server holding the dev folder's lock.
  process.on("exit", () => server.child.kill("SIGTERM"));
  const usage = watchProcessTree(server.child.pid as number);
  const firstStartSeconds = await server.upToDate;
  log(`  up to date after ${firstStartSeconds.toFixed(1)} s`);

  const pageSeconds: number[] = [];
  const searchSeconds: number[] = [];
  const edited: string[] = [];
  for (let i = 0; i < EDITS; i++) {
    const { sourcePath, url } = pickArticle(root, 1000 + i * 997);
    edited.push(sourcePath);
    const word = `benchword${Date.now().toString(36)}x${i}`;
    const saved = performance.now();
    fs.appendFileSync(path.join(root, sourcePath), `\nA sentence the editor added: ${word}.\n`);
    pageSeconds.push(await until(`${url} to show the edit`, saved, () => pageShows(url, word)));
    searchSeconds.push(await until(`search to find ${word}`, saved, () => searchFinds(devSite, word, url)));
    log(`  edit ${i + 1}: page ${pageSeconds[i]?.toFixed(2)} s, search ${searchSeconds[i]?.toFixed(2)} s`);
    // Let the build finish before the next save, as an editor reading the page would.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  // A new headline: the pages that show the article change too (src/views/editedArchive.ts).
  const retitled = pickArticle(root, 7919);
  const retitledFile = path.join(root, retitled.sourcePath);
  const retitledOriginal = fs.readFileSync(retitledFile, "utf8");
  const headline = `A new headline for the bench ${Date.now().toString(36)}`;
  const retitlePageSeconds = await timeSave(retitledFile, retitledOriginal.replace(/^title: .*$/m, `title: "${headline}"`), retitled.url, headline);
  log(`  new headline: page ${retitlePageSeconds.toFixed(2)} s`);
  // A new tag: the article joins another listing, so the archive is assembled and every page fingerprinted again.
  const retagged = pickArticle(root, 4001);
  const retaggedFile = path.join(root, retagged.sourcePath);
  const retaggedOriginal = fs.readFileSync(retaggedFile, "utf8");
  const tag = `benchtag ${Date.now().toString(36)}`;
  const retagPageSeconds = await timeSave(retaggedFile, withTag(retaggedOriginal, tag), retagged.url, tag);
  log(`  new tag: page ${retagPageSeconds.toFixed(2)} s`);

  // A new article in a month folder that does not exist yet.
  const folder = `articles/2026/0${1 + (Date.now() % 9)}`;
  const slug = `bench-new-${Date.now().toString(36)}`;
  const month = folder.slice(-2);
  fs.mkdirSync(path.join(root, folder), { recursive: true });
  const added = performance.now();
  fs.writeFileSync(path.join(root, folder, `${slug}.md`), `---\ntitle: A new article for the bench\ndate: 2026-${month}-15T09:00:00+05:00\nsection: news\n---\nIt is new.\n`);
  const addSeconds = await until("the new article", added, () => pageShows(`/2026/${month}/15/${slug}/`, "A new article for the bench"));
  log(`  new article in a new folder: page ${addSeconds.toFixed(2)} s`);
  const peakRssBytes = usage.stop().peakRssBytes;
  await stopServer(server);

  log("npm start again (its dev folder as the last run left it)…");
  server = startServer(root);
  const restartSeconds = await server.upToDate;
  log(`  up to date after ${restartSeconds.toFixed(1)} s`);
  await stopServer(server);
  fs.rmSync(path.join(root, folder, `${slug}.md`));
  fs.writeFileSync(retitledFile, retitledOriginal);
  fs.writeFileSync(retaggedFile, retaggedOriginal);

  const result: DevBenchResult = {
    articles,
    date: new Date().toISOString(),
    firstStartSeconds,
    restartSeconds,
    editPageSeconds: median(pageSeconds),
    editSearchSeconds: median(searchSeconds),
    editPageRange: [Math.min(...pageSeconds), Math.max(...pageSeconds)],
    retitlePageSeconds,
    retagPageSeconds,
    addPageSeconds: addSeconds,
    peakRssBytes,
  };
  if (record) writeDevReport(result);
  return result;
}
