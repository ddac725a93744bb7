/**
 * `npm run import` on the two real WordPress exports (../shared/fixtures/wordpress): the command as an editor runs
 * it, into a fixture archive, with a --media folder made from the real photos (one of them truncated). What it
 * writes is read back as files, checked by `npm run check`, built, and searched.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { runCli } from "../support/buildCli.ts";
import { createFixtureArchive, makeTempDir } from "../support/fixtureArchive.ts";
import { listFiles, loadPage } from "../support/html.ts";

/** Every file under a folder, as full paths. */
const filesUnder = (dir: string): string[] => listFiles(dir).map((f) => path.join(dir, f));
import { openSearch, searchUrls } from "../support/pagefindQuery.ts";
import { PHOTO_FIXTURES, WORDPRESS_FIXTURES } from "../support/sharedFixtures.ts";

const MAP = { defaultSection: "news", sections: { "Edge Case": "opinion" } };

/** The old site's uploads folder as WordPress lays it out, holding real photos under the export's names. */
function mediaFolder(): string {
  const media = makeTempDir("wp-media");
  const june = path.join(media, "2008/06");
  fs.mkdirSync(june, { recursive: true });
  for (const name of ["dcp_2082.jpg", "100_5540.jpg", "img_0767.jpg", "dsc20050102_192118_51.jpg"]) fs.copyFileSync(path.join(PHOTO_FIXTURES, "rocket.jpg"), path.join(june, name));
  fs.copyFileSync(path.join(PHOTO_FIXTURES, "truncated.jpg"), path.join(june, "dsc09114.jpg"));
  return media;
}

function emptyArchive(): { root: string; map: string } {
  const root = createFixtureArchive({ articles: [] });
  const map = path.join(root, "import-map.json");
  fs.writeFileSync(map, JSON.stringify(MAP));
  return { root, map };
}

/** Every file under `articles/` and `.import/` with its content: the state an import leaves. */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of ["articles", ".import"]) {
    const base = path.join(root, dir);
    if (!fs.existsSync(base)) continue;
    for (const file of filesUnder(base)) files.set(path.relative(root, file), fs.readFileSync(file, "latin1"));
  }
  return files;
}

function frontMatter(file: string): Record<string, unknown> {
  const text = fs.readFileSync(file, "utf8");
  const end = text.indexOf("\n---\n", 4);
  return parseYaml(text.slice(4, end)) as Record<string, unknown>;
}

const importArgs = (root: string, map: string, media: string, ...more: string[]): string[] => [WORDPRESS_FIXTURES.themeUnitTest, "--map", map, "--media", media, "--root", root, ...more];

