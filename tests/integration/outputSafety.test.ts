/**
 * `--output` can never delete what the build did not write: the archive's
 * sources, the project, a parent folder, someone's folder or file. A symlinked
 * output is published through (its target is updated, the link stays); a
 * preview has its own folder; failures say what state the site is in, once,
 * without a stack trace.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { OutputRefusedError } from "../../src/publish/buildErrors.ts";
import { claimDevServerOutput, devServerMarker, PREVIEW_OUTPUT, resolveOutput } from "../../src/publish/outputGuard.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { runCli, STACK_FRAME } from "../support/buildCli.ts";
import { makeTempDir, writeArticle } from "../support/fixtureArchive.ts";
import { createGazetteArchive } from "../support/gazetteFixture.ts";
import { listFiles } from "../support/html.ts";

/** Every file under `dir` with its bytes, and every symlink with its target: to see that nothing changed. */
function snapshot(dir: string): string {
  const hash = crypto.createHash("sha256");
  for (const entry of (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).sort((a, b) =>
    path.join(a.parentPath, a.name).localeCompare(path.join(b.parentPath, b.name)),
  )) {
    const full = path.join(entry.parentPath, entry.name);
    hash.update(`${path.relative(dir, full)}\0`);
    if (entry.isSymbolicLink()) hash.update(`-> ${fs.readlinkSync(full)}\0`);
    else if (entry.isFile()) hash.update(fs.readFileSync(full));
  }
  return hash.digest("hex");
}

/** An archive in a folder of its own, so that its parent is a temp folder this test made. */
function archiveInOwnFolder(): { outer: string; root: string } {
  const outer = makeTempDir("output-safety");
  const root = createGazetteArchive(path.join(outer, "archive"));
  fs.writeFileSync(path.join(root, "README.md"), "# The Gullhaven Gazette archive\n");
  fs.mkdirSync(path.join(root, "public"));
  fs.writeFileSync(path.join(root, "public", "press-kit.pdf"), "not a site");
  return { outer, root };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutputRefusedError);
  return (error as Error).message;
}

