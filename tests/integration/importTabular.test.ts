/**
 * `npm run import` on JSON Lines, a JSON array and CSV (tests/fixtures/import/gazette.*), on bad records, and
 * killed halfway: what lands in `articles/` is read back, checked and built.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { runCli } from "../support/buildCli.ts";
import { createFixtureArchive, makeTempDir } from "../support/fixtureArchive.ts";
import { listFiles, loadPage } from "../support/html.ts";

/** Every file under a folder, as full paths. */
const filesUnder = (dir: string): string[] => listFiles(dir).map((f) => path.join(dir, f));

const FIXTURES = path.join(PROJECT_ROOT, "tests/fixtures/import");

function frontMatter(file: string): Record<string, unknown> {
  const text = fs.readFileSync(file, "utf8");
  return parseYaml(text.slice(4, text.indexOf("\n---\n", 4))) as Record<string, unknown>;
}

const markdownFiles = (root: string): string[] => (fs.existsSync(path.join(root, "articles")) ? filesUnder(path.join(root, "articles")).filter((f) => f.endsWith(".md")) : []);

describe("importing JSON Lines, a JSON array and CSV into one archive", () => {
  it("imports each, keeps dates in the site's zone, and the archive checks and builds", async () => {
    const root = createFixtureArchive({ articles: [] });
    const runs: [string, string][] = [
      ["gazette.jsonl", "gazette-map.json"],
      ["gazette.json", "gazette-json-map.json"],
      ["gazette.csv", "gazette-csv-map.json"],
    ];
    for (const [file, map] of runs) {
      const result = await runCli("import", [path.join(FIXTURES, file), "--map", path.join(FIXTURES, map), "--root", root]);
      expect(result.code, `${file}: ${result.stdout}${result.stderr}`).toBe(0);
      expect(result.stdout).toMatch(/\d+ articles? imported/);
    }
    expect(markdownFiles(root)).toHaveLength(8);

    // 10:00 UTC is 15:00 in Asia/Karachi; the source's zone (Europe/London in the map) only reads times without one.
    const ferry = frontMatter(path.join(root, "articles/2021/03/winter-ferry-timetable-cuts-the-late-crossing.md"));
    expect(ferry).toMatchObject({ title: "Winter ferry timetable cuts the late crossing", date: "2021-03-04T15:00:00+05:00", section: "news", author: "Samira Qadir", tags: ["ferry", "transport"] });
    expect(ferry.redirect_from).toBe("/news/101");
    // A CSV record: the category mapped through the map, the draft column read.
    const quotas = frontMatter(path.join(root, "articles/2023/09/fishing-quotas-set-for-the-autumn.md"));
    expect(quotas).toMatchObject({ section: "news", author: "Mira Holt", tags: ["fishing", "quotas"] });

    const check = await runCli("check", ["--root", root]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const build = await runCli("build", ["--root", root], { timeoutMs: 180_000 });
    expect(build.code, build.stderr).toBe(0);
    const $ = loadPage(path.join(root, "_site"), "/2021/03/04/winter-ferry-timetable-cuts-the-late-crossing/");
    expect($("h1").first().text()).toBe("Winter ferry timetable cuts the late crossing");
  }, 240_000);
});

describe("bad records", () => {
  it("skips each with its file, line and field, imports the rest, and exits 1", async () => {
    const root = createFixtureArchive({ articles: [] });
    const source = path.join(makeTempDir("bad-records"), "stories.jsonl");
    fs.writeFileSync(
      source,
      [
        JSON.stringify({ id: "a", title: "Quay lights switched on", date: "2022-01-05 18:00", section: "news", body: "<p>The lamps are lit.</p>" }),
        '{"id": "b", "title": "Broken line", "date": ',
        JSON.stringify({ id: "c", title: "No date here", section: "news", body: "<p>Text.</p>" }),
        JSON.stringify({ id: "d", title: "A day that never was", date: "2022-02-30", section: "news", body: "<p>Text.</p>" }),
        JSON.stringify({ id: "e", title: "Unknown desk", date: "2022-01-06", section: "crosswords", body: "<p>Text.</p>" }),
        JSON.stringify({ id: "f", title: "Harbour dues to rise", date: "2022-01-07", section: "news", body: "<p>Dues rise in spring.</p><script>alert(1)</script>" }),
        "",
      ].join("\n"),
    );
    const result = await runCli("import", [source, "--root", root]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("2 articles imported");
    expect(result.stdout).toMatch(/stories\.jsonl:2\b/);
    expect(result.stdout).toMatch(/stories\.jsonl:3\b.*date/);
    expect(result.stdout).toMatch(/stories\.jsonl:4\b.*2022-02-30/);
    expect(result.stdout).toMatch(/stories\.jsonl:5\b.*crosswords/);
    const dues = fs.readFileSync(path.join(root, "articles/2022/01/harbour-dues-to-rise.md"), "utf8");
    expect(dues).toContain("Dues rise in spring.");
    expect(dues).not.toMatch(/<script|alert\(1\)/);
  }, 120_000);
});

describe("an import killed halfway", () => {
  it("leaves only whole files, and the next run finishes it without a duplicate", async () => {
    const root = createFixtureArchive({ articles: [] });
    const source = path.join(makeTempDir("killed-import"), "stories.jsonl");
    const count = 1500;
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      const day = String((i % 28) + 1).padStart(2, "0");
      lines.push(JSON.stringify({ id: `s-${i}`, title: `Council notes number ${i}`, date: `2022-03-${day} 09:00`, section: "news", body: `<p>Item ${i} of the council's notes.</p>`.repeat(20) }));
    }
    fs.writeFileSync(source, `${lines.join("\n")}\n`);
    const ledger = path.join(root, ".import/ledger.jsonl");

    const child = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/import.ts"), source, "--root", root], { cwd: PROJECT_ROOT, env: { ...process.env, CI: "true" }, stdio: "ignore" });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // Kill once some articles are written, well before the end.
    for (let waited = 0; waited < 60_000; waited += 20) {
      if (fs.existsSync(ledger) && fs.readFileSync(ledger, "utf8").split("\n").length > 50) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill("SIGKILL");
    await exited;
    const written = markdownFiles(root).length;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(count);
    // Each article is whole: written to a temporary name, then linked into place.
    for (const file of markdownFiles(root)) expect(fs.readFileSync(file, "utf8"), file).toMatch(/^---\n[\s\S]*\n---\n\n[\s\S]*Item \d+ of the council's notes\.\n$/);

    const resumed = await runCli("import", [source, "--root", root]);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    const files = markdownFiles(root);
    expect(files).toHaveLength(count);
    expect(files.filter((f) => /-\d+\.md$/.test(f.replace(/number-\d+\.md$/, "")))).toEqual([]);
    // A temporary file the kill left behind is never taken for an article (it does not end in .md).
    for (const file of filesUnder(path.join(root, "articles")).filter((f) => path.basename(f).startsWith("."))) expect(file).toMatch(/\.md\.import-\d+$/);
    const check = await runCli("check", ["--root", root]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  }, 240_000);
});
