/**
 * The built sample archive checked as a hosting provider would: valid HTML
 * (the Nu Html Checker), and every internal link, script, stylesheet, image and
 * search result resolving on a real server, at the root and under a sub-path.
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { listFiles, readPage } from "../support/html.ts";
import { openSearch, searchUrls } from "../support/pagefindQuery.ts";
import { sampleArchive, sites } from "./support.ts";
import { JAVA_PATH } from "./tools.ts";

const run = promisify(execFile);
const vnuJar = createRequire(import.meta.url)("vnu-jar") as string;

interface VnuMessage {
  type: string;
  url?: string;
  lastLine?: number;
  message: string;
}

describe.each(sites())("built site ($name)", (site) => {
  const htmlFiles = () => listFiles(site.dir).filter((f) => f.endsWith(".html"));

  it("is valid HTML on every page (Nu Html Checker, zero errors)", async () => {
    const files = htmlFiles();
    expect(files.length).toBeGreaterThan(sampleArchive().articles.length);
    // vnu exits non-zero when it finds errors; the JSON report is on stderr either way.
    const result = await run(JAVA_PATH, ["-jar", vnuJar, "--errors-only", "--format", "json", "--skip-non-html", site.dir], {
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stderr: string }) => error);
    const report = JSON.parse(result.stderr || '{"messages":[]}') as { messages: VnuMessage[] };
    const errors = report.messages.map((m) => `${m.url?.replace(/^file:.*_site\//, "")}:${m.lastLine}: ${m.message}`);
    expect(errors).toEqual([]);
  });

  it("resolves every internal link, script, stylesheet and image", async () => {
    const origin = new URL(site.url).origin;
    const targets = new Map<string, string>();
    const missingFragments: string[] = [];
    for (const file of htmlFiles()) {
      const pageUrl = new URL(file.replace(/index\.html$/, ""), site.url);
      const $ = cheerio.load(readPage(site.dir, file));
      $("a[href], link[href], script[src], img[src], form[action]").each((_, el) => {
        const raw = $(el).attr("href") ?? $(el).attr("src") ?? $(el).attr("action") ?? "";
        const url = new URL(raw, pageUrl);
        if (url.origin !== origin) return;
        if (url.hash && url.pathname === pageUrl.pathname && $(url.hash).length === 0) missingFragments.push(`${file}: ${raw}`);
        url.hash = "";
        if (!targets.has(url.href)) targets.set(url.href, file);
      });
    }
    expect(missingFragments).toEqual([]);
    expect(targets.size).toBeGreaterThan(sampleArchive().articles.length);
    const broken: string[] = [];
    for (const [url, from] of targets) {
      const response = await fetch(url);
      if (response.status !== 200) broken.push(`${url} (${response.status}), linked from ${from}`);
      await response.arrayBuffer();
    }
    expect(broken).toEqual([]);
  });

  it("gives search results that resolve, one for every article", async () => {
    const search = await openSearch(site.dir, site.prefix);
    const years = Object.keys((await search.filters()).year ?? {});
    const urls = new Set<string>();
    for (const year of years) for (const url of await searchUrls(search, null, { filters: { year } })) urls.add(url);
    expect(urls.size).toBe(sampleArchive().articles.length);
    const origin = new URL(site.url).origin;
    for (const url of urls) {
      expect(url.startsWith(site.prefix)).toBe(true);
      const response = await fetch(origin + url);
      expect(response.status, url).toBe(200);
      await response.arrayBuffer();
    }
  });
});
