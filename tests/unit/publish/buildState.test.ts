/** The parse cache's JSON: what `JSON.parse` reads back is the cache, whether its sources were serialised before or not. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCacheJson, parseStateFile, readParseCache, writeBuildState, writeParseCache, type ParseCache } from "../../../src/publish/buildState.ts";
import type { CachedSource } from "../../../src/content/loadSources.ts";
import { makeArticle } from "../../support/articleFactory.ts";
import { makeTempDir } from "../../support/fixtureArchive.ts";

const source = (title: string): CachedSource => ({
  hash: `hash of ${title}`,
  result: { kind: "article", article: makeArticle({ date: "2023-12-09T08:00:00+05:00", title, authors: ['Mira "Holt"'] }) },
  warnings: [{ severity: "warning", file: "articles/x.md", line: 3, field: "title", message: "a </script> and a \u2028" }],
});

const cache = (sources: Record<string, CachedSource>, parseKey = "p"): ParseCache => ({ version: 1, parseKey, sources });

describe("the parse cache", () => {
  it("reads back as the cache, and again the same once its sources' text is reused", () => {
    const harbour = source("Harbour vote");
    const first = cache({ "articles/2023/12/harbour.md": harbour, 'articles/"odd".md': source("Ferry") });
    expect(JSON.parse(parseCacheJson(first))).toEqual(JSON.parse(JSON.stringify(first)));
    // The same source object in the next cache: its text is reused, the rest is new.
    const second = cache({ "articles/2023/12/harbour.md": harbour, "articles/new.md": source("Tide") }, "p2");
    expect(JSON.parse(parseCacheJson(second))).toEqual(JSON.parse(JSON.stringify(second)));
    expect(JSON.parse(parseCacheJson(cache({})))).toEqual(cache({}));
  });

  it("is written beside the output folder and read only under the parse key it was made with", () => {
    const site = path.join(makeTempDir("parse-cache"), "_site");
    const sources = new Map([["articles/2023/12/harbour.md", source("Harbour vote")]]);
    // The single file of earlier versions is replaced by the folder of parts.
    fs.mkdirSync(path.dirname(site), { recursive: true });
    fs.writeFileSync(path.join(path.dirname(site), "._site.parse-cache.json"), "{}");
    writeParseCache(site, "key-1", sources, new Map());
    expect(fs.readdirSync(path.dirname(site))).toEqual(["._site.parse-cache"]);
    expect(readParseCache(site, "key-1")?.sources).toEqual(new Map(JSON.parse(JSON.stringify([...sources]))));
    expect(readParseCache(site, "key-2")).toBeUndefined();
  });

  it("rewrites only the parts whose entries changed, and drops the parts of an earlier split", () => {
    const site = path.join(makeTempDir("parse-cache"), "_site");
    const cacheDir = path.join(path.dirname(site), "._site.parse-cache");
    const sources = new Map(Array.from({ length: 2500 }, (_, i) => [`articles/2023/12/piece-${i}.md`, source(`Piece ${i}`)]));
    writeParseCache(site, "key-1", sources, new Map());
    const parts = fs.readdirSync(cacheDir).sort();
    expect(parts).toHaveLength(4);
    const written = (): Map<string, number> => new Map(parts.map((name) => [name, fs.statSync(path.join(cacheDir, name)).mtimeMs]));
    const before = written();
    // Another process: it knows the parts only from reading them.
    const read = readParseCache(site, "key-1");
    expect(read?.sources.size).toBe(2500);
    const edited = new Map(read?.sources);
    edited.set("articles/2023/12/piece-7.md", source("Piece 7, corrected"));
    const sleepUntilTimesDiffer = Date.now() + 20;
    while (Date.now() < sleepUntilTimesDiffer);
    writeParseCache(site, "key-1", edited, new Map());
    const after = written();
    expect([...after].filter(([name, time]) => before.get(name) !== time)).toHaveLength(1);
    expect(readParseCache(site, "key-1")?.sources.get("articles/2023/12/piece-7.md")?.result.article?.title).toBe("Piece 7, corrected");
    // Half the archive gone: two parts, and nothing of the four-part split left.
    writeParseCache(site, "key-1", new Map([...edited].slice(0, 1500)), new Map());
    expect(fs.readdirSync(cacheDir).sort()).toEqual(["2-000.json", "2-001.json"]);
    expect(readParseCache(site, "key-1")?.sources.size).toBe(1500);
  });
});

describe("the state file's parse", () => {
  it("is handed from the output guard to the build once, and only while the file is the one parsed", () => {
    const file = path.join(makeTempDir("state-handover"), "state.json");
    fs.writeFileSync(file, JSON.stringify({ version: 1, preview: false }));
    const kept = parseStateFile(file, true);
    // The next reader of the same file gets the same parse; the one after reads the file again.
    expect(parseStateFile(file)).toBe(kept);
    const again = parseStateFile(file);
    expect(again).toEqual(kept);
    expect(again).not.toBe(kept);
    // A state written since (a new file renamed over the old one) is read from the file, never the kept parse.
    parseStateFile(file, true);
    writeBuildState(file, { version: 1, preview: true } as never);
    expect(parseStateFile(file)).toEqual({ version: 1, preview: true });
    // Not kept unless asked.
    const plain = parseStateFile(file);
    expect(parseStateFile(file)).not.toBe(plain);
  });
});
