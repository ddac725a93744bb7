/** The build state's JSON: what `JSON.parse` reads back is the state, whether its sources were serialised before or not. */
import { describe, expect, it } from "vitest";
import { stateJson, type BuildState } from "../../../src/publish/buildState.ts";
import type { CachedSource } from "../../../src/content/loadSources.ts";
import { makeArticle } from "../../support/articleFactory.ts";

const source = (title: string): CachedSource => ({
  hash: `hash of ${title}`,
  result: { kind: "article", article: makeArticle({ date: "2023-12-09T08:00:00+05:00", title, authors: ["Mira \"Holt\""] }) },
  warnings: [{ severity: "warning", file: "articles/x.md", line: 3, field: "title", message: "a </script> and a \u2028" }],
});

const state = (sources: Record<string, CachedSource>): BuildState => ({
  version: 1,
  parseKey: "p",
  renderKey: "r",
  outputInode: 7,
  drafts: true,
  pages: { "news/index.html": "f1", "a/b/index.html": "f2" },
  shards: { "2023": "s" },
  generated: ["feed.xml"],
  sources,
});

describe("stateJson", () => {
  it("reads back as the state, and again the same once its sources' text is reused", () => {
    const harbour = source("Harbour vote");
    const first = state({ "articles/2023/12/harbour.md": harbour, "articles/\"odd\".md": source("Ferry") });
    expect(JSON.parse(stateJson(first))).toEqual(JSON.parse(JSON.stringify(first)));
    // The same source object in the next state: its text is reused, the rest is new.
    const second = { ...state({ "articles/2023/12/harbour.md": harbour, "articles/new.md": source("Tide") }), renderKey: "r2" };
    expect(JSON.parse(stateJson(second))).toEqual(JSON.parse(JSON.stringify(second)));
  });

  it("writes a state without sources", () => {
    expect(JSON.parse(stateJson(state({})))).toEqual(JSON.parse(JSON.stringify(state({}))));
  });
});
