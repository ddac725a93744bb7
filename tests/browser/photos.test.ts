/**
 * Photo pages in Chromium, at a phone's width and a desktop's: every derivative
 * loads, the lead photo is fetched first and body photos lazily, nothing moves
 * as photos arrive (cumulative layout shift exactly 0, measured with a
 * PerformanceObserver after load and again after scrolling to the bottom), no
 * console errors or failed requests, and axe passes.
 */
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./tools.ts";
import { figureArticle, leadPhotoArticle, sites, watchPageHealth } from "./support.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Layout shifts not caused by input, summed, from the first paint on (buffered). Installed before any page script. */
const CLS_OBSERVER = `
  window.__layoutShift = { total: 0, shifts: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__layoutShift.total += entry.value;
      const sources = (entry.sources || []).map((s) => s.node ? (s.node.nodeName + "." + (s.node.className || "")) : "?");
      window.__layoutShift.shifts.push(entry.value.toFixed(4) + " " + sources.join(" "));
    }
  }).observe({ type: "layout-shift", buffered: true });
`;

interface LayoutShift {
  total: number;
  shifts: string[];
}
const layoutShift = (page: Page): Promise<LayoutShift> => page.evaluate("window.__layoutShift") as Promise<LayoutShift>;

/** Two animation frames: any shift caused by what just happened has been reported. */
const settle = (page: Page): Promise<unknown> =>
  page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50))))");

/** Scrolls a screen at a time to the bottom, so lazy photos load, then waits until every image has finished. */
async function scrollToBottom(page: Page): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const atBottom = await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight * 0.8);
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
    });
    await settle(page);
    if (atBottom) break;
  }
  await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete));
  await settle(page);
}

const pages = () => {
  const lead = leadPhotoArticle();
  const figure = figureArticle();
  return lead === figure ? [{ kind: "lead photo and figure", url: lead }] : [{ kind: "lead photo", url: lead }, { kind: "figure", url: figure }];
};

describe.each(sites())("photo pages ($name)", (site) => {
  describe.each([390, 1280])("at %i px", (width) => {
    it.each(pages())("$kind article ($url): photos load, lead eager, body lazy, no layout shift, no errors, axe passes", async ({ url }) => {
      const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 } });
      await context.addInitScript(CLS_OBSERVER);
      const page = await context.newPage();
      const health = watchPageHealth(page);
      const response = await page.goto(site.url + url.slice(1));
      expect(response?.status()).toBe(200);
      await page.waitForLoadState("load");
      await settle(page);
      const afterLoad = await layoutShift(page);

      // Loading: the lead photo at once and first, every other photo lazily.
      const images = await page.evaluate(() =>
        Array.from(document.querySelectorAll("picture img")).map((node) => {
          const img = node as HTMLImageElement;
          return {
            lead: img.closest(".lead-photo") !== null,
            // No `loading` attribute is eager loading (Chromium's `img.loading` reads "auto" then).
            loading: img.getAttribute("loading") ?? "eager",
            fetchPriority: img.getAttribute("fetchpriority"),
            decoding: img.getAttribute("decoding"),
            hasSize: img.hasAttribute("width") && img.hasAttribute("height"),
          };
        }),
      );
      const lead = images.filter((i) => i.lead);
      const others = images.filter((i) => !i.lead);
      if (url === leadPhotoArticle()) expect(lead).toHaveLength(1);
      if (url === figureArticle()) expect(others.length).toBeGreaterThan(0);
      for (const image of lead) expect(image).toEqual({ lead: true, loading: "eager", fetchPriority: "high", decoding: null, hasSize: true });
      for (const image of others) expect(image).toEqual({ lead: false, loading: "lazy", fetchPriority: null, decoding: "async", hasSize: true });

      await scrollToBottom(page);
      const afterScroll = await layoutShift(page);
      console.log(`${site.name} ${width}px ${url}: CLS after load ${afterLoad.total}, after scrolling ${afterScroll.total}`);
      expect(afterLoad).toEqual({ total: 0, shifts: [] });
      expect(afterScroll).toEqual({ total: 0, shifts: [] });

      // Every image shown has decoded pixels, and every candidate of every source and fallback is a decodable image.
      const broken = await page.evaluate(() => Array.from(document.images).filter((img) => !(img.naturalWidth > 0)).map((img) => img.currentSrc || img.src));
      expect(broken).toEqual([]);
      const candidates = await page.evaluate(() =>
        [...new Set(Array.from(document.querySelectorAll("picture source, picture img")).flatMap((el) =>
          (el.getAttribute("srcset") ?? "").split(",").map((c: string) => c.trim().split(/\s+/)[0] ?? "").filter(Boolean).map((u: string) => new URL(u, location.href).href),
        ))],
      );
      expect(candidates.length).toBeGreaterThanOrEqual(images.length * 2);
      const undecodable = await page.evaluate(async (urls) => {
        const bad: string[] = [];
        for (const u of urls) {
          const res = await fetch(u);
          const bitmap = res.ok ? await createImageBitmap(await res.blob()).catch(() => undefined) : undefined;
          if (!bitmap || bitmap.width === 0) bad.push(`${u} (${res.status})`);
        }
        return bad;
      }, candidates);
      expect(undecodable).toEqual([]);

      // axe takes seconds a page; the sub-path build has the same markup but for its URLs (as in pages.test.ts).
      if (site.prefix === "/") {
        const axe = await new AxeBuilder({ page }).analyze();
        expect(axe.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      }
      expect(health.problems).toEqual([]);
      await context.close();
    });
  });
});
