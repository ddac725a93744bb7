/**
 * Every kind of page in Chromium: no console errors or failed requests, no axe
 * violations (any impact), no horizontal scrolling on a phone, and screenshots
 * saved as test artifacts.
 */
import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { launchChromium } from "./tools.ts";
import { correctedArticle, pagesToCheck, sampleArchive, showcaseArticle, sites, waitForSearch, watchPageHealth } from "./support.ts";

const ARTIFACTS = path.join(PROJECT_ROOT, "tests", "artifacts", "screenshots");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe.each(sites())("pages ($name)", (site) => {
  // axe takes about 3 s a page here; the sub-path build has the same markup but for its URLs, so axe runs on the root build.
  const runAxe = site.prefix === "/";
  it.each(pagesToCheck())(`$name loads without console errors or failed requests${runAxe ? ", and passes axe" : ""}`, async ({ path: pagePath }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const health = watchPageHealth(page);
    const response = await page.goto(site.url + pagePath);
    expect(response?.status()).toBe(200);
    if (pagePath.startsWith("search/")) {
      await waitForSearch(page);
      expect(await page.locator("#search-results li").count()).toBeGreaterThan(0);
    }
    await page.waitForLoadState("load");
    if (runAxe) {
      const axe = await new AxeBuilder({ page }).analyze();
      const violations = axe.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      expect(violations).toEqual([]);
    }
    expect(health.problems).toEqual([]);
    await context.close();
  });

  it("sends a visitor from a former URL (redirect_from) to the article", async () => {
    const target = correctedArticle();
    const from = sampleArchive().redirects.find((r) => r.article.url === target)?.from ?? "";
    if (site.prefix === "/") {
      // nginx with the build's map answers with a 301 before any file is read.
      const response = await fetch(site.url + from.slice(1), { redirect: "manual" });
      expect(response.status).toBe(301);
      expect(new URL(response.headers.get("location") ?? "", site.url).pathname).toBe(target);
    }
    // Any static host: the redirect page's meta refresh (the sub-path build is served without the map).
    const page = await browser.newPage();
    const health = watchPageHealth(page);
    await page.goto(site.url + from.slice(1));
    await page.waitForURL((url) => url.pathname.endsWith(target));
    expect(await page.textContent("h1")).toBe(sampleArchive().articles.find((a) => a.url === target)?.title);
    // The refresh leaves at once, so the redirect page's own icon request may be cut short: that is the browser moving on.
    expect(health.problems.filter((p) => !p.endsWith("(net::ERR_ABORTED)"))).toEqual([]);
    await page.close();
  });

  it("brings an old article's sidebar up to date from latest.json, and shows its own list without JavaScript", async () => {
    const oldest = sampleArchive().articles.at(-1)?.url ?? "";
    const newestOpinion = sampleArchive().sidebarLists.find((l) => l.section.slug === "opinion")?.articles[0]?.title;
    const withScript = await browser.newPage();
    await withScript.goto(site.url + oldest.slice(1));
    await withScript.waitForSelector('aside[data-latest-state="current"]');
    expect(await withScript.locator('[data-sidebar-section="opinion"] .entry-title').first().textContent()).toBe(newestOpinion);
    await withScript.close();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const withoutScript = await context.newPage();
    await withoutScript.goto(site.url + oldest.slice(1));
    expect(await withoutScript.locator('[data-sidebar-section="opinion"]').textContent()).toContain("Nothing published yet.");
    await context.close();
  });

  it("answers a missing page with status 404 and the site's 404 page", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${site.url}no/such/page/`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent("h1")).toBe("Page not found");
    const stylesheet = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(stylesheet).toBe("rgb(253, 251, 246)");
    await page.close();
  });
});

describe("reading comfort", () => {
  it("prints an article cleanly: headline, byline, dates, body and print line, no navigation or sidebars", async () => {
    const [site] = sites();
    const page = await browser.newPage();
    await page.goto(site!.url + showcaseArticle().slice(1));
    await page.emulateMedia({ media: "print" });
    const shown = async (selector: string) => page.locator(selector).first().isVisible();
    for (const selector of ["h1", ".byline", ".article-dates", ".article-body", ".print-line", ".citation"]) expect(await shown(selector), selector).toBe(true);
    for (const selector of [".section-nav", ".header-search", ".sidebar", ".site-footer", ".related", ".section-neighbours"]) expect(await shown(selector), selector).toBe(false);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.length).toBeGreaterThan(1000);
    await page.close();
  });

  it("follows the reader's dark mode", async () => {
    const [site] = sites();
    const context = await browser.newContext({ colorScheme: "dark" });
    const page = await context.newPage();
    await page.goto(site!.url + showcaseArticle().slice(1));
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(22, 23, 26)");
    const axe = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    await context.close();
  });
});

describe("layout", () => {
  const [site] = sites();
  const shots = [
    { name: "home", path: "" },
    { name: "article", path: showcaseArticle().slice(1) },
    { name: "search", path: "search/?q=harbour" },
  ];

  it.each([390, 1280])("takes screenshots at %i px", async (width) => {
    const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 } });
    const page = await context.newPage();
    for (const shot of shots) {
      await page.goto(site!.url + shot.path);
      if (shot.name === "search") await waitForSearch(page);
      await page.waitForLoadState("load");
      const file = path.join(ARTIFACTS, `${shot.name}-${width}.png`);
      await page.screenshot({ path: file });
      expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    }
    await context.close();
  });

  it("no page scrolls horizontally on a 390 px phone", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const overflowing: string[] = [];
    for (const { path: pagePath } of pagesToCheck()) {
      await page.goto(site!.url + pagePath);
      if (pagePath.startsWith("search/")) await waitForSearch(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) overflowing.push(`${pagePath || "/"}: ${width}px`);
    }
    expect(overflowing).toEqual([]);
    await context.close();
  });
});
