/** Search as a visitor uses it, in Chromium, against nginx, at the root and under a sub-path. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./tools.ts";
import { searchAfter, sites, waitForSearch } from "./support.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function resultMeta(page: Page): Promise<Array<{ datetime: string; meta: string; href: string }>> {
  return page.$$eval("#search-results li", (items) =>
    items.map((li) => ({
      datetime: li.querySelector("time")?.getAttribute("datetime") ?? "",
      meta: li.querySelector(".entry-meta")?.textContent ?? "",
      href: li.querySelector("a")?.getAttribute("href") ?? "",
    })),
  );
}

describe.each(sites())("search ($name)", (site) => {
  it("finds articles from the header search box, and a result opens its article", async () => {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.fill("#header-search-q", "tram");
    await page.press("#header-search-q", "Enter");
    await page.waitForURL(/\/search\/\?q=tram$/);
    expect(new URL(page.url()).pathname).toBe(`${site.prefix}search/`);
    await waitForSearch(page);
    const results = await resultMeta(page);
    expect(results.length).toBeGreaterThan(3);
    for (const r of results) expect(r.href.startsWith(site.prefix)).toBe(true);
    const firstTitle = (await page.textContent("#search-results li h2 a"))?.trim();
    const [response] = await Promise.all([page.waitForEvent("response", (r) => r.url().endsWith(results[0]!.href)), page.click("#search-results li h2 a")]);
    expect(response.status()).toBe(200);
    expect((await page.textContent("h1"))?.trim()).toBe(firstTitle);
    await page.close();
  });

  it("filters by section, year and author", async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}search/?q=harbour`);
    await waitForSearch(page);
    await searchAfter(page, () => page.selectOption("#filter-section", "Opinion"));
    const opinion = await resultMeta(page);
    expect(opinion.length).toBeGreaterThan(0);
    for (const r of opinion) expect(r.meta).toContain("· Opinion");
    expect(page.url()).toContain("section=Opinion");

    await searchAfter(page, () => page.selectOption("#filter-section", ""));
    await searchAfter(page, () => page.selectOption("#filter-year", "2023"));
    const in2023 = await resultMeta(page);
    expect(in2023.length).toBeGreaterThan(0);
    for (const r of in2023) expect(r.datetime.startsWith("2023")).toBe(true);

    await searchAfter(page, () => page.selectOption("#filter-year", ""));
    await searchAfter(page, () => page.selectOption("#filter-author", "Samira Qadir"));
    const bySamira = await resultMeta(page);
    expect(bySamira.length).toBeGreaterThan(0);
    for (const r of bySamira) expect(r.meta).toContain("Samira Qadir");
    await page.close();
  });

  it("sorts by date, newest or oldest first", async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}search/?q=water&sort=desc`);
    await waitForSearch(page);
    expect(await page.inputValue("#search-sort")).toBe("desc");
    const newest = (await resultMeta(page)).map((r) => Date.parse(r.datetime));
    expect(newest.length).toBeGreaterThan(3);
    expect([...newest].sort((a, b) => b - a)).toEqual(newest);

    await searchAfter(page, () => page.selectOption("#search-sort", "asc"));
    expect(page.url()).toContain("sort=asc");
    const oldest = (await resultMeta(page)).map((r) => Date.parse(r.datetime));
    expect([...oldest].sort((a, b) => a - b)).toEqual(oldest);
    await page.close();
  });

  it("says so when nothing matches", async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}search/?q=zyzzogeton`);
    await waitForSearch(page);
    expect(await page.textContent("#search-status")).toBe("No articles match “zyzzogeton”.");
    expect(await page.locator("#search-results li").count()).toBe(0);
    await page.close();
  });

  it("opens /search/?q=... with the query filled in and results shown", async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}search/?q=monsoon&section=News`);
    await waitForSearch(page);
    expect(await page.inputValue("#search-q")).toBe("monsoon");
    expect(await page.inputValue("#filter-section")).toBe("News");
    const results = await resultMeta(page);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.meta).toContain("· News");
    await page.close();
  });
});

describe("a sharded search index", () => {
  it("loads older shards only when a query needs more results", async () => {
    const [site] = sites();
    const page = await browser.newPage();
    const shardRequests = new Set<string>();
    page.on("request", (request) => {
      const match = /\/pagefind\/([^/]+)\//.exec(new URL(request.url()).pathname);
      if (match) shardRequests.add(match[1]!);
    });
    const manifest = (await (await fetch(`${site!.url}pagefind/shards.json`)).json()) as { shards: Array<{ id: string }> };
    expect(manifest.shards.length).toBeGreaterThan(1);
    const [newest, ...older] = manifest.shards.map((s) => s.id);

    await page.goto(`${site!.url}search/?q=port&sort=desc`);
    await waitForSearch(page);
    // The newest shards only, in order, as many as the first page of results needs: never all of them.
    const first = [...shardRequests];
    expect(first.length).toBeLessThan(manifest.shards.length);
    expect(first).toEqual([newest, ...older].slice(0, first.length));
    expect(await page.textContent("#search-status")).toMatch(/^\d+ articles match “port” in (\d{4}|\d{4} to \d{4})\. “Show more results” searches further back\.$/);

    while (await page.isVisible("#search-more")) await searchAfterOrMore(page);
    expect([...shardRequests].sort()).toEqual([newest, ...older].sort());
    expect(await page.textContent("#search-status")).toMatch(/^\d+ articles match “port”\.$/);
    const times = await page.$$eval("#search-results time", (els) => els.map((el) => Date.parse(el.getAttribute("datetime") ?? "")));
    expect(times.length).toBeGreaterThan(10);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    await page.close();
  });
});

/** Clicks "Show more results": either shows more loaded results or searches further shards. */
async function searchAfterOrMore(page: Page): Promise<void> {
  const before = await page.locator("#search-results li").count();
  const searches = await page.evaluate(() => Number(document.getElementById("search")?.dataset.searches ?? 0));
  await page.click("#search-more");
  await page.waitForFunction(
    ([n, s]) =>
      document.querySelectorAll("#search-results li").length > n ||
      (document.getElementById("search")?.dataset.state === "done" && Number(document.getElementById("search")?.dataset.searches) > s),
    [before, searches] as const,
  );
  await page.waitForFunction(() => document.getElementById("search")?.dataset.state === "done");
}

