/** `npm start`: the dev server serves the archive with search, and picks up a new article by itself. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RELOAD_PATH } from "../../src/dev/devServer.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { createGazetteArchive } from "../support/gazetteFixture.ts";
import { waitFor as waitForValue } from "../support/waitFor.ts";
import { makeTempDir, writeArticle } from "../support/fixtureArchive.ts";

const PORT = 18000 + (process.pid % 1000);
// The server listens on 127.0.0.1 only; `localhost` may resolve to ::1 first.
const base = `http://127.0.0.1:${PORT}`;
let server: ChildProcess;
let root: string;
let log = "";

const waitFor = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> =>
  waitForValue(what, probe, { timeoutMs, everyMs: 250, context: () => log });

async function status(url: string): Promise<number> {
  return (await fetch(url)).status;
}

/** Opens the live-reload stream as a page does; resolves once connected, `reloaded` at the first reload event. */
async function subscribeToReloads(): Promise<{ reloaded: Promise<void>; close(): void }> {
  let close = () => {};
  let connected = () => {};
  const open = new Promise<void>((resolve) => (connected = resolve));
  const reloaded = new Promise<void>((resolve, reject) => {
    const req = http.get(`${base}${RELOAD_PATH}`, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
        connected();
        if (text.includes("event: reload")) resolve();
      });
    });
    req.on("error", reject);
    close = () => req.destroy();
  });
  await open;
  return { reloaded, close };
}

async function indexedPages(): Promise<number> {
  const manifest = (await (await fetch(`${base}/pagefind/shards.json`)).json()) as { shards: Array<{ articles: number }> };
  return manifest.shards.reduce((n, s) => n + s.articles, 0);
}

const PHOTOS = path.resolve(import.meta.dirname, "../../../shared/fixtures/photos");

beforeAll(async () => {
  root = createGazetteArchive();
  // A draft with a photo that the dev server processes, and one that is damaged: reported, shown as its alt text.
  fs.copyFileSync(path.join(PHOTOS, "coffee.png"), path.join(root, "articles/2025/01/coffee.png"));
  fs.copyFileSync(path.join(PHOTOS, "truncated.jpg"), path.join(root, "articles/2025/01/broken.jpg"));
  fs.appendFileSync(
    path.join(root, "articles/2025/01/unfinished.md"),
    "\n![A cup of coffee on a saucer](coffee.png)\nCaption: Espresso on the harbour front.\n\n![The broken photo](broken.jpg)\n",
  );
  server = spawn(
    process.execPath,
    ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/serve.ts"), "--root", root, "--port", String(PORT), "--output", path.join(makeTempDir("dev"), "site")],
    { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  server.stdout?.on("data", (d) => (log += String(d)));
  server.stderr?.on("data", (d) => (log += String(d)));
  await waitFor("the first build", async () => ((await status(`${base}/`)) === 200 && (await indexedPages()) === 9 ? true : undefined));
});

afterAll(() => {
  server?.kill("SIGTERM");
});

describe("dev server", () => {
  it("serves the home page, articles, the search page and the search index", async () => {
    expect(await status(`${base}/`)).toBe(200);
    expect(await status(`${base}/2023/12/09/harbour-vote/`)).toBe(200);
    expect(await status(`${base}/search/`)).toBe(200);
    expect(await status(`${base}/assets/search.js`)).toBe(200);
    // The gazette's eight articles and its draft, which the dev server previews.
    expect(await indexedPages()).toBe(9);
  });

  it("shows drafts with a banner that says they are not published", async () => {
    const draft = await (await fetch(`${base}/2025/01/10/unfinished/`)).text();
    expect(draft).toContain('class="preview-banner"');
    expect(draft).toMatch(/<strong>Draft<\/strong>: not published/);
    const published = await (await fetch(`${base}/2023/12/09/harbour-vote/`)).text();
    expect(published).not.toContain("preview-banner");
  });

  it("processes photos into /media/ as the build does, and reports a bad one while showing its alt text", async () => {
    const draft = await (await fetch(`${base}/2025/01/10/unfinished/`)).text();
    expect(draft).toMatch(/<figure class="figure"><picture><source type="image\/webp" srcset="\/media\/[0-9a-f]{16}-/);
    expect(draft).toContain("<figcaption>Espresso on the harbour front.</figcaption>");
    expect(draft).toContain('<span class="photo-missing">The broken photo</span>');
    const derivative = /<img src="(\/media\/[^"]+\.jpg)"/.exec(draft)?.[1] ?? "";
    const response = await fetch(`${base}${derivative}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(log).toMatch(/articles\/2025\/01\/unfinished\.md:\d+: warning: body: photo articles\/2025\/01\/broken\.jpg is damaged or truncated/);
    // The build's photo cache, in the content root.
    expect(fs.readdirSync(path.join(root, ".cache/photos/media")).some((name) => name.endsWith(".webp"))).toBe(true);
  });

  it("rebuilds the pages and the search index when an article is added", async () => {
    // Into a folder that exists: a file written at once into a brand-new folder can slip past the file watcher
    // before it watches that folder (seen once under full CI load).
    const reloads = await subscribeToReloads();
    writeArticle(root, {
      path: "2023/12/pier.md",
      frontMatter: "title: Pier reopens after storm repairs\ndate: 2023-12-20T09:00:00+05:00\nsection: news",
      body: "The pier reopened on Saturday.\n",
    });
    await waitFor("the new article", async () => ((await status(`${base}/2023/12/20/pier/`)) === 200 ? true : undefined));
    await waitFor("the new search index", async () => ((await indexedPages()) === 10 ? true : undefined));
    const home = await (await fetch(`${base}/news/`)).text();
    expect(home).toContain("Pier reopens after storm repairs");
    // Open pages were told to reload. A page opened as a browser does (no fetch() Sec-Fetch-Mode) carries the listener.
    await reloads.reloaded;
    reloads.close();
    const page = await new Promise<string>((resolve, reject) => {
      http.get(`${base}/news/`, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve(text));
      }).on("error", reject);
    });
    expect(page).toContain(`new EventSource("${RELOAD_PATH}")`);
  });
});
