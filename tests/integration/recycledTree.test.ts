/**
 * A full build writes over the tree the last full build replaced (src/publish/recycledTree.ts): the result is the
 * tree a full build into an empty folder gives, byte for byte, with nothing left of what the site no longer has,
 * and nothing outside the kept tree is ever written through it.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { createFixtureArchive, makeTempDir, writeArticle } from "../support/fixtureArchive.ts";
import { GAZETTE_ARTICLES, GAZETTE_MUST_READ } from "../support/gazetteFixture.ts";
import { openSearch, searchUrls } from "../support/pagefindQuery.ts";
import { expectSameTree, listTree } from "../support/siteTree.ts";

async function freshBuildOf(root: string): Promise<string> {
  const fresh = path.join(makeTempDir("recycled-fresh"), "_site");
  const report = await buildSite({ contentRoot: root, outputDir: fresh });
  expect(report.recycled).toBeUndefined();
  return fresh;
}

describe("a full build written over the tree the last full build replaced", () => {
  let root: string;
  let site: string;
  let kept: string;

  beforeAll(async () => {
    root = createFixtureArchive({ articles: GAZETTE_ARTICLES, mustRead: GAZETTE_MUST_READ, site: { searchShardSize: 2 } });
    site = path.join(makeTempDir("recycled"), "_site");
    kept = `${site}.recycle`;
    // The first build starts from nothing and replaces nothing: no tree is kept.
    expect((await buildSite({ contentRoot: root, outputDir: site })).recycled).toBeUndefined();
    expect(fs.existsSync(kept)).toBe(false);
  });

  it("keeps the replaced tree and writes the next full build over it, equal to a build from an empty folder", async () => {
    const second = await buildSite({ contentRoot: root, outputDir: site, full: true });
    expect(second.recycled).toBeUndefined();
    // The first build's tree, swapped out by the second, is kept (and recorded as this tool's).
    expect(fs.existsSync(path.join(kept, "index.html"))).toBe(true);
    expect(fs.existsSync(path.join(path.dirname(site), "._site.recycle.json"))).toBe(true);

    // Changes of every kind before the next full build: an article deleted (its pages and folders must go), one
    // added, one edited; and a republish in between, which changes the published tree, never the kept one.
    fs.rmSync(path.join(root, "articles/2020/09/cup-final.md"));
    writeArticle(root, { path: "2024/02/new-column.md", frontMatter: "title: A new column on quillwort\ndate: 2024-02-03T09:00:00+05:00\nsection: opinion\nauthor: Lev Okonjo", body: "Quillwort again, and zymurgy.\n" });
    expect((await buildSite({ contentRoot: root, outputDir: site })).mode).toBe("incremental");
    writeArticle(root, { path: "2021/06/parking-column.md", frontMatter: "title: Parking is a public good, mostly\ndate: 2021-06-20\nsection: opinion\nauthor: Lev Okonjo", body: "Nobody likes paying for parking.\n" });
    const keptFiles = listTree(kept).filter((f) => !f.endsWith("/") && !f.startsWith("pagefind/")).length;

    const third = await buildSite({ contentRoot: root, outputDir: site, full: true });
    expect(third.mode).toBe("full");
    expect(third.recycled?.files).toBe(keptFiles);
    // The deleted article's page and its day, month and year pages, and the sitemap of 2020.
    expect(third.recycled?.removed).toBeGreaterThanOrEqual(5);
    expect(fs.existsSync(path.join(site, "2020"))).toBe(false);
    expectSameTree(site, await freshBuildOf(root));
    expect(await searchUrls(await openSearch(site), "zymurgy")).toEqual(["/2024/02/03/new-column/"]);
    // The tree this build replaced (the second build's, as the republish left it) is now the kept one.
    expect(fs.existsSync(path.join(kept, "2024/02/03/new-column/index.html"))).toBe(true);
  });

  it("never writes through a link it finds in the kept tree, and removes what the site does not have", async () => {
    // What someone may have done to the live site before a full build swapped it out: a symbolic link where a page
    // goes, a folder of pages linked elsewhere, a page hard-linked into a copy of the site, a file of their own.
    const outside = makeTempDir("recycled-outside");
    fs.writeFileSync(path.join(outside, "victim.html"), "not the build's\n");
    fs.mkdirSync(path.join(outside, "folder"));
    fs.writeFileSync(path.join(outside, "folder", "index.html"), "not the build's either\n");
    fs.rmSync(path.join(kept, "index.html"));
    fs.symlinkSync(path.join(outside, "victim.html"), path.join(kept, "index.html"));
    fs.rmSync(path.join(kept, "search"), { recursive: true });
    fs.symlinkSync(path.join(outside, "folder"), path.join(kept, "search"));
    fs.linkSync(path.join(kept, "404.html"), path.join(outside, "copy-of-404.html"));
    const copied = fs.readFileSync(path.join(outside, "copy-of-404.html"));
    fs.writeFileSync(path.join(kept, "notes.txt"), "someone's notes\n");

    // The site data changes, so that every page is written anew (the 404 page too).
    const siteFile = path.join(root, "_data", "site.json");
    const data = JSON.parse(fs.readFileSync(siteFile, "utf8")) as { outlet: string };
    fs.writeFileSync(siteFile, JSON.stringify({ ...data, outlet: `${data.outlet} Online` }, null, 2));
    const report = await buildSite({ contentRoot: root, outputDir: site, full: true });
    expect(report.recycled).toBeDefined();

    expect(fs.readFileSync(path.join(outside, "victim.html"), "utf8")).toBe("not the build's\n");
    expect(fs.readdirSync(path.join(outside, "folder"))).toEqual(["index.html"]);
    expect(fs.readFileSync(path.join(outside, "folder", "index.html"), "utf8")).toBe("not the build's either\n");
    expect(fs.readFileSync(path.join(outside, "copy-of-404.html")).equals(copied)).toBe(true);
    expect(fs.lstatSync(path.join(site, "index.html")).isFile()).toBe(true);
    expect(fs.lstatSync(path.join(site, "search")).isDirectory()).toBe(true);
    expect(fs.readFileSync(path.join(site, "404.html"), "utf8")).toContain(`${data.outlet} Online`);
    expect(fs.existsSync(path.join(site, "notes.txt"))).toBe(false);
    expectSameTree(site, await freshBuildOf(root));
  });

  it("leaves alone a folder of the kept tree's name that it did not keep", async () => {
    // Not the recorded folder: someone's own, under the same name.
    fs.rmSync(kept, { recursive: true });
    fs.mkdirSync(kept);
    fs.writeFileSync(path.join(kept, "mine.txt"), "mine\n");
    const report = await buildSite({ contentRoot: root, outputDir: site, full: true });
    expect(report.recycled).toBeUndefined();
    expect(fs.readdirSync(kept)).toEqual(["mine.txt"]);
    expectSameTree(site, await freshBuildOf(root));
  });

  it("keeps the tree through a build that fails, and uses it in the next one", async () => {
    fs.rmSync(kept, { recursive: true });
    // The last build could not keep its replaced tree (the name was taken): this one keeps the last build's.
    await buildSite({ contentRoot: root, outputDir: site, full: true });
    expect(fs.existsSync(path.join(kept, "index.html"))).toBe(true);
    const broken = path.join(root, "articles/2024/02/broken.md");
    fs.writeFileSync(broken, "---\ntitle: [unclosed\n---\nText.\n");
    await expect(buildSite({ contentRoot: root, outputDir: site, full: true })).rejects.toThrow(/broken\.md/);
    expect(fs.existsSync(path.join(kept, "index.html"))).toBe(true);
    fs.rmSync(broken);
    const report = await buildSite({ contentRoot: root, outputDir: site, full: true });
    expect(report.recycled?.files).toBeGreaterThan(0);
    expectSameTree(site, await freshBuildOf(root));
  });
});
