/**
 * Runs real searches against a built site, in Node: the site's own search
 * module (/pagefind/pagefind.js, Pagefind's API over every shard) and each
 * shard's Pagefind runtime and WebAssembly, with `fetch` reading the files
 * from disk. This is the same code the browser runs.
 */
import fs from "node:fs";
import path from "node:path";
import { importSiteSearch } from "../../tools/bench/fileFetch.ts";
import type { SearchOptions, SearchResponse, SearchShardEntry, ShardedPagefind } from "../../src/search/shardedPagefind.js";

export interface SearchHit {
  url: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  excerpt: string;
}

export type PagefindApi = ShardedPagefind;

export interface SearchManifest {
  shards: SearchShardEntry[];
  filters: Record<string, Record<string, number>>;
}

export function readManifest(siteDir: string): SearchManifest {
  return JSON.parse(fs.readFileSync(path.join(siteDir, "pagefind", "shards.json"), "utf8")) as SearchManifest;
}

/**
 * A fresh copy of the site's search module (its own options and loaded
 * shards), searching every shard, or with `allShards: false` only the newest
 * (what the newest shard alone holds).
 */
export async function openSearch(siteDir: string, baseUrl = "/", { allShards = true } = {}): Promise<PagefindApi> {
  const api = await importSiteSearch(siteDir);
  await api.options({ baseUrl });
  await api.init();
  if (allShards) return api;
  const [newest] = await api.shards();
  if (!newest) throw new Error("the search index has no shards");
  const search = (term: string | null, options: SearchOptions = {}): Promise<SearchResponse> =>
    api.search(term, { ...options, filters: { ...options.filters, shard: newest.id } });
  return { ...api, search };
}

export async function searchUrls(api: PagefindApi, query: string | null, options?: SearchOptions): Promise<string[]> {
  const result = await api.search(query, options);
  const hits = await Promise.all(result.results.map((r) => r.data()));
  return hits.map((h) => h.url);
}
