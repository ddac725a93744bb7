/**
 * Photos in a built site: the lead photo and body figures as responsive
 * pictures, social cards and JSON-LD, the photo cache (a second build encodes
 * nothing), and incremental builds equal to full ones as photos come and go.
 */
import fs from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, newBuildSession } from "../../src/publish/buildSite.ts";
import { createFixtureArchive, makeTempDir, writeArticle, type FixtureArticle } from "../support/fixtureArchive.ts";

const PHOTOS = path.resolve(import.meta.dirname, "../../../shared/fixtures/photos");

function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

function expectSameTree(actual: string, expected: string): void {
  const files = listFiles(expected);
  expect(listFiles(actual)).toEqual(files);
  expect(files.filter((f) => !fs.readFileSync(path.join(actual, f)).equals(fs.readFileSync(path.join(expected, f))))).toEqual([]);
}

const LEAD = [
  "title: Coffee prices climb",
  "date: 2024-01-10T09:00:00Z",
  "section: news",
  "author: Mira Holt",
  "image:",
  "  src: coffee.png",
  "  alt: A cup of coffee on a saucer",
  "  caption: Espresso at a café on the harbour front.",
  "  credit: Rachel Michetti / CC0",
].join("\n");

const FIGURE_BODY = [
  "Prices rose for the third month running.",
  "",
  "![A rocket lifts off](../../shared/rocket.jpg)",
  "Caption: The launch, *seen from the shore*.",
  "Credit: Photo: SpaceX / public domain",
  "",
  "A closing paragraph.",
  "",
].join("\n");

let root: string;
let site: string;
let cache: string;

const read = (file: string) => cheerio.load(fs.readFileSync(path.join(site, file), "utf8"));

/** The coffee article (a lead photo and a body figure) with its photos, and one more article without any. */
function createPhotoArchive(other: FixtureArticle): string {
  const made = createFixtureArchive({ articles: [{ path: "2024/01/coffee.md", frontMatter: LEAD, body: FIGURE_BODY }, other] });
  fs.copyFileSync(path.join(PHOTOS, "coffee.png"), path.join(made, "articles/2024/01/coffee.png"));
  fs.mkdirSync(path.join(made, "articles/shared"), { recursive: true });
  fs.copyFileSync(path.join(PHOTOS, "rocket.jpg"), path.join(made, "articles/shared/rocket.jpg"));
  return made;
}