describe("search with the keyboard alone", () => {
  it("reaches the search box, submits with Enter, tabs to a result and opens it, with focus always visible", async () => {
    const [site] = sites();
    const page = await browser.newPage();
    await page.goto(site!.url);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return {
          id: el?.id ?? "",
          inResults: Boolean(el?.closest("#search-results")),
          tag: el?.tagName ?? "",
          outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : "",
        };
      });
    const expectVisibleFocus = (f: { outline: string }) => expect(f.outline).not.toMatch(/^none|\s0px$/);

    await page.keyboard.press("Tab");
    const skip = await focused();
    expect(skip.tag).toBe("A");
    expectVisibleFocus(skip);

    for (let i = 0; i < 5 && (await focused()).id !== "header-search-q"; i++) await page.keyboard.press("Tab");
    const box = await focused();
    expect(box.id).toBe("header-search-q");
    expectVisibleFocus(box);
    await page.keyboard.type("dredging");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/search\/\?q=dredging$/);
    await waitForSearch(page);

    let current = await focused();
    for (let i = 0; i < 40 && !current.inResults; i++) {
      await page.keyboard.press("Tab");
      current = await focused();
    }
    expect(current.inResults).toBe(true);
    expect(current.tag).toBe("A");
    expectVisibleFocus(current);
    const href = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href);
    const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(href);
    await page.waitForLoadState("domcontentloaded");
    expect(await page.locator("article h1").count()).toBe(1);
    await page.close();
  });
});
