/**
 * Runs real searches against a built site's Pagefind bundle, in Node: the
 * bundle's own `pagefind.js` and WebAssembly, with `fetch` reading its files
 * from disk. This is the same code the browser runs.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { installFileFetch } from "../../tools/bench/fileFetch.ts";

export interface SearchHit {
  url: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  excerpt: string;
}

export interface PagefindApi {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(indexPath: string, options?: Record<string, unknown>): Promise<void>;
  search(
    query: string | null,
    options?: { filters?: Record<string, string | { any: string[] }>; sort?: Record<string, "asc" | "desc"> },
  ): Promise<{ results: Array<{ data(): Promise<SearchHit> }> }>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

let loads = 0;

export interface SearchManifest {
  shards: Array<{ id: string; path: string; firstYear: number; lastYear: number; label: string; articles: number }>;
  filters: Record<string, Record<string, number>>;
}

export function readManifest(siteDir: string): SearchManifest {
  return JSON.parse(fs.readFileSync(path.join(siteDir, "pagefind", "shards.json"), "utf8")) as SearchManifest;
}

/**
 * Loads a fresh copy of the site's search bundle (a new module instance each
 * call): the newest shard, and by default every older shard merged into it, as
 * the search page does when a query needs the whole archive.
 */
export async function openSearch(siteDir: string, baseUrl = "/", { allShards = true } = {}): Promise<PagefindApi> {
  installFileFetch();
  const manifest = readManifest(siteDir);
  const bundleOf = (shardPath: string) => `${pathToFileURL(path.join(siteDir, "pagefind", shardPath)).href}/`;
  const [newest, ...older] = manifest.shards;
  if (!newest) throw new Error("the search index has no shards");
  const moduleUrl = `${pathToFileURL(path.join(siteDir, "pagefind", newest.path, "pagefind.js")).href}?load=${++loads}`;
  const api = (await import(moduleUrl)) as PagefindApi;
  await api.options({ basePath: bundleOf(newest.path), baseUrl });
  await api.init();
  if (allShards) for (const shard of older) await api.mergeIndex(bundleOf(shard.path), { baseUrl });
  return api;
}

export async function searchUrls(
  api: PagefindApi,
  query: string | null,
  options?: Parameters<PagefindApi["search"]>[1],
): Promise<string[]> {
  const result = await api.search(query, options);
  const hits = await Promise.all(result.results.map((r) => r.data()));
  return hits.map((h) => h.url);
}
