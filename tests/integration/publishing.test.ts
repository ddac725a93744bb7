/** Adding an article, failing builds, and what the command line tells a maintainer. */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { ArchiveValidationError } from "../../src/model/diagnostics.ts";
import { buildSite } from "../../src/publish/buildSite.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { listFiles, loadPage } from "../support/html.ts";
import { createGazetteArchive } from "../support/gazetteFixture.ts";
import { makeTempDir, writeArticle } from "../support/fixtureArchive.ts";
import { openSearch, searchUrls } from "../support/pagefindQuery.ts";

const run = promisify(execFile);

function treeDigest(dir: string): string {
  const hash = crypto.createHash("sha256");
  for (const file of listFiles(dir)) hash.update(file).update(fs.readFileSync(path.join(dir, file)));
  return hash.digest("hex");
}

async function buildCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/build.ts"), ...args], {
      cwd: PROJECT_ROOT,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let root: string;
let site: string;

beforeAll(async () => {
  root = createGazetteArchive();
  site = path.join(makeTempDir("gazette-publish"), "_site");
  await buildSite({ contentRoot: root, outputDir: site });
});

describe("adding an article", () => {
  it("puts it on its page, in its section index in date order, and in search", async () => {
    writeArticle(root, {
      path: "2023/11/seawall.md",
      frontMatter: "title: Seawall repairs finish early\ndate: 2023-11-20T12:00:00+05:00\nsection: news\nauthor: Mira Holt",
      body: "Repairs to the old seawall finished three weeks early, helped by a dry autumn and a gabion supplier in Porthmere.\n",
    });
    await buildSite({ contentRoot: root, outputDir: site });

    const $ = loadPage(site, "/2023/11/20/seawall/");
    expect($("h1").text()).toBe("Seawall repairs finish early");
    const news = loadPage(site, "/news/");
    // Five news articles in pages of two: page 1 (the oldest two) is full and stays; the front page shows the rest.
    expect(news(".entries .entry-title a").map((_, el) => news(el).attr("href")).get()).toEqual([
      "/2023/12/09/harbour-vote/",
      "/2023/11/20/seawall/",
      "/2023/11/02/ferry-timetable/",
    ]);
    const page1 = loadPage(site, "/news/page/1/");
    expect(page1(".entries .entry-title a").first().attr("href")).toBe("/2022/05/01/lighthouse-museum/");
    for (const n of [2, 3]) expect(loadPage(site, `/news/page/${n}/`)('meta[http-equiv="refresh"]').attr("content")).toBe("0; url=/news/");
    expect(await searchUrls(await openSearch(site), "gabion")).toEqual(["/2023/11/20/seawall/"]);
  });
});

describe("a failed build", () => {
  it("throws every error and leaves the published site exactly as it was", async () => {
    const before = treeDigest(site);
    writeArticle(root, { path: "2024/01/broken.md", frontMatter: "title: Broken\ndate: 2024-01-45\nsection: news" });
    writeArticle(root, { path: "2024/01/lost.md", frontMatter: "title: Lost\ndate: 2024-01-05\nsection: weather" });
    const failure = await buildSite({ contentRoot: root, outputDir: site }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ArchiveValidationError);
    const messages = (failure as ArchiveValidationError).message;
    expect(messages).toContain('articles/2024/01/broken.md:3: date: "2024-01-45" is not a valid date');
    expect(messages).toContain('articles/2024/01/lost.md:4: section: "weather" is not a section');
    expect(treeDigest(site)).toBe(before);
    // No staging folder is left behind (an old tree being deleted in the background may still be there).
    expect(fs.readdirSync(path.dirname(site)).filter((name) => name.includes("staging"))).toEqual([]);
    fs.rmSync(path.join(root, "articles/2024"), { recursive: true });
  });
});

describe("a build killed part-way", () => {
  it("leaves a staging folder that the next build removes", async () => {
    // A pid that cannot be running: the folder is what a killed build leaves behind.
    const abandoned = `${site}.staging-999999999`;
    fs.mkdirSync(path.join(abandoned, "2024"), { recursive: true });
    fs.writeFileSync(path.join(abandoned, "2024", "half-written.html"), "<p>half");
    await buildSite({ contentRoot: root, outputDir: site });
    for (let i = 0; i < 50 && fs.existsSync(abandoned); i++) await new Promise((r) => setTimeout(r, 100));
    expect(fs.existsSync(abandoned)).toBe(false);
  });
});

describe("npm run build (the command)", () => {
  it("exits non-zero and names the file, line and field of each error", async () => {
    const broken = createGazetteArchive();
    writeArticle(broken, { path: "2024/02/no-title.md", frontMatter: "date: 2024-02-01\nsection: news" });
    writeArticle(broken, { path: "2024/02/yaml.md", raw: "---\ntitle: [unclosed\ndate: 2024-02-02\n---\nText.\n" });
    const result = await buildCli(["--root", broken, "--output", path.join(makeTempDir("cli-out"), "_site")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("articles/2024/02/no-title.md:1: title: is required");
    expect(result.stderr).toMatch(/articles\/2024\/02\/yaml\.md:\d+: YAML syntax error in front matter/);
    expect(result.stderr).toContain("Build stopped: 2 errors in the archive. Nothing was published.");
  });

  it("builds a valid archive, under a sub-path when asked, and says what it did", async () => {
    const output = path.join(makeTempDir("cli-ok"), "_site");
    const result = await buildCli(["--root", createGazetteArchive(), "--output", output, "--pathprefix=/sub/"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Built 8 articles \(1 draft left out\), 8 indexed for search/);
    expect(loadPage(output, "/")('link[rel="stylesheet"]').attr("href")).toBe("/sub/assets/site.css");
  });
});
