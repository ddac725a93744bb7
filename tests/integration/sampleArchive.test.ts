/** The sample archive (its copy in tests/fixtures/sample/) builds, and covers the whole front matter contract. */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadArchive, type Archive } from "../../src/views/archive.ts";
import { buildSite, type BuildReport } from "../../src/publish/buildSite.ts";
import { makeTempDir } from "../support/fixtureArchive.ts";
import { SAMPLE_ROOT } from "../support/sampleFixture.ts";
import { loadPage } from "../support/html.ts";

let archive: Archive;
let report: BuildReport;
let site: string;

beforeAll(async () => {
  const loaded = loadArchive(SAMPLE_ROOT);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join("\n"));
  archive = loaded.archive;
  site = path.join(makeTempDir("sample-site"), "_site");
  report = await buildSite({ contentRoot: SAMPLE_ROOT, outputDir: site });
});

describe("sample archive", () => {
  it("has at least 60 articles over four sections and several years, with no warnings", () => {
    expect(archive.articles.length).toBeGreaterThanOrEqual(60);
    expect(new Set(archive.articles.map((a) => a.section)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(archive.articles.map((a) => a.published.iso.slice(0, 4))).size).toBeGreaterThanOrEqual(5);
    expect(archive.diagnostics).toEqual([]);
    for (const slug of ["news", "opinion", "editorial"]) expect(archive.sectionsBySlug[slug]).toBeDefined();
  });

  it("uses every front matter field somewhere", () => {
    const a = archive.articles;
    expect(a.some((x) => x.updated)).toBe(true);
    expect(a.some((x) => x.printDate)).toBe(true);
    expect(a.some((x) => x.authors.length > 1)).toBe(true);
    expect(a.some((x) => x.authors.length === 0)).toBe(true);
    expect(a.some((x) => x.dateline)).toBe(true);
    expect(a.some((x) => x.tags.length > 0)).toBe(true);
    expect(a.some((x) => !x.excerptIsDerived)).toBe(true);
    expect(a.some((x) => x.excerptIsDerived)).toBe(true);
    expect(a.some((x) => !x.published.hasTime)).toBe(true);
    expect(a.some((x) => !x.sourcePath.endsWith(`/${x.slug}.md`))).toBe(true);
    expect(archive.draftCount).toBe(1);
    expect(archive.mustRead.length).toBeGreaterThan(0);
  });

  it("builds every page type", () => {
    expect(report.articles).toBe(archive.articles.length);
    expect(report.pagesIndexed).toBe(archive.articles.length);
    for (const file of ["index.html", "search/index.html", "404.html", "assets/site.css", "pagefind/shards.json"]) {
      expect(fs.existsSync(path.join(site, file)), file).toBe(true);
    }
    for (const page of archive.listings.section) expect(fs.existsSync(path.join(site, page.url, "index.html")), page.url).toBe(true);
    for (const article of archive.articles) expect(fs.existsSync(path.join(site, article.url, "index.html")), article.url).toBe(true);
  });

  it("links between sample articles resolve to built articles", () => {
    let links = 0;
    for (const article of archive.articles) {
      const $ = loadPage(site, article.url);
      $(".article-body a[href^='/']").each((_, el) => {
        links++;
        const href = $(el).attr("href") ?? "";
        expect(fs.existsSync(path.join(site, href, "index.html")), `${article.url} links to ${href}`).toBe(true);
      });
    }
    expect(links).toBeGreaterThan(10);
  });
});
