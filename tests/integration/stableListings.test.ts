/**
 * Listings that do not churn (src/views/paginate.ts): section, author, tag and corrections pages are numbered from
 * the oldest entry, so publishing today's article rewrites the front pages and at most two numbered pages of each
 * listing it joins, however long the listing is, and the republished site is the one a fresh build gives.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { createFixtureArchive, makeTempDir, writeArticle } from "../support/fixtureArchive.ts";

const PAGE_SIZE = 4;

/** `count` news articles by one author with one tag, one a day from 2020-01-01, the oldest first. */
function archiveOf(count: number): string {
  const articles = Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
    return {
      path: `${day.slice(0, 4)}/${day.slice(5, 7)}/story-${i + 1}.md`,
      frontMatter: `title: Harbour story ${i + 1}\ndate: ${day}T09:00:00+05:00\nsection: news\nauthor: Mira Holt\ntags: [harbour]`,
      body: `Story ${i + 1} of the harbour.\n`,
    };
  });
  return createFixtureArchive({ articles, sections: [{ slug: "news", name: "News", pageSize: PAGE_SIZE }], site: { sidebarSections: ["news"] } });
}

/** Every HTML file of a site, by path, with its bytes. */
function htmlFiles(site: string): Map<string, Buffer> {
  const files = (fs.readdirSync(site, { recursive: true }) as string[]).filter((f) => f.endsWith(".html"));
  return new Map(files.map((f) => [f.split(path.sep).join("/"), fs.readFileSync(path.join(site, f))]));
}

/** The HTML files that differ between two snapshots (added, changed or removed). */
function changedPages(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  const changed = [...after].filter(([file, bytes]) => !before.get(file)?.equals(bytes)).map(([file]) => file);
  return [...changed, ...[...before.keys()].filter((file) => !after.has(file))].sort();
}

function sameTree(actual: string, expected: string): void {
  const a = htmlFiles(actual);
  const e = htmlFiles(expected);
  expect([...a.keys()].sort()).toEqual([...e.keys()].sort());
  expect([...e].filter(([file, bytes]) => !a.get(file)?.equals(bytes)).map(([file]) => file)).toEqual([]);
}

/** Publishes the next day's article in news, and returns the HTML files whose bytes changed. */
async function publishNext(root: string, site: string, n: number): Promise<string[]> {
  const before = htmlFiles(site);
  const day = new Date(Date.UTC(2020, 0, n)).toISOString().slice(0, 10);
  writeArticle(root, {
    path: `${day.slice(0, 4)}/${day.slice(5, 7)}/story-${n}.md`,
    frontMatter: `title: Harbour story ${n}\ndate: ${day}T09:00:00+05:00\nsection: news\nauthor: Mira Holt\ntags: [harbour]`,
    body: `Story ${n} of the harbour.\n`,
  });
  const report = await buildSite({ contentRoot: root, outputDir: site, incrementalLimit: 1 });
  expect(report.mode).toBe("incremental");
  const changed = changedPages(before, htmlFiles(site));
  // The article, its neighbour, its day, month and year pages, the indexes and the listings it joins: never more.
  expect(changed.length).toBeLessThanOrEqual(20);
  return changed;
}

/** The listing pages among changed files: a section's, an author's, a tag's. */
const listingPages = (changed: string[], prefix: string) => changed.filter((file) => file.startsWith(prefix));

describe("listings numbered from the oldest entry", () => {
  it("one publication rewrites the same few listing pages in a listing of 20 pages and of 45", async () => {
    const counts: number[] = [];
    for (const size of [80, 180]) {
      const root = archiveOf(size);
      const site = path.join(makeTempDir("stable-listings"), "_site");
      await buildSite({ contentRoot: root, outputDir: site });
      expect(fs.existsSync(path.join(site, `news/page/${size / PAGE_SIZE - 1}/index.html`))).toBe(true);
      const changed = await publishNext(root, site, size + 1);
      // The front page and the alias of the page it now begins: the full pages stay as they were.
      expect(listingPages(changed, "news/")).toEqual(["news/index.html", `news/page/${size / PAGE_SIZE + 1}/index.html`]);
      expect(listingPages(changed, "authors/mira-holt/")).toEqual(["authors/mira-holt/index.html", `authors/mira-holt/page/${size / 20 + 1}/index.html`]);
      expect(listingPages(changed, "tags/harbour/")).toEqual(["tags/harbour/index.html", `tags/harbour/page/${size / 20 + 1}/index.html`]);
      counts.push(changed.length);
      const fresh = path.join(makeTempDir("stable-listings-full"), "_site");
      await buildSite({ contentRoot: root, outputDir: fresh });
      sameTree(site, fresh);
    }
    // Three times the archive, the same pages rewritten.
    expect(counts[1]).toBe(counts[0]);
  });

  it("a publication that fills the front page turns its alias into a page and rewrites one more, no other", async () => {
    const root = archiveOf(40);
    const site = path.join(makeTempDir("stable-listings"), "_site");
    await buildSite({ contentRoot: root, outputDir: site });
    const numbered = () => (fs.readdirSync(path.join(site, "news/page")) as string[]).map(Number).sort((a, b) => a - b);
    // 40 articles in pages of 4: pages 1 to 9, the front page shows page 10.
    expect(numbered()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (let n = 41; n <= 44; n++) {
      const changed = listingPages(await publishNext(root, site, n), "news/");
      if (n < 44) expect(changed, `story ${n}`).toEqual(n === 41 ? ["news/index.html", "news/page/11/index.html"] : ["news/index.html"]);
      // The 44th fills page 11: page 10 becomes a page of its own, page 9's "Newer" link goes to it.
      else expect(changed).toEqual(["news/index.html", "news/page/10/index.html", "news/page/9/index.html"]);
    }
    expect(numbered()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const page10 = fs.readFileSync(path.join(site, "news/page/10/index.html"), "utf8");
    expect(page10).toContain("Page 10 · February 6–9, 2020");
    expect(page10).not.toContain('http-equiv="refresh"');
    const fresh = path.join(makeTempDir("stable-listings-full"), "_site");
    await buildSite({ contentRoot: root, outputDir: fresh });
    sameTree(site, fresh);
  });
});
