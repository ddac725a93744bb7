/**
 * The lead photo wherever the article travels beyond its own page: the Atom
 * entry (a Media RSS thumbnail), the search record (Pagefind's `image` and
 * `image_alt`, under the path prefix), and thumbnails beside entries on the
 * home page and section pages. Articles without a photo are shown as before.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { parseFeed } from "@rowanmanning/feed-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { createFixtureArchive, makeTempDir } from "../support/fixtureArchive.ts";
import { openSearch } from "../support/pagefindQuery.ts";

const PHOTOS = path.resolve(import.meta.dirname, "../../../shared/fixtures/photos");

const LEAD = [
  "title: Coffee prices climb",
  "date: 2024-01-10T09:00:00Z",
  "section: news",
  "author: Mira Holt",
  "image:",
  "  src: coffee.png",
  "  alt: A cup of coffee on a saucer",
  "  credit: Rachel Michetti / CC0",
].join("\n");

let root: string;
let site: string;
let prefixed: string;

const read = (dir: string, file: string) => cheerio.load(fs.readFileSync(path.join(dir, file), "utf8"));

beforeAll(async () => {
  root = createFixtureArchive({
    articles: [
      { path: "2024/01/coffee.md", frontMatter: LEAD, body: "Prices rose.\n" },
      { path: "2024/01/plain.md", frontMatter: "title: No photo here\ndate: 2024-01-09T09:00:00Z\nsection: news", body: "Just text.\n" },
    ],
  });
  fs.copyFileSync(path.join(PHOTOS, "coffee.png"), path.join(root, "articles/2024/01/coffee.png"));
  const cache = path.join(makeTempDir("travel-cache"), "photos");
  site = path.join(makeTempDir("travel-site"), "_site");
  await buildSite({ contentRoot: root, outputDir: site, photoCacheDir: cache });
  prefixed = path.join(makeTempDir("travel-prefixed"), "_site");
  await buildSite({ contentRoot: root, outputDir: prefixed, photoCacheDir: cache, pathPrefix: "/archive/" });
});

describe("the lead photo beyond the article page", () => {
  it("is a Media RSS thumbnail in the Atom entry, and the feed stays valid", () => {
    for (const feed of ["feed.xml", "news/feed.xml"]) {
      const file = path.join(site, feed);
      const lint = spawnSync("xmllint", ["--noout", file], { encoding: "utf8" });
      expect(lint.stderr, feed).toBe("");
      expect(lint.status, feed).toBe(0);
      const xml = fs.readFileSync(file, "utf8");
      const parsed = parseFeed(xml);
      const coffee = parsed.items.find((item) => item.title === "Coffee prices climb");
      const plain = parsed.items.find((item) => item.title === "No photo here");
      expect(coffee?.image?.url).toMatch(/^https?:\/\/[^/]+\/media\/[0-9a-f]{16}-[0-9a-f]{8}-\d+\.jpg$/);
      expect(plain?.image).toBeNull();
      const $ = cheerio.load(xml, { xml: true });
      const thumb = $("entry").filter((_, e) => $(e).find("title").text() === "Coffee prices climb").find("media\\:thumbnail");
      expect(thumb).toHaveLength(1);
      const url = new URL(String(thumb.attr("url")));
      expect(fs.existsSync(path.join(site, url.pathname))).toBe(true);
      expect(Number(thumb.attr("width"))).toBeGreaterThan(0);
      expect(Number(thumb.attr("height"))).toBeGreaterThan(0);
    }
  });

  it("gives the search record an image and its alt text, under the path prefix", async () => {
    for (const [dir, base] of [
      [site, "/"],
      [prefixed, "/archive/"],
    ] as const) {
      const api = await openSearch(dir, base);
      const result = await api.search("coffee");
      const hits = await Promise.all(result.results.map((r) => r.data()));
      const coffee = hits.find((hit) => hit.meta.title === "Coffee prices climb");
      expect(coffee?.meta.image).toMatch(new RegExp(`^${base}media/[0-9a-f]{16}-[0-9a-f]{8}-\\d+\\.jpg$`));
      expect(coffee?.meta.image_alt).toBe("A cup of coffee on a saucer");
      expect(Number(coffee?.meta.image_width)).toBeGreaterThan(0);
      expect(fs.existsSync(path.join(dir, String(coffee?.meta.image).slice(base.length)))).toBe(true);
      const plain = (await Promise.all((await api.search("text")).results.map((r) => r.data()))).find((hit) => hit.meta.title === "No photo here");
      expect(plain?.meta.image).toBeUndefined();
      await api.destroy();
    }
  });

  it("shows a lazy thumbnail beside the entry on the home and section pages, none without a photo", () => {
    for (const [dir, prefix] of [
      [site, "/"],
      [prefixed, "/archive/"],
    ] as const) {
      for (const page of ["index.html", "news/index.html"]) {
        const $ = read(dir, page);
        const entries = $("article.entry").filter((_, e) => $(e).find(".entry-title").text() === "Coffee prices climb");
        expect(entries.length, page).toBeGreaterThan(0);
        entries.each((_, e) => {
          const img = $(e).find("picture.entry-thumb img");
          expect(img).toHaveLength(1);
          expect(img.attr("alt")).toBe("A cup of coffee on a saucer");
          expect(img.attr("loading")).toBe("lazy");
          expect(Number(img.attr("width"))).toBeGreaterThan(0);
          expect(Number(img.attr("height"))).toBeGreaterThan(0);
          expect(img.attr("src")?.startsWith(`${prefix}media/`)).toBe(true);
          expect(fs.existsSync(path.join(dir, String(img.attr("src")).slice(prefix.length)))).toBe(true);
        });
        const plain = $("article.entry").filter((_, e) => $(e).find(".entry-title").text() === "No photo here");
        expect(plain.length, page).toBeGreaterThan(0);
        expect(plain.find("picture, img")).toHaveLength(0);
      }
    }
  });

  it("keeps sidebars and other listings free of thumbnails", () => {
    const $ = read(site, "2024/01/09/plain/index.html");
    expect($(".sidebar .entry-thumb")).toHaveLength(0);
  });
});
