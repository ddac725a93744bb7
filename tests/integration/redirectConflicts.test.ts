/**
 * A former URL (`redirect_from`) that would take over a file of the site is an
 * error from `npm run check` and from the build, full or incremental, always
 * as `file:line: redirect_from: ...`, and the build stops before it renders:
 * the published site is left as it was.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ArchiveValidationError } from "../../src/model/diagnostics.ts";
import { buildSite } from "../../src/publish/buildSite.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { makeTempDir, writeArticle } from "../support/fixtureArchive.ts";
import { createGazetteArchive } from "../support/gazetteFixture.ts";

/** Former URLs that are files of the site. */
const TAKEOVERS = ["/news/index.html", "/sitemap.xml", "/robots.txt", "/News/", "/tags/harbour/"];
/** Former URLs no redirect file can carry (catch-all rules, a decoded `..`, a NUL). */
const UNWRITABLE = ["/*", "/news/:id", "/%2e%2e/x", "/a%00b"];

function withRedirects(root: string): void {
  const list = (froms: readonly string[]) => ["redirect_from:", ...froms.map((f) => `  - ${JSON.stringify(f)}`)];
  writeArticle(root, {
    path: "2023/11/ferry-timetable.md",
    frontMatter: ["title: Ferry timetable changes for winter", "date: 2023-11-02", "section: news", ...list(TAKEOVERS)].join("\n"),
    body: "The island ferry will run four times a day from November.\n",
  });
  writeArticle(root, {
    path: "2021/02/bus-depot.md",
    frontMatter: ["title: Bus depot moves to the ring road", "date: 2021-02-14T09:15:00+05:00", "section: news", ...list(UNWRITABLE)].join("\n"),
    body: "The municipal bus depot will move.\n",
  });
}

/** Every `redirect_from` error the build or check reported, without the message text. */
function places(lines: readonly string[]): string[] {
  return lines.filter((l) => l.includes("redirect_from")).map((l) => /^[^ ]+: redirect_from(\.\d+)?:/.exec(l)?.[0] ?? l);
}

const EXPECTED = [
  // Refused while reading the file: each entry is named by its index.
  ...UNWRITABLE.map((_, i) => `articles/2021/02/bus-depot.md:5: redirect_from.${i}:`),
  ...TAKEOVERS.map(() => "articles/2023/11/ferry-timetable.md:5: redirect_from:"),
];

async function buildErrors(options: Parameters<typeof buildSite>[0]): Promise<string[]> {
  const failure = await buildSite(options).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(ArchiveValidationError);
  return (failure as ArchiveValidationError).message.split("\n");
}

/** Every file under a folder with its bytes, to show a failed build changed nothing. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files.set(path.relative(dir, full), fs.readFileSync(full).toString("base64"));
    }
  }
  return files;
}

describe("redirect_from that would take over a page", () => {
  it("is reported by npm run check as file:line: redirect_from errors", () => {
    const root = createGazetteArchive();
    withRedirects(root);
    const result = spawnSync(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/check.ts"), "--root", root, "--no-cache"], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      env: { ...process.env, CI: "true" },
    });
    expect(result.status).toBe(1);
    expect(places(result.stdout.split("\n")).sort()).toEqual(EXPECTED);
  });

  it("stops a full build before it writes anything, with the same errors", async () => {
    const root = createGazetteArchive();
    withRedirects(root);
    const site = path.join(makeTempDir("redirect-full"), "_site");
    expect(places(await buildErrors({ contentRoot: root, outputDir: site, full: true })).sort()).toEqual(EXPECTED);
    expect(fs.existsSync(site)).toBe(false);
    expect(fs.readdirSync(path.dirname(site))).toEqual([]);
  });

  it("stops an incremental build with the same errors and leaves the published site as it was", async () => {
    const root = createGazetteArchive();
    const site = path.join(makeTempDir("redirect-incremental"), "_site");
    await buildSite({ contentRoot: root, outputDir: site });
    const before = snapshot(site);
    const state = fs.readFileSync(`${path.dirname(site)}/._site.build-state.json`, "utf8");
    withRedirects(root);
    expect(places(await buildErrors({ contentRoot: root, outputDir: site })).sort()).toEqual(EXPECTED);
    expect(snapshot(site)).toEqual(before);
    expect(fs.readFileSync(`${path.dirname(site)}/._site.build-state.json`, "utf8")).toBe(state);
    expect(fs.readdirSync(path.dirname(site)).sort()).toEqual(["._site.build-state.json", "._site.parse-cache", "_site"]);
  });
});