describe("the build refuses an output that would delete sources or files it did not write", () => {
  it("refuses the archive folder, its sources, a parent folder, a folder that is not a site and a file, and changes nothing", async () => {
    const { outer, root } = archiveInOwnFolder();
    const before = snapshot(outer);
    const cases: Array<[string, RegExp]> = [
      [root, /it is the archive folder \(--root\)/],
      [path.join(root, "articles"), /which holds the articles/],
      [path.join(root, "articles", "2023", "site"), /it is inside .*articles, which holds the articles/],
      [path.join(root, "_data"), /which holds the site data/],
      [outer, /it contains the archive folder/],
      [path.join(root, "public"), /exists and is not empty, but `npm run build` did not make it \(there is no build state .*\.public\.build-state\.json beside it\)/],
      [path.join(root, "README.md"), /it is a file, not a folder/],
      [path.join(root, "README.md", "_site"), /README\.md is a file/],
    ];
    for (const [output, message] of cases) {
      expect(await refusal(buildSite({ contentRoot: root, outputDir: output })), output).toMatch(message);
    }
    expect(snapshot(outer)).toBe(before);
  });

  it("says why and what to do on the command line, once, and exits with status 1", async () => {
    const { outer, root } = archiveInOwnFolder();
    const before = snapshot(outer);
    const result = await runCli("build", ["--root", root, "--output", root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Refusing to use ${root} as the build's output folder: it is the archive folder (--root)`);
    expect(result.stderr).toContain(`Choose a new or empty folder outside the sources, such as ${path.join(root, "_site")}.`);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stdout).not.toContain("publish…");
    expect(snapshot(outer)).toBe(before);
  });

  it("protects the project's own folder, its sources and its parents (checked without building)", () => {
    const root = createGazetteArchive();
    const use = { contentRoot: root, user: "build" as const };
    for (const output of [PROJECT_ROOT, path.dirname(PROJECT_ROOT), path.join(PROJECT_ROOT, "src"), path.join(PROJECT_ROOT, "src", "new"), path.join(PROJECT_ROOT, "_includes"), path.join(PROJECT_ROOT, ".git")]) {
      expect(() => resolveOutput(output, use), output).toThrow(OutputRefusedError);
    }
    expect(() => resolveOutput(path.join(PROJECT_ROOT, "package.json"), use)).toThrow(/it is a file, not a folder/);
    expect(() => resolveOutput("/", use)).toThrow(/root of the file system/);
    // The usual place is fine.
    expect(resolveOutput(path.join(PROJECT_ROOT, "_site"), use).dir).toBe(path.join(fs.realpathSync(PROJECT_ROOT), "_site"));
  });

  it("refuses an output reached through a symlink into the sources", async () => {
    const { outer, root } = archiveInOwnFolder();
    const link = path.join(outer, "site-link");
    fs.symlinkSync(path.join(root, "articles"), link);
    const before = snapshot(outer);
    expect(await refusal(buildSite({ contentRoot: root, outputDir: link }))).toMatch(/site-link \(a link to .*articles\).*which holds the articles/);
    expect(snapshot(outer)).toBe(before);
  });

  it("builds into an empty existing folder, and into folders yet to be made", async () => {
    const root = createGazetteArchive();
    const empty = makeTempDir("empty-output");
    const report = await buildSite({ contentRoot: root, outputDir: empty });
    expect(report.articles).toBe(8);
    expect(fs.existsSync(path.join(empty, "index.html"))).toBe(true);
    const nested = path.join(makeTempDir("nested-output"), "new", "deeper", "_site");
    await buildSite({ contentRoot: root, outputDir: nested });
    expect(fs.existsSync(path.join(nested, "index.html"))).toBe(true);
  });
});

describe("a symlinked output (a web root)", () => {
  it("is published through: the target is updated, by full and incremental builds, and the link stays", async () => {
    const root = createGazetteArchive();
    const work = makeTempDir("symlinked-output");
    const webRoot = path.join(work, "www", "archive");
    fs.mkdirSync(webRoot, { recursive: true });
    const link = path.join(work, "project", "_site");
    fs.mkdirSync(path.dirname(link));
    fs.symlinkSync(webRoot, link);

    const first = await buildSite({ contentRoot: root, outputDir: link });
    expect(first.mode).toBe("full");
    expect(first.realOutputDir).toBe(webRoot);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe(webRoot);
    expect(fs.existsSync(path.join(webRoot, "2023/12/09/harbour-vote/index.html"))).toBe(true);
    // State beside the folder it describes.
    expect(fs.existsSync(path.join(work, "www", ".archive.build-state.json"))).toBe(true);

    writeArticle(root, { path: "2023/12/pier.md", frontMatter: "title: Pier reopens\ndate: 2023-12-20T09:00:00+05:00\nsection: news", body: "The pier reopened.\n" });
    const second = await buildSite({ contentRoot: root, outputDir: link });
    expect(second.mode).toBe("incremental");
    expect(fs.existsSync(path.join(webRoot, "2023/12/20/pier/index.html"))).toBe(true);
    expect(fs.readlinkSync(link)).toBe(webRoot);

    fs.rmSync(path.join(root, "articles/2023/12/pier.md"));
    const third = await buildSite({ contentRoot: root, outputDir: link, full: true });
    expect(third.mode).toBe("full");
    expect(fs.readlinkSync(link)).toBe(webRoot);
    expect(fs.existsSync(path.join(webRoot, "2023/12/20/pier/index.html"))).toBe(false);
    // The same site a build into a plain folder gives.
    const plain = path.join(makeTempDir("symlinked-plain"), "_site");
    await buildSite({ contentRoot: root, outputDir: plain });
    expect(listFiles(webRoot)).toEqual(listFiles(plain));
    // Nothing was left beside the link.
    expect(fs.readdirSync(path.dirname(link))).toEqual(["_site"]);
  });

  it("creates the target of a dangling link, and refuses a target that is someone's folder", async () => {
    const root = createGazetteArchive();
    const work = makeTempDir("dangling-output");
    const link = path.join(work, "_site");
    fs.symlinkSync(path.join(work, "www-new"), link);
    await buildSite({ contentRoot: root, outputDir: link });
    expect(fs.existsSync(path.join(work, "www-new", "index.html"))).toBe(true);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);

    const theirs = path.join(work, "their-site");
    fs.mkdirSync(theirs);
    fs.writeFileSync(path.join(theirs, "index.html"), "<p>Their own page</p>");
    const other = path.join(work, "other-link");
    fs.symlinkSync(theirs, other);
    expect(await refusal(buildSite({ contentRoot: root, outputDir: other }))).toMatch(/other-link \(a link to .*their-site\): the folder exists and is not empty/);
    expect(fs.readFileSync(path.join(theirs, "index.html"), "utf8")).toBe("<p>Their own page</p>");
  });
});

