/**
 * Pagefind's conventions: /pagefind/pagefind.js offers Pagefind's API over
 * every shard, so scripts written against Pagefind's documented API and
 * Pagefind's own Default UI search the whole archive, at the root and under a
 * sub-path.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./tools.ts";
import { sites } from "./support.ts";
import type { ShardedPagefind } from "../../src/search/shardedPagefind.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

type PageWindow = Window & { pagefind: ShardedPagefind };

/**
 * `await import("<prefix>pagefind/pagefind.js")` in the page, kept as `window.pagefind`. Written as text: Vitest
 * rewrites `import()` in the functions a test passes to `evaluate`.
 */
async function importInPage(page: Page, bundle: string): Promise<void> {
  await page.evaluate(`(async () => { window.pagefind = await import(${JSON.stringify(`${bundle}pagefind.js`)}); })()`);
}

interface Found {
  urls: string[];
  datetimes: string[];
  sections: string[];
  shards: string[];
  complete: boolean;
}

describe.each(sites())("Pagefind's API at /pagefind/pagefind.js ($name)", (site) => {
  it("searches every shard with a date sort and a filter, in date order, with URLs that resolve", async () => {
    const page = await browser.newPage();
    await page.goto(site.url);
    await importInPage(page, `${site.prefix}pagefind/`);
    const search = (direction: "asc" | "desc") =>
      page.evaluate(
        async (direction) => {
          const { pagefind } = window as unknown as PageWindow;
          const response = await pagefind.search("harbour", { filters: { section: "News" }, sort: { date: direction } });
          const data = await Promise.all(response.results.map((r) => r.data()));
          return {
            urls: data.map((d) => d.url),
            datetimes: data.map((d) => d.meta.datetime ?? ""),
            sections: data.map((d) => d.meta.section ?? ""),
            shards: response.shards.map((s) => s.id),
            complete: response.complete,
          } satisfies Found;
        },
        direction,
      );
    const newest = await search("desc");
    expect(newest.complete).toBe(true);
    expect(newest.urls.length).toBeGreaterThan(3);
    // Results from more than one shard, in date order right across them.
    expect(new Set(newest.datetimes.map((d) => d.slice(0, 4))).size).toBeGreaterThan(1);
    const times = newest.datetimes.map((d) => Date.parse(d));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const section of newest.sections) expect(section).toBe("News");
    const oldest = await search("asc");
    expect([...oldest.urls].sort()).toEqual([...newest.urls].sort());
    const ascending = oldest.datetimes.map((d) => Date.parse(d));
    expect([...ascending].sort((a, b) => a - b)).toEqual(ascending);

    for (const url of newest.urls) {
      expect(url.startsWith(site.prefix)).toBe(true);
      const response = await fetch(new URL(url, site.url));
      expect(response.status, url).toBe(200);
    }
    await page.close();
  });

  it("offers filters(), preload() and debouncedSearch() as Pagefind does", async () => {
    const page = await browser.newPage();
    await page.goto(site.url);
    await importInPage(page, `${site.prefix}pagefind/`);
    const result = await page.evaluate(async () => {
      const { pagefind } = window as unknown as PageWindow;
      await pagefind.options({ excerptLength: 20 });
      await pagefind.init();
      const filters = await pagefind.filters();
      await pagefind.preload("tram");
      const [superseded, latest] = await Promise.all([pagefind.debouncedSearch("tra", {}, 50), pagefind.debouncedSearch("tram", {}, 50)]);
      return { filters, superseded, latest: latest?.results.length ?? -1 };
    });
    const manifest = (await (await fetch(`${site.url}pagefind/shards.json`)).json()) as { filters: Record<string, Record<string, number>> };
    expect(result.filters).toEqual(manifest.filters);
    expect(result.superseded).toBeNull();
    expect(result.latest).toBeGreaterThan(0);
    await page.close();
  });

  it("serves Pagefind's Default UI, which finds articles through it", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(site.url);
    const manifest = (await (await fetch(`${site.url}pagefind/shards.json`)).json()) as { shards: Array<{ path: string }> };
    // The UI ships in every shard's bundle; pointed at /pagefind/ it imports /pagefind/pagefind.js.
    await page.addScriptTag({ url: `${site.prefix}pagefind/${manifest.shards[0]!.path}pagefind-ui.js` });
    await page.evaluate((bundlePath) => {
      const element = document.createElement("div");
      element.id = "pagefind-ui-test";
      document.body.prepend(element);
      new (window as unknown as { PagefindUI: new (options: object) => unknown }).PagefindUI({ element, bundlePath });
    }, `${site.prefix}pagefind/`);
    await page.fill("#pagefind-ui-test input", "harbour");
    await page.waitForSelector("#pagefind-ui-test .pagefind-ui__result-link");
    const hrefs = await page.$$eval("#pagefind-ui-test .pagefind-ui__result-link", (links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href.startsWith(site.prefix)).toBe(true);
    const message = await page.textContent("#pagefind-ui-test .pagefind-ui__message");
    // Every shard is searched: the UI's count is the archive's.
    const count = Number(/(\d+)/.exec(message ?? "")?.[1]);
    await importInPage(page, `${site.prefix}pagefind/`);
    const all = await page.evaluate(async () => (await (window as unknown as PageWindow).pagefind.search("harbour")).results.length);
    expect(count).toBe(all);
    expect(errors).toEqual([]);
    await page.close();
  });
});