describe("importing the WordPress theme unit test export", () => {
  let root: string;
  let map: string;
  let media: string;
  let first: Awaited<ReturnType<typeof runCli>>;
  const tiled = (): string => path.join(root, "articles/2010/09/post-format-gallery-tiled.md");

  beforeAll(async () => {
    ({ root, map } = emptyArchive());
    media = mediaFolder();
    first = await runCli("import", importArgs(root, map, media));
  }, 120_000);

  it("imports every post, skips what cannot be an article with its line and item, and exits 1 for the skipped", () => {
    expect(first.stderr).toBe("");
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("56 articles imported, 0 updated, 0 unchanged");
    expect(first.stdout).toMatch(/no title: 1\n\s+.*themeunittestdata\.wordpress\.xml:10078 \(item 161\): title: is empty \(post 1169, "edge-case-no-title"\)/);
    expect(first.stdout).toContain("not articles, not imported: nav_menu_item 70, attachment 37, page 21");
    const articles = filesUnder(path.join(root, "articles")).filter((f) => f.endsWith(".md"));
    expect(articles).toHaveLength(56);
  });

  it("keeps the publication time in the site's zone, the author's display name, the tags and the old URLs", () => {
    const data = frontMatter(tiled());
    // wp:post_date_gmt 2010-09-10 00:23:27 is 05:23 in Asia/Karachi.
    expect(data).toMatchObject({ title: "Post Format: Gallery (Tiled)", date: "2010-09-10T05:23:27+05:00", section: "news", author: "Theme Buster" });
    expect(data.tags).toEqual(expect.arrayContaining(["gallery", "jetpack", "Post Formats"]));
    expect(data.redirect_from).toEqual(["/2010/09/09/post-format-gallery-tiled/", "/?p=1031"]);
  });

  it("copies found photos beside the article as captioned figures, and links the ones it could not copy", () => {
    const text = fs.readFileSync(tiled(), "utf8");
    expect(text).toContain("![Golden Gate Bridge](100-5540.jpg)\nCaption: Golden Gate Bridge");
    expect(fs.readFileSync(path.join(root, "articles/2010/09/100-5540.jpg"))).toEqual(fs.readFileSync(path.join(PHOTO_FIXTURES, "rocket.jpg")));
    // The truncated one is not copied: a link to its old address, its caption kept, and the reason in the summary.
    expect(text).toContain("[Photo: Sydney Harbor Bridge](https://wpthemetestdata.files.wordpress.com/2008/06/dsc09114.jpg)\n\nSydney Harbor Bridge");
    expect(fs.existsSync(path.join(root, "articles/2010/09/dsc09114.jpg"))).toBe(false);
    expect(first.stdout).toMatch(/photo not imported: .*dsc09114\.jpg is damaged or truncated/);
  });

  it("writes nothing unsafe from the export's bodies", () => {
    for (const file of filesUnder(path.join(root, "articles")).filter((f) => f.endsWith(".md"))) {
      const text = fs.readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/<script|<iframe(?![^>]*youtube-nocookie)|\son[a-z]+\s*=|javascript:/i);
    }
  });

  it("passes npm run check, builds, and the search finds an imported post", async () => {
    const check = await runCli("check", ["--root", root]);
    expect(check.stdout + check.stderr).toContain("0 errors");
    expect(check.code).toBe(0);
    const build = await runCli("build", ["--root", root], { timeoutMs: 180_000 });
    expect(build.code, build.stderr).toBe(0);
    const site = path.join(root, "_site");
    const $ = loadPage(site, "/2010/09/10/post-format-gallery-tiled/");
    expect($("h1").first().text()).toBe("Post Format: Gallery (Tiled)");
    expect($("figure figcaption").first().text()).toContain("Golden Gate Bridge");
    expect($("time[datetime]").first().attr("datetime")).toBe("2010-09-10T05:23:27+05:00");
    // The old ?p= link leads to the article on hosts that read _redirects.
    expect(fs.readFileSync(path.join(site, "_redirects"), "utf8")).toMatch(/^\/ p=1031 \/2010\/09\/10\/post-format-gallery-tiled\/ 301!$/m);
    const search = await openSearch(site);
    expect(await searchUrls(search, "tiled gallery")).toContain("/2010/09/10/post-format-gallery-tiled/");
  }, 240_000);
});

describe("importing again", () => {
  let root: string;
  let map: string;
  let media: string;

  beforeAll(async () => {
    ({ root, map } = emptyArchive());
    media = mediaFolder();
    await runCli("import", importArgs(root, map, media));
  }, 120_000);

  it("changes nothing when nothing changed: every record unchanged, every file byte for byte the same", async () => {
    const before = snapshot(root);
    const again = await runCli("import", importArgs(root, map, media));
    expect(again.stdout).toContain("0 articles imported, 0 updated, 56 unchanged");
    expect(snapshot(root)).toEqual(before);
  }, 120_000);

  it("leaves an article edited by hand alone, and one deleted by hand deleted, even with --update", async () => {
    const edited = path.join(root, "articles/2010/09/post-format-gallery-tiled.md");
    const deleted = path.join(root, "articles/2010/09/post-format-gallery.md");
    fs.appendFileSync(edited, "\nAn editor's note added after the import.\n");
    const editedText = fs.readFileSync(edited, "utf8");
    fs.rmSync(deleted);
    const again = await runCli("import", importArgs(root, map, media, "--update"));
    expect(fs.readFileSync(edited, "utf8")).toBe(editedText);
    expect(fs.existsSync(deleted)).toBe(false);
    expect(again.stdout).toContain("1 article left alone, edited by hand since it was imported: articles/2010/09/post-format-gallery-tiled.md");
    expect(again.stdout).toContain("1 article left alone, deleted since it was imported: articles/2010/09/post-format-gallery.md");
  }, 120_000);

  it("takes a record changed at the source only with --update", async () => {
    const changedExport = path.join(makeTempDir("wp-changed"), "export.xml");
    const source = fs.readFileSync(WORDPRESS_FIXTURES.themeUnitTest, "utf8");
    const changed = source.replace("<title>Post Format: Aside</title>", "<title>Post Format: Aside, revised</title>");
    expect(changed).not.toBe(source);
    fs.writeFileSync(changedExport, changed);
    const file = path.join(root, "articles/2010/05/post-format-aside.md");
    const args = [changedExport, "--map", map, "--media", media, "--root", root];

    const without = await runCli("import", args);
    expect(without.stdout).toContain("1 article left alone, changed at the source (use --update to take the change): articles/2010/05/post-format-aside.md");
    expect(frontMatter(file).title).toBe("Post Format: Aside");

    const withUpdate = await runCli("import", [...args, "--update"]);
    expect(withUpdate.stdout).toMatch(/0 articles imported, 1 updated, \d+ unchanged/);
    expect(frontMatter(file).title).toBe("Post Format: Aside, revised");
  }, 120_000);
});

