/**
 * Embargoed articles are validated as if published: a conflict that would stop
 * the unattended build at embargo time (two scheduled articles at one URL, a
 * scheduled article claiming a page or another article's former URL, a former
 * URL that a scheduled article's pages will take) is an error now, from
 * `npm run check` and from the build, while the articles stay held back.
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

const LATER = "2099-01-01T09:00:00+05:00";

/** The gazette with one conflict of each kind, all found only in scheduled articles. */
function scheduledConflicts(): string {
  const root = createGazetteArchive();
  const add = (file: string, frontMatter: string) => writeArticle(root, { path: file, frontMatter, body: "Embargoed text.\n" });
  add("2023/11/ferry-timetable.md", "title: Ferry timetable changes for winter\ndate: 2023-11-02\nsection: news\nredirect_from: [/news/1796094, /2099/]");
  add("2099/01/launch-a.md", `title: Launch A\ndate: ${LATER}\nsection: news\nslug: launch`);
  add("2099/01/launch-b.md", `title: Launch B\ndate: ${LATER}\nsection: news\nslug: launch`);
  add("2099/01/takeover.md", `title: Takeover\ndate: ${LATER}\nsection: sport\nredirect_from: [/sport/, /news/1796094]`);
  return root;
}

const ERRORS = [
  "articles/2023/11/ferry-timetable.md:5: redirect_from: /2099/ will be the page /2099/ of this site once the scheduled articles are published; a redirect would replace it",
  "articles/2099/01/launch-b.md: slug: URL /2099/01/01/launch/ is already used by articles/2099/01/launch-a.md (change the slug or the date of one of them)",
  "articles/2099/01/takeover.md:5: redirect_from: /sport/ is the page /sport/ of this site; a redirect would replace it",
  "articles/2099/01/takeover.md:5: redirect_from: /news/1796094 is already redirected to /2023/11/02/ferry-timetable/ by articles/2023/11/ferry-timetable.md (an old URL can lead to one article only)",
];

describe("scheduled articles are checked as if published", () => {
  it("npm run check reports their conflicts as errors and still holds them back", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/check.ts"), "--root", scheduledConflicts(), "--format", "json"], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      env: { ...process.env, CI: "true" },
    });
    expect(result.status).toBe(1);
    const summary = JSON.parse(result.stdout) as {
      ok: boolean;
      errors: number;
      diagnostics: Array<{ severity: string; file: string; line?: number; field?: string; message: string }>;
    };
    expect(summary.ok).toBe(false);
    const errors = summary.diagnostics
      .filter((d) => d.severity === "error")
      .map((d) => `${d.line ? `${d.file}:${d.line}` : d.file}: ${d.field}: ${d.message}`);
    expect(errors).toEqual(ERRORS);
    const heldBack = summary.diagnostics.filter((d) => d.severity === "warning" && d.message.includes("held back")).map((d) => d.file);
    expect(heldBack).toEqual(["articles/2099/01/launch-a.md", "articles/2099/01/launch-b.md", "articles/2099/01/takeover.md"]);
  });

  it("the build refuses to publish an archive whose embargoed articles would fail later", async () => {
    const root = scheduledConflicts();
    const site = path.join(makeTempDir("scheduled-conflicts"), "_site");
    const failure = await buildSite({ contentRoot: root, outputDir: site, now: Date.UTC(2024, 5, 1) }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ArchiveValidationError);
    const message = (failure as ArchiveValidationError).message;
    for (const line of ERRORS) expect(message).toContain(line);
    expect(fs.existsSync(site)).toBe(false);
  });
});
