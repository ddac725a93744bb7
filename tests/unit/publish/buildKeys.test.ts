/**
 * Each stage's key covers what that stage runs and nothing else (src/publish/buildState.ts, codeFingerprint.ts):
 * computed on a copy of the project's code and templates, changed one file at a time.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../../src/paths.ts";
import { buildKeys, type BuildKeys } from "../../../src/publish/buildState.ts";
import { moduleGraph } from "../../../src/publish/codeFingerprint.ts";
import { createFixtureArchive, makeTempDir } from "../../support/fixtureArchive.ts";

let project: string;
let content: string;
let before: BuildKeys;

/** Appends a line to one file of the copy and returns the keys after it; the change is undone afterwards. */
function keysAfterEditing(file: string, line: string): BuildKeys {
  const full = path.join(project, file);
  const original = fs.readFileSync(full);
  fs.appendFileSync(full, line);
  try {
    return buildKeys(content, "/", project);
  } finally {
    fs.writeFileSync(full, original);
  }
}

describe("the build's keys", () => {
  beforeAll(() => {
    project = makeTempDir("keys-project");
    for (const entry of ["src", "_includes", "tools", ".eleventy.ts", "package.json", "package-lock.json"]) fs.cpSync(path.join(PROJECT_ROOT, entry), path.join(project, entry), { recursive: true });
    content = createFixtureArchive({ articles: [] });
    before = buildKeys(content, "/", project);
  });

  it("are the same for the same inputs, and every stage's differs with the path prefix", () => {
    expect(buildKeys(content, "/", project)).toEqual(before);
    const prefixed = buildKeys(content, "/archive/", project);
    expect(prefixed.parseKey).toBe(before.parseKey);
    expect(prefixed.renderKey).not.toBe(before.renderKey);
    expect(prefixed.searchKey).not.toBe(before.searchKey);
  });

  it.each(["src/cli/new.ts", "src/cli/import.ts", "src/import/runImport.ts", "src/dev/devServer.ts", "src/cli/check.ts", "tools/bench/bench.ts"])("do not change with %s, which the build does not run", (file) => {
    expect(keysAfterEditing(file, "\n// an edit\n")).toEqual(before);
  });

  it.each(["_includes/layouts/base.njk", "src/assets/site.css", "src/render/filters.ts"])("change for rendering only with %s (no search re-indexing)", (file) => {
    expect(fs.existsSync(path.join(project, file)), file).toBe(true);
    const after = keysAfterEditing(file, file.endsWith(".njk") ? "\n{# an edit #}\n" : "\n/* an edit */\n");
    expect(after.parseKey).toBe(before.parseKey);
    expect(after.searchKey).toBe(before.searchKey);
    expect(after.renderKey).not.toBe(before.renderKey);
  });

  it("change for search (and rendering, which shows the index's code) with the indexing code, not for parsing", () => {
    const after = keysAfterEditing("src/search/searchIndex.ts", "\n// an edit\n");
    expect(after.parseKey).toBe(before.parseKey);
    expect(after.searchKey).not.toBe(before.searchKey);
  });

  it("all change with the article parser, a dependency or the site data", () => {
    for (const after of [keysAfterEditing("src/content/parseArticle.ts", "\n// an edit\n"), keysAfterEditing("package-lock.json", "\n")]) {
      expect(after.parseKey).not.toBe(before.parseKey);
      expect(after.renderKey).not.toBe(before.renderKey);
      expect(after.searchKey).not.toBe(before.searchKey);
    }
    const site = path.join(content, "_data/site.json");
    const original = fs.readFileSync(site, "utf8");
    fs.writeFileSync(site, original.replace("Test archive", "Test archive, renamed"));
    try {
      expect(buildKeys(content, "/", project).parseKey).not.toBe(before.parseKey);
    } finally {
      fs.writeFileSync(site, original);
    }
  });

  it("follow worker processes started by URL", () => {
    const graph = moduleGraph(PROJECT_ROOT, ["src/cli/build.ts", ".eleventy.ts"]);
    expect(graph).toEqual(expect.arrayContaining(["src/content/parseWorker.ts", "src/search/shardWorker.ts", "src/search/shardedPagefind.js"]));
    expect(graph.some((f) => f.startsWith("src/import/") || f.startsWith("src/dev/") || f === "src/cli/new.ts")).toBe(false);
  });
});
