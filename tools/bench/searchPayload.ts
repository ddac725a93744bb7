/**
 * What a visitor downloads for one search: our search script, the search
 * module (/pagefind/pagefind.js) and the manifest, Pagefind's script, worker
 * and WebAssembly, the index metadata, the index chunks for the query's words,
 * the filter files, and the fragments of the first page of results. The query
 * runs the site's own search module as the search page does (newest first,
 * older shards only while fewer than 10 results are found), in Node, with
 * `fetch` reading files from disk and counting their bytes.
 */
import fs from "node:fs";
import path from "node:path";
import { fetchedFiles, importSiteSearch, siteSearchFile } from "./fileFetch.ts";

export interface PayloadReport {
  query: string;
  bytes: number;
  files: number;
  shardsLoaded: number;
  results: number;
}

const PAGE_SIZE = 10;

/** Runs `query` (newest first, first page of 10 results) the way the search page does and counts the bytes. */
export async function measureQueryPayload(siteDir: string, query: string, filters: Record<string, string> = {}): Promise<PayloadReport> {
  const search = await importSiteSearch(siteDir);
  fetchedFiles.clear();
  await search.options({ baseUrl: "/", excerptLength: 30 });
  await search.init();
  const response = await search.search(query, { filters, sort: { date: "desc" }, atLeast: PAGE_SIZE });
  await Promise.all(response.results.slice(0, PAGE_SIZE).map((r) => r.data()));

  // init() loaded the newest shard, whose runtime and web worker the browser loads with `import` and `new Worker`
  // (not through fetch, so not counted in Node); and our own scripts, the same way.
  const [newest] = await search.shards();
  const loaded = new Set([newest?.id, ...response.shards.map((s) => s.id)].filter(Boolean));
  const extra = [path.join(siteDir, "assets", "search.js"), siteSearchFile(siteDir)];
  if (newest) for (const name of ["pagefind.js", "pagefind-worker.js"]) extra.push(path.join(path.dirname(siteSearchFile(siteDir)), newest.path, name));
  await search.destroy();
  let bytes = 0;
  for (const size of fetchedFiles.values()) bytes += size;
  for (const file of extra) bytes += fs.statSync(file).size;
  return {
    query: filters.year ? `${query} (year ${filters.year})` : query,
    bytes,
    files: fetchedFiles.size + extra.length,
    shardsLoaded: loaded.size,
    results: response.results.length,
  };
}