describe("the dev server's folder", () => {
  it("is never the archive, a published site or someone's folder: the server exits at once and empties nothing", async () => {
    const { outer, root } = archiveInOwnFolder();
    const published = path.join(outer, "_site");
    await buildSite({ contentRoot: root, outputDir: published });
    const before = snapshot(outer);
    const cases: Array<[string, string]> = [
      [path.join(root, "public"), "is not the dev server's"],
      [published, "it is a site published by `npm run build`"],
      [root, "it is the archive folder (--root)"],
    ];
    for (const [output, message] of cases) {
      const result = await runCli("serve", ["--root", root, "--output", output, "--port", "1"]);
      expect(result.code, output).toBe(1);
      expect(result.stderr).toContain(`Refusing to `);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(STACK_FRAME);
    }
    expect(snapshot(outer)).toBe(before);
  });

  it("is claimed with a marker beside it, which lets the dev server empty it next time", () => {
    const root = createGazetteArchive();
    const dir = path.join(makeTempDir("dev-claim"), "dev-site");
    const output = resolveOutput(dir, { contentRoot: root, user: "dev server" });
    claimDevServerOutput(output, { defaultDir: path.join(root, ".cache", "dev-site") });
    expect(fs.existsSync(devServerMarker(dir))).toBe(true);
    fs.writeFileSync(path.join(dir, "index.html"), "<p>rendered by the dev server</p>");
    expect(() => claimDevServerOutput(output, { defaultDir: path.join(root, ".cache", "dev-site") })).not.toThrow();
    fs.rmSync(devServerMarker(dir));
    expect(() => claimDevServerOutput(output, { defaultDir: path.join(root, ".cache", "dev-site") })).toThrow(/is not the dev server's/);
  });
});

describe("--future previews", () => {
  const embargoed = (root: string): void =>
    writeArticle(root, {
      path: "2024/06/budget-leak.md",
      frontMatter: "title: The budget, a day early\ndate: 2024-06-01T09:00:00+05:00\nsection: news",
      body: "Embargoed until nine.\n",
    });
  const now = Date.parse("2024-06-01T03:59:00Z");

  it("go to their own folder by default, never into the live site", async () => {
    const root = createGazetteArchive();
    embargoed(root);
    await buildSite({ contentRoot: root, now });
    const live = path.join(root, "_site");
    const before = snapshot(live);
    const preview = await buildSite({ contentRoot: root, now, future: true });
    expect(preview.outputDir).toBe(path.join(root, PREVIEW_OUTPUT));
    expect(fs.existsSync(path.join(root, PREVIEW_OUTPUT, "2024/06/01/budget-leak/index.html"))).toBe(true);
    expect(fs.existsSync(path.join(live, "2024/06/01/budget-leak/index.html"))).toBe(false);
    expect(snapshot(live)).toBe(before);
  });

  it("are refused into a published site, even when asked for", async () => {
    const root = createGazetteArchive();
    embargoed(root);
    const live = path.join(makeTempDir("future-live"), "_site");
    await buildSite({ contentRoot: root, outputDir: live, now });
    const before = snapshot(path.dirname(live));
    expect(await refusal(buildSite({ contentRoot: root, outputDir: live, now, future: true }))).toMatch(
      /Refusing to build a --future preview into .*: it is a published site \(built without --future\)/,
    );
    expect(snapshot(path.dirname(live))).toBe(before);
  });
});

describe("failures that print what state the site is in, once", () => {
  it("an output whose parent cannot be written: one message, no stack trace, status 1", async () => {
    const root = createGazetteArchive();
    const work = makeTempDir("read-only-parent");
    const readOnly = path.join(work, "read-only");
    fs.mkdirSync(readOnly);
    // Root is not stopped by permissions: run the build as `nobody` then (everything it must read made readable).
    const asRoot = process.getuid?.() === 0;
    for (const dir of [root, work]) fs.chmodSync(dir, 0o755);
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[]) {
      if (entry.isDirectory()) fs.chmodSync(path.join(entry.parentPath, entry.name), 0o755);
    }
    fs.chmodSync(readOnly, 0o555);
    const result = await runCli("build", ["--root", root, "--output", path.join(readOnly, "_site")], asRoot ? { uid: 65534, gid: 65534 } : {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${readOnly} cannot be written by this user`);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr).not.toContain("Unhandled");
    // Said once.
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(fs.readdirSync(readOnly)).toEqual([]);
  });

  it("a failure while the search index runs: reported once, the index awaited, no staging folder left", async () => {
    const root = createGazetteArchive();
    const site = path.join(makeTempDir("failing-prep"), "_site");
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    // The build state is written while the search index runs: a folder in the way of its temporary file fails it.
    const blocker = `${site}.staging-${process.pid}.state.json.tmp-${process.pid}`;
    fs.mkdirSync(blocker, { recursive: true });
    try {
      const error = await buildSite({ contentRoot: root, outputDir: site }).catch((e: unknown) => e);
      expect((error as NodeJS.ErrnoException).code).toBe("EISDIR");
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(unhandled).toEqual([]);
      expect(fs.existsSync(`${site}.staging-${process.pid}`)).toBe(false);
      expect(fs.existsSync(site)).toBe(false);
    } finally {
      process.off("unhandledRejection", onUnhandled);
      fs.rmSync(blocker, { recursive: true });
    }
  });

  it("a failure after an update is committed says the site is partly updated, and the next build finishes it", async () => {
    const root = createGazetteArchive();
    const site = path.join(makeTempDir("partly-published"), "_site");
    await buildSite({ contentRoot: root, outputDir: site });
    writeArticle(root, { path: "2023/12/pier.md", frontMatter: "title: Pier reopens\ndate: 2023-12-20T09:00:00+05:00\nsection: news", body: "The pier reopened.\n" });
    // A folder where the update must put the News index: applying the update fails there, past the commit point.
    fs.rmSync(path.join(site, "news/index.html"));
    fs.mkdirSync(path.join(site, "news/index.html"));
    fs.writeFileSync(path.join(site, "news/index.html/stray.txt"), "in the way");
    const failed = await runCli("build", ["--root", root, "--output", site]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("Build failed: Publishing stopped part-way through the update:");
    expect(failed.stderr).toContain(`The site in ${site} is partly updated`);
    expect(failed.stderr).toContain(`the rest of the update waits in ${site}.update`);
    expect(failed.stderr).toContain("it finishes this update before anything else");
    expect(failed.stderr).not.toContain("Nothing was published");
    expect(failed.stderr).not.toMatch(STACK_FRAME);

    // The next build, with the cause removed, finishes the update first: the site a full build gives.
    fs.rmSync(path.join(site, "news/index.html"), { recursive: true });
    const next = await runCli("build", ["--root", root, "--output", site]);
    expect(next.stderr).toBe("");
    expect(next.code).toBe(0);
    const full = path.join(makeTempDir("partly-published-full"), "_site");
    await buildSite({ contentRoot: root, outputDir: full });
    expect(listFiles(site)).toEqual(listFiles(full));
    const different = listFiles(full).filter((f) => !fs.readFileSync(path.join(site, f)).equals(fs.readFileSync(path.join(full, f))));
    expect(different).toEqual([]);
  });
});
