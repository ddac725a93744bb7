/**
 * Hostile front matter through the real commands: `npm run check` and `npm run build`
 * answer with one `file:line:` message (never a stack trace), and nothing a file
 * contains can drive the maintainer's terminal.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { makeTempDir, writeArticle } from "../support/fixtureArchive.ts";
import { createGazetteArchive } from "../support/gazetteFixture.ts";

function cli(script: string, args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli", script), ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    env: { ...process.env, CI: "true", ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Nine nested lists of nine aliases: 387 million values if expanded. The first alias is on line 6. */
function aliasBombArchive(): string {
  const root = createGazetteArchive();
  const lines = ["title: Bomb", "date: 2024-01-05", "section: news", "a: &a [x, x, x, x, x, x, x, x, x]"];
  for (const name of "bcdefghi") lines.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`).join(", ")}]`);
  writeArticle(root, { path: "2024/01/bomb.md", frontMatter: lines.join("\n") });
  return root;
}

const BOMB = "articles/2024/01/bomb.md:6: yaml: too many aliases";
/** What Node prints for an uncaught error. */
const STACK = /^\s+at |Error:|node:internal/m;

describe("an alias bomb", () => {
  it("is one file:line error from check, exit 1, no stack trace", () => {
    const result = cli("check.ts", ["--root", aliasBombArchive()]);
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stdout).toContain(BOMB);
    expect(result.stdout).toMatch(/: 1 error, 0 warnings\.\n$/);
    expect(result.code).toBe(1);
  });

  it("is the same error when parse workers read the file", () => {
    const result = cli("check.ts", ["--root", aliasBombArchive()], { ARCHIVE_PARALLEL_MIN_FILES: "1", ARCHIVE_PARSE_WORKERS: "2" });
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stdout).toContain(BOMB);
    expect(result.code).toBe(1);
  });

  it("stops the build with the file named", () => {
    const result = cli("build.ts", ["--root", aliasBombArchive(), "--output", path.join(makeTempDir("bomb-build"), "_site")]);
    expect(result.stderr).toContain(BOMB);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.code).toBe(1);
  });
});

describe("terminal escapes in a field", () => {
  const root = createGazetteArchive();
  // `\e[2K\r` would erase the line, `\e[32m` paint "All good" green.
  writeArticle(root, { path: "2024/01/escape.md", frontMatter: 'title: Escape\ndate: 2024-01-05\nsection: "\\e[2K\\r\\e[32mAll good"' });

  it("are shown, not sent to the terminal", () => {
    const result = cli("check.ts", ["--root", root]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/[\u001b\r]/);
    expect(result.stdout).toContain('articles/2024/01/escape.md:4: section: "\\u001b[2K\\u000d\\u001b[32mAll good" is not a section');
  });

  it("are kept as they are in the JSON report (JSON escapes them)", () => {
    const result = cli("check.ts", ["--root", root, "--format", "json"]);
    expect(result.stdout).not.toMatch(/[\u001b\r]/);
    const report = JSON.parse(result.stdout) as { diagnostics: Array<{ file: string; message: string }> };
    const escape = report.diagnostics.find((d) => d.file === "articles/2024/01/escape.md");
    expect(escape?.message.startsWith('"\u001b[2K\r\u001b[32mAll good" is not a section')).toBe(true);
  });
});