describe("photos in the built site", () => {
  beforeAll(async () => {
    root = createPhotoArchive({ path: "2024/01/plain.md", frontMatter: "title: No photo here\ndate: 2024-01-09T09:00:00Z\nsection: news", body: "Just text.\n" });
    site = path.join(makeTempDir("photos-site"), "_site");
    cache = path.join(makeTempDir("photos-cache"), "photos");
    const report = await buildSite({ contentRoot: root, outputDir: site, photoCacheDir: cache });
    expect(report.photosEncoded).toBe(2);
  });

  it("shows the lead photo as an eager picture with its caption and credit", () => {
    const $ = read("2024/01/10/coffee/index.html");
    const lead = $("figure.lead-photo");
    expect(lead).toHaveLength(1);
    const img = lead.find("picture img");
    expect(img.attr("alt")).toBe("A cup of coffee on a saucer");
    expect(img.attr("width")).toBe("600");
    expect(img.attr("height")).toBe("400");
    expect(img.attr("fetchpriority")).toBe("high");
    expect(img.attr("loading")).toBeUndefined();
    expect(lead.find("source").attr("type")).toBe("image/webp");
    expect(lead.find("source").attr("srcset")).toMatch(/^\/media\/[0-9a-f]{16}-[0-9a-f]{8}-480\.webp 480w, \/media\/\S+-600\.webp 600w$/);
    expect(img.attr("srcset")).toMatch(/-480\.jpg 480w, \S+-600\.jpg 600w$/);
    expect(img.attr("sizes")).toBeTruthy();
    expect(lead.find("figcaption").text()).toBe("Espresso at a café on the harbour front. Photo: Rachel Michetti / CC0");
    // Every derivative the page names is in the site.
    for (const src of [...($("picture source, picture img").map((_, e) => ($(e).attr("srcset") ?? "").split(", ").map((s) => s.split(" ")[0])).get() as string[])]) {
      expect(fs.existsSync(path.join(site, src))).toBe(true);
    }
  });

  it("shows a body figure lazily, with its caption and credit", () => {
    const $ = read("2024/01/10/coffee/index.html");
    const figure = $(".article-body figure.figure");
    expect(figure).toHaveLength(1);
    const img = figure.find("img");
    expect(img.attr("loading")).toBe("lazy");
    expect(img.attr("decoding")).toBe("async");
    expect(img.attr("width")).toBe("640");
    expect(img.attr("height")).toBe("427");
    expect(figure.find("figcaption em").text()).toBe("seen from the shore");
    expect(figure.find("figcaption .credit").text()).toBe("Photo: SpaceX / public domain");
  });

  it("gives the article a large social card and JSON-LD images in three aspect ratios", async () => {
    const $ = read("2024/01/10/coffee/index.html");
    const og = $('meta[property="og:image"]').attr("content") ?? "";
    expect(og).toMatch(/^https:\/\/archive\.gullhaven\.example\/media\/[0-9a-f]{16}-[0-9a-f]{8}-600\.jpg$/);
    expect($('meta[name="twitter:card"]').attr("content")).toBe("summary_large_image");
    const jsonLd = $('script[type="application/ld+json"]').map((_, e) => JSON.parse($(e).text()) as Record<string, unknown>).get() as Array<Record<string, unknown>>;
    const article = jsonLd.find((d) => d["@type"] === "NewsArticle");
    const images = article?.image as string[];
    // coffee.png is 600 × 400: crops at 16x9, 4x3 and 1x1, in that order, each at least 50,000 pixels.
    expect(images).toHaveLength(3);
    const sizes: Array<[string, number, number]> = [
      ["16x9", 592, 333],
      ["4x3", 532, 399],
      ["1x1", 400, 400],
    ];
    for (const [i, [ratio, width, height]] of sizes.entries()) {
      expect(images[i]).toMatch(new RegExp(`^https://archive\\.gullhaven\\.example/media/[0-9a-f]{16}-[0-9a-f]{8}-${ratio}-${width}\\.jpg$`));
      const file = path.join(site, new URL(images[i] as string).pathname);
      const meta = await sharp(file).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", width, height]);
      expect(width * height).toBeGreaterThanOrEqual(50_000);
    }
    expect(images).not.toContain(og);
  });

  it("leaves an article without photos as it was", () => {
    const $ = read("2024/01/09/plain/index.html");
    expect($("picture")).toHaveLength(0);
    expect($('meta[property="og:image"]')).toHaveLength(0);
    expect($('meta[name="twitter:card"]').attr("content")).toBe("summary");
  });

  it("strips EXIF and location data from what is served", async () => {
    const media = fs.readdirSync(path.join(site, "media"));
    for (const file of media.filter((f) => f.endsWith(".jpg"))) {
      const meta = await sharp(path.join(site, "media", file)).metadata();
      expect(meta.exif).toBeUndefined();
    }
  });

  it("encodes nothing on a second build, and an incremental build equals a full one", async () => {
    const again = await buildSite({ contentRoot: root, outputDir: site, photoCacheDir: cache });
    expect(again.photosEncoded).toBe(0);
    expect(again.photosDecoded).toBe(0);
    expect(again.mode).toBe("incremental");
    expect(again.pagesWritten).toBe(0);
  });

  it("adds a new photo's derivatives and removes a deleted article's, as a full build would", async () => {
    fs.copyFileSync(path.join(PHOTOS, "chelsea.png"), path.join(root, "articles/2024/01/cat.png"));
    writeArticle(root, {
      path: "2024/01/cat.md",
      frontMatter: "title: A cat\ndate: 2024-01-11T09:00:00Z\nsection: news\nimage: { src: cat.png, alt: \"\" }",
      body: "A decorative photo.\n",
    });
    const added = await buildSite({ contentRoot: root, outputDir: site, photoCacheDir: cache, incrementalLimit: 1 });
    expect(added.mode).toBe("incremental");
    expect(added.photosEncoded).toBe(1);
    const full = path.join(makeTempDir("photos-full"), "_site");
    await buildSite({ contentRoot: root, outputDir: full, photoCacheDir: cache });
    expectSameTree(site, full);

    fs.rmSync(path.join(root, "articles/2024/01/coffee.md"));
    const removed = await buildSite({ contentRoot: root, outputDir: site, photoCacheDir: cache, incrementalLimit: 1 });
    expect(removed.mode).toBe("incremental");
    expect(removed.photosEncoded).toBe(0);
    const full2 = path.join(makeTempDir("photos-full"), "_site");
    await buildSite({ contentRoot: root, outputDir: full2, photoCacheDir: cache });
    expectSameTree(site, full2);
    expect(fs.readdirSync(path.join(site, "media")).filter((f) => f.endsWith(".webp"))).toHaveLength(derivativesOfCat());
  });

  it("re-renders the page when a photo changes beside an unchanged article", async () => {
    fs.copyFileSync(path.join(PHOTOS, "astronaut.png"), path.join(root, "articles/2024/01/cat.png"));
    const report = await buildSite({ contentRoot: root, outputDir: site, photoCacheDir: cache, incrementalLimit: 1 });
    expect(report.photosEncoded).toBe(1);
    const $ = read("2024/01/11/cat/index.html");
    expect($("figure.lead-photo img").attr("width")).toBe("512");
    const full = path.join(makeTempDir("photos-full"), "_site");
    await buildSite({ contentRoot: root, outputDir: full, photoCacheDir: cache });
    expectSameTree(site, full);
  });
});

