/**
 * A local `<img>` in a body's raw HTML is a photo of the article: checked by `npm run check` like a Markdown one
 * (on its line), processed by the build into `/media/`, and shown as the same lazy `<picture>`, an HTML
 * `<figure>` keeping its caption.
 */
import fs from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { createFixtureArchive, makeTempDir } from "../support/fixtureArchive.ts";
import { runCli } from "../support/buildCli.ts";

const PHOTOS = path.resolve(import.meta.dirname, "../../../shared/fixtures/photos");
const FRONT = "title: From the old CMS\ndate: 2024-01-10T09:00:00Z\nsection: news";
const BODY = [
  "Imported with its HTML.", // 6
  "",
  '<figure><img src="coffee.png" alt="A cup of coffee on a saucer" width="300"><figcaption>Espresso on the <em>harbour</em> front.</figcaption></figure>', // 8
  "",
  '<p>Inline too: <img src="coffee.png" alt="The same cup"></p>', // 10
  "",
].join("\n");

let root: string;
let site: string;

describe("local <img> in raw HTML", () => {
  beforeAll(async () => {
    root = createFixtureArchive({ articles: [{ path: "2024/01/cms.md", frontMatter: FRONT, body: BODY }] });
    fs.copyFileSync(path.join(PHOTOS, "coffee.png"), path.join(root, "articles/2024/01/coffee.png"));
    site = path.join(makeTempDir("html-photos-site"), "_site");
    const report = await buildSite({ contentRoot: root, outputDir: site, photoCacheDir: path.join(makeTempDir("html-photos-cache"), "photos") });
    expect(report.photosEncoded).toBe(1);
  }, 120_000);

  it("is shown as a lazy picture, inside its figure with the caption kept", () => {
    const $ = cheerio.load(fs.readFileSync(path.join(site, "2024/01/10/cms/index.html"), "utf8"));
    const figure = $(".article-body figure.figure");
    expect(figure).toHaveLength(1);
    const img = figure.find("picture img");
    expect(img.attr("alt")).toBe("A cup of coffee on a saucer");
    expect(img.attr("loading")).toBe("lazy");
    expect(img.attr("width")).toBe("600");
    expect(img.attr("height")).toBe("400");
    expect(figure.find("source").attr("srcset")).toMatch(/^\/media\/[0-9a-f]{16}-[0-9a-f]{8}-480\.webp 480w/);
    expect(figure.find("figcaption").html()).toBe("Espresso on the <em>harbour</em> front.");
    expect($(".article-body p picture img").attr("alt")).toBe("The same cup");
    for (const src of $(".article-body img").map((_, el) => $(el).attr("src")).get()) expect(fs.existsSync(path.join(site, src))).toBe(true);
  });

  it("is checked by npm run check on its line: a truncated one, then one without alt, are errors", async () => {
    fs.copyFileSync(path.join(PHOTOS, "truncated.jpg"), path.join(root, "articles/2024/01/broken.jpg"));
    const file = path.join(root, "articles/2024/01/cms.md");
    fs.appendFileSync(file, '\n<p><img src="broken.jpg" alt="Broken"></p>\n');
    const truncated = await runCli("check", ["--root", root]);
    expect(truncated.code).not.toBe(0);
    expect(truncated.stdout + truncated.stderr).toMatch(/articles\/2024\/01\/cms\.md:12: body: photo articles\/2024\/01\/broken\.jpg is damaged or truncated/);
    expect(truncated.stdout + truncated.stderr).not.toContain("Error:");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('alt="Broken"', "").replace("broken.jpg", "coffee.png"));
    const noAlt = await runCli("check", ["--root", root]);
    expect(noAlt.code).not.toBe(0);
    expect(noAlt.stdout + noAlt.stderr).toContain('articles/2024/01/cms.md:12: body: the photo <img src="coffee.png"> has no alt attribute');
  });
});
