/**
 * `npm start` on the build's engine: on a few hundred articles, a saved edit
 * reaches its page and the search index by an update that renders only the
 * pages the change touches and re-indexes one search shard; a new article in a
 * folder that did not exist is picked up; an article with an error leaves the
 * dev site as it was, and fixing it builds again.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { writeSyntheticArchive } from "../../tools/bench/syntheticArchive.ts";
import { waitFor as waitForValue } from "../support/waitFor.ts";
import { makeTempDir } from "../support/fixtureArchive.ts";
import { openSearch, searchUrls } from "../support/pagefindQuery.ts";

const PORT = 19000 + (process.pid % 1000);
const base = `http://127.0.0.1:${PORT}`;
const ARTICLES = 400;
const SHARD_SIZE = 60;
let server: ChildProcess;
let root: string;
let devSite: string;
let log = "";

const waitFor = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> =>
  waitForValue(what, probe, { timeoutMs, everyMs: 100, context: () => log });

async function page(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${base}${url}`);
  return { status: response.status, text: await response.text() };
}

/** The log lines of builds (one per build, after the start-up lines). */
const buildLines = (): string[] => log.split("\n").filter((line) => /: (update|full build), /.test(line));

/** An article of the generated archive, by its source file: the file and the URL of its page. */
function articleAt(index: number): { file: string; url: string } {
  const files = (fs.readdirSync(path.join(root, "articles"), { recursive: true }) as string[]).filter((f) => f.endsWith(".md")).sort();
  const file = path.join(root, "articles", files[index] as string);
  const text = fs.readFileSync(file, "utf8");
  const date = /^date: "?(\d{4})-(\d{2})-(\d{2})/m.exec(text);
  if (!date) throw new Error(`no date in ${file}`);
  return { file, url: `/${date[1]}/${date[2]}/${date[3]}/${path.basename(file, ".md")}/` };
}

beforeAll(async () => {
  root = makeTempDir("dev-engine");
  writeSyntheticArchive(root, { articles: ARTICLES, endDate: "2024-12-31" });
  // Shards of at most 60 articles: several, so that an edit re-indexes one of them.
  const siteFile = path.join(root, "_data/site.json");
  fs.writeFileSync(siteFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(siteFile, "utf8")), searchShardSize: SHARD_SIZE }, null, 2));
  devSite = path.join(makeTempDir("dev-engine-site"), "site");
  server = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/serve.ts"), "--root", root, "--port", String(PORT), "--output", devSite], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => (log += String(d)));
  server.stderr?.on("data", (d) => (log += String(d)));
  await waitFor("the first build", async () => (log.includes("is up to date") ? true : undefined), 180_000);
}, 200_000);

afterAll(() => {
  server?.kill("SIGTERM");
});

describe("npm start on the build's engine", () => {
  it("builds the whole archive once, then a save updates only what it touches: the page, then search", async () => {
    expect(buildLines()[0]).toMatch(/^start: full build, [\d,]+ pages written/);
    const { file, url } = articleAt(123);
    expect((await page(url)).status).toBe(200);
    const before = buildLines().length;
    fs.appendFileSync(file, "\nThe editor adds one more sentence about a quetzal.\n");
    await waitFor("the edit on the page", async () => ((await page(url)).text.includes("quetzal") ? true : undefined));
    // The log line comes once the search shards are published too.
    const line = await waitFor("the build's log line", async () => buildLines()[before]);
    expect(await searchUrls(await openSearch(devSite), "quetzal")).toContain(url);
    // An update: the article and the few pages that list it (its sidebar neighbours' pages, listings), one shard.
    const written = Number(/update, ([\d,]+) pages written/.exec(line)?.[1]?.replace(/,/g, ""));
    expect(written).toBeGreaterThanOrEqual(1);
    expect(written).toBeLessThan(30);
    const indexed = Number(/search: ([\d,]+) articles re-indexed/.exec(line)?.[1]?.replace(/,/g, ""));
    expect(indexed).toBeGreaterThan(0);
    expect(indexed).toBeLessThanOrEqual(SHARD_SIZE);
  });

  it("picks up a new article in a folder that did not exist", async () => {
    const before = buildLines().length;
    const folder = path.join(root, "articles/2024/11");
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "ferry-timetable.md"), "---\ntitle: Winter ferry timetable published\ndate: 2024-11-20T08:00:00+05:00\nsection: news\n---\nThe winter ferry timetable starts on Monday.\n");
    await waitFor("the new article", async () => ((await page("/2024/11/20/ferry-timetable/")).text.includes("Winter ferry timetable published") ? true : undefined));
    await waitFor("the build's log line", async () => buildLines()[before]);
    expect(await searchUrls(await openSearch(devSite), "timetable")).toContain("/2024/11/20/ferry-timetable/");
  });

  it("keeps the last good site while an article has an error, and builds again once it is fixed", async () => {
    const { file, url } = articleAt(200);
    const good = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, good.replace(/^date: .*$/m, "date: 2024-02-31"));
    await waitFor("the error report", async () => (log.includes("not built, the archive has errors") ? true : undefined));
    expect(log).toMatch(new RegExp(`${path.relative(root, file).replace(/[.]/g, "\\.")}:\\d+: date: `));
    expect((await page(url)).status).toBe(200);
    fs.writeFileSync(file, good.replace(/\n$/, "\nFixed, with a word about a numbat.\n"));
    await waitFor("the fixed article", async () => ((await page(url)).text.includes("numbat") ? true : undefined));
  });
});