/** chelsea.png is 451 px wide: one width. */
const derivativesOfCat = (): number => 1;

describe("photos in the dev server's builds (a session that starts from its last build)", () => {
  const session = newBuildSession();
  let devRoot: string;
  let devSite: string;
  let devCache: string;
  const devBuild = () => buildSite({ contentRoot: devRoot, outputDir: devSite, photoCacheDir: devCache, drafts: true, session, incrementalLimit: 1 });
  const fresh = async (): Promise<string> => {
    const full = path.join(makeTempDir("dev-photos-full"), "site");
    expect((await buildSite({ contentRoot: devRoot, outputDir: full, photoCacheDir: devCache, drafts: true })).mode).toBe("full");
    return full;
  };
  const coffee = () => path.join(devRoot, "articles/2024/01/coffee.md");

  beforeAll(async () => {
    devRoot = createPhotoArchive({ path: "2024/01/tea.md", frontMatter: "title: Tea holds steady\ndate: 2024-01-09T09:00:00Z\nsection: news\nauthor: Mira Holt", body: "Tea prices did not move.\n" });
    devSite = path.join(makeTempDir("dev-photos"), "site");
    devCache = makeTempDir("dev-photos-cache");
    expect((await devBuild()).mode).toBe("full");
  });

  it("an edit of the body and a new caption start from the last build, as a fresh build gives them", async () => {
    fs.appendFileSync(coffee(), "\nA paragraph added at the end.\n");
    const body = await devBuild();
    expect(body.pagesFingerprinted).toBe(1);
    expect(body.photosEncoded).toBe(0);
    expectSameTree(devSite, await fresh());
    // The lead photo's words: listings show the thumbnail with its alt text.
    fs.writeFileSync(coffee(), fs.readFileSync(coffee(), "utf8").replace("A cup of coffee on a saucer", "A cup of coffee on a blue saucer"));
    const caption = await devBuild();
    expect(caption.pagesFingerprinted).toBeGreaterThan(1);
    expect(caption.pagesWritten).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(devSite, "2024/01/10/coffee/index.html"), "utf8")).toContain("on a blue saucer");
    expectSameTree(devSite, await fresh());
  });

  it("a photo's new bytes fingerprint every page again", async () => {
    fs.copyFileSync(path.join(PHOTOS, "astronaut.png"), path.join(devRoot, "articles/2024/01/coffee.png"));
    const report = await devBuild();
    expect(report.photosEncoded).toBe(1);
    expect(report.pagesFingerprinted).toBeGreaterThan(5);
    expectSameTree(devSite, await fresh());
  });
});
