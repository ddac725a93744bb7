/**
 * What a visitor downloads for one search: the manifest, our search script,
 * Pagefind's script, worker and WebAssembly, the index metadata, the index
 * chunks for the query's words, the filter files, and the fragments of the
 * first page of results, with shards merged in the order the search page
 * merges them. The query runs the site's real Pagefind bundle (in Node, with
 * `fetch` reading files from disk and counting their bytes).
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { fetchedFiles, installFileFetch } from "./fileFetch.ts";

interface Shard {
  id: string;
  path: string;
  firstYear: number;
  lastYear: number;
}

interface PagefindModule {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(p: string, o?: Record<string, unknown>): Promise<void>;
  search(q: string | null, o?: Record<string, unknown>): Promise<{ results: Array<{ data(): Promise<unknown> }> }>;
}

export interface PayloadReport {
  query: string;
  bytes: number;
  files: number;
  shardsLoaded: number;
  results: number;
}

let loads = 0;

/** Runs `query` (newest first, first page of 10 results) the way the search page does and counts the bytes. */
export async function measureQueryPayload(siteDir: string, query: string, filters: Record<string, string> = {}): Promise<PayloadReport> {
  installFileFetch();
  fetchedFiles.clear();
  const bundleDir = path.join(siteDir, "pagefind");
  const manifestFile = path.join(bundleDir, "shards.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { shards: Shard[] };
  const [newest] = manifest.shards;
  if (!newest) throw new Error("no search shards");
  const fileUrl = (...parts: string[]) => pathToFileURL(path.join(bundleDir, ...parts)).href;
  const api = (await import(`${fileUrl(newest.path, "pagefind.js")}?load=${++loads}`)) as PagefindModule;
  await api.options({ basePath: `${fileUrl(newest.path)}/`, baseUrl: "/" });
  await api.init();

  let candidates = manifest.shards;
  if (filters.year) candidates = candidates.filter((s) => s.firstYear <= Number(filters.year) && Number(filters.year) <= s.lastYear);
  const loaded = new Set([newest.id]);
  let results: Array<{ data(): Promise<unknown> }> = [];
  for (;;) {
    const covered: Shard[] = [];
    for (const shard of candidates) {
      if (!loaded.has(shard.id)) break;
      covered.push(shard);
    }
    const next = candidates[covered.length];
    if (covered.length === 0 && next) {
      await api.mergeIndex(`${fileUrl(next.path)}/`, { baseUrl: "/" });
      loaded.add(next.id);
      continue;
    }
    const perShard = await Promise.all(
      covered.map((shard) => {
        return api.search(query, { filters: { ...filters, shard: { any: [shard.id] } }, sort: { date: "desc" } });
      }),
    );
    results = perShard.flatMap((s) => s.results);
    if (results.length >= 10 || !next) break;
    await api.mergeIndex(`${fileUrl(next.path)}/`, { baseUrl: "/" });
    loaded.add(next.id);
  }
  await Promise.all(results.slice(0, 10).map((r) => r.data()));

  // Files the browser also fetches that Node's run does not: our script, the manifest, Pagefind's web worker.
  const extra = [path.join(siteDir, "assets", "search.js"), manifestFile];
  for (const shardId of loaded) {
    const shard = manifest.shards.find((s) => s.id === shardId);
    const worker = shard ? path.join(bundleDir, shard.path, "pagefind-worker.js") : "";
    if (worker && fs.existsSync(worker) && shard === newest) extra.push(worker);
  }
  let bytes = 0;
  for (const size of fetchedFiles.values()) bytes += size;
  for (const file of extra) bytes += fs.statSync(file).size;
  return { query: filters.year ? `${query} (year ${filters.year})` : query, bytes, files: fetchedFiles.size + extra.length, shardsLoaded: loaded.size, results: results.length };
}