describe("a dry run, a wrong format, a second export of the same names", () => {
  it("--dry-run reads and reports everything and writes nothing", async () => {
    const { root, map } = emptyArchive();
    const dry = await runCli("import", [WORDPRESS_FIXTURES.themeUnitTest, "--map", map, "--root", root, "--dry-run"]);
    expect(dry.stdout).toContain("Dry run: nothing was written.\n  56 articles would be imported");
    expect(fs.existsSync(path.join(root, "articles"))).toBe(false);
    expect(fs.existsSync(path.join(root, ".import"))).toBe(false);
  }, 120_000);

  it("fails at once, with exit 2, on a file that is not what --format says", async () => {
    const { root, map } = emptyArchive();
    const asCsv = await runCli("import", [WORDPRESS_FIXTURES.themeUnitTest, "--format", "jsonl", "--map", map, "--root", root]);
    expect(asCsv.code).toBe(2);
    expect(asCsv.stderr).toContain("themeunittestdata.wordpress.xml");
    const notXml = path.join(root, "posts.jsonl");
    fs.writeFileSync(notXml, '{"title": "A"}\n');
    const asWxr = await runCli("import", [notXml, "--format", "wxr", "--map", map, "--root", root]);
    expect(asWxr.code).toBe(2);
    expect(asWxr.stderr).toMatch(/posts\.jsonl: line 1 is not XML/);
    expect(fs.existsSync(path.join(root, "articles"))).toBe(false);
  }, 120_000);

  it("writes the same files, byte for byte, with render workers as without", async () => {
    const trees: Map<string, string>[] = [];
    for (const workers of ["0", "2"]) {
      const { root, map } = emptyArchive();
      const media = mediaFolder();
      const env = { ARCHIVE_IMPORT_WORKERS: workers };
      for (const file of [WORDPRESS_FIXTURES.themeUnitTest, WORDPRESS_FIXTURES.blockTest]) {
        const result = await runCli("import", [file, "--map", map, "--media", media, "--root", root], { env });
        expect(result.stderr).toBe("");
      }
      trees.push(snapshot(root));
    }
    expect(trees[0]?.size).toBeGreaterThan(100);
    expect(trees[1]).toEqual(trees[0]);
  }, 180_000);

  it("numbers a slug already taken in the same month, the same way every time", async () => {
    const names: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const { root, map } = emptyArchive();
      const result = await runCli("import", [WORDPRESS_FIXTURES.blockTest, "--map", map, "--root", root]);
      expect(result.stdout).toContain("1 slug already taken, numbered: articles/2024/02/footnotes-2.md (wanted footnotes)");
      names.push(filesUnder(path.join(root, "articles")).map((f) => path.relative(root, f)).sort());
      const check = await runCli("check", ["--root", root]);
      expect(check.code, check.stdout + check.stderr).toBe(0);
    }
    expect(names[1]).toEqual(names[0]);
  }, 180_000);
});
