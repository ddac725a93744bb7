/** What the browser tests share: the served sites, the sample archive's pages, and page-health watching. */
import type { Page, Response } from "playwright-core";
import { inject } from "vitest";
import { loadArchive, type Archive } from "../../src/views/archive.ts";
import { SAMPLE_ROOT } from "../support/sampleFixture.ts";

export const sites = () => [
  { name: "root", url: inject("rootUrl"), dir: inject("rootSite"), prefix: "/" },
  { name: "sub-path", url: inject("prefixUrl"), dir: inject("prefixSite"), prefix: "/some-prefix/" },
];

let archive: Archive | undefined;
export function sampleArchive(): Archive {
  if (!archive) {
    const loaded = loadArchive(SAMPLE_ROOT);
    if (!loaded.ok) throw new Error("the sample archive does not load");
    archive = loaded.archive;
  }
  return archive;
}

/** An article that uses every field: byline, dateline, update, print line, tags. */
export function showcaseArticle(): string {
  const found = sampleArchive().articles.find((a) => a.authors.length > 1 && a.dateline && a.updated && a.printDate && a.tags.length);
  if (!found) throw new Error("the sample archive has no article with every field");
  return found.url;
}

/** An article with corrections and former URLs (redirect_from). */
export function correctedArticle(): string {
  const found = sampleArchive().articles.find((a) => a.corrections?.length && a.redirectFrom?.length);
  if (!found) throw new Error("the sample archive has no corrected article with a former URL");
  return found.url;
}

/** An article with a lead photo (front matter `image`). */
export function leadPhotoArticle(): string {
  const found = sampleArchive().articles.find((a) => a.image);
  if (!found) throw new Error("the sample archive has no article with a lead photo");
  return found.url;
}

/** An article with a photo in its body (a figure), preferring one that also has a lead photo. */
export function figureArticle(): string {
  const withFigure = sampleArchive().articles.filter((a) => a.photos?.some((p) => p.field === "body"));
  const found = withFigure.find((a) => a.image) ?? withFigure[0];
  if (!found) throw new Error("the sample archive has no article with a figure in its body");
  return found.url;
}

/** One page of each browsing kind: date archives, authors, tags. */
export function browsePages(): Array<{ name: string; path: string }> {
  const listings = sampleArchive().listings;
  const first = <T extends { url: string }>(pages: T[]): string => (pages[0]?.url ?? "/").slice(1);
  return [
    { name: "archive by date", path: "archive/" },
    { name: "year", path: first(listings.year) },
    { name: "month", path: first(listings.month) },
    { name: "day", path: first(listings.day) },
    { name: "authors", path: "authors/" },
    { name: "author", path: first(listings.author) },
    { name: "tags", path: "tags/" },
    { name: "tag", path: first(listings.tag) },
    { name: "print edition", path: first(listings.print) },
  ];
}

/** Site-relative paths (without leading slash) of the pages every check visits. */
export function pagesToCheck(): Array<{ name: string; path: string }> {
  return [
    { name: "home", path: "" },
    { name: "article", path: showcaseArticle().slice(1) },
    ...sampleArchive().listings.section.map((p) => ({ name: `section ${p.url}`, path: p.url.slice(1) })),
    { name: "corrections", path: "corrections/" },
    ...browsePages(),
    { name: "article with corrections", path: correctedArticle().slice(1) },
    ...[...new Set([leadPhotoArticle(), figureArticle()])].map((url) => ({ name: `photo article ${url}`, path: url.slice(1) })),
    { name: "search with results", path: "search/?q=harbour" },
    { name: "404", path: "404.html" },
  ];
}

/** Collects console errors, page errors, failed requests and error responses while a page is used. */
export function watchPageHealth(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on("response", (response: Response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { problems };
}

/** How many searches the search page has finished (its `data-searches`). */
export async function searchesDone(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.getElementById("search")?.dataset.searches ?? 0));
}

/** Waits until the search page has finished a search after `after` earlier ones, results rendered. */
export async function waitForSearch(page: Page, after = 0): Promise<void> {
  await page.waitForFunction((n) => {
    const root = document.getElementById("search");
    return root?.dataset.state === "done" && Number(root.dataset.searches ?? 0) > n;
  }, after);
}

/** Does something on the search page and waits for the search it starts to finish. */
export async function searchAfter(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await searchesDone(page);
  await action();
  await waitForSearch(page, before);
}
