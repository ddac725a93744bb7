/**
 * Runs a built site's search in Node: `fetch` of a `file:` URL reads the file
 * from disk (Node's fetch does not) and records its size, so that the bytes a
 * query downloads can be counted, and `importSiteSearch` loads the site's own
 * /pagefind/pagefind.js, the module the search page runs. Used by the tests
 * and the benchmark.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SEARCH_DIR } from "../../src/model/urls.ts";
import { SEARCH_MODULE_FILE } from "../../src/search/searchIndex.ts";
import type { ShardedPagefind } from "../../src/search/shardedPagefind.js";

/** Bytes of each file fetched since the last `clear()`, by path. */
export const fetchedFiles = new Map<string, number>();

let installed = false;

export function installFileFetch(): void {
  if (installed) return;
  installed = true;
  const networkFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    if (url.protocol !== "file:") return networkFetch(input, init);
    try {
      const body = fs.readFileSync(fileURLToPath(url));
      fetchedFiles.set(url.pathname, body.length);
      return new Response(body, { status: 200 });
    } catch {
      return new Response("not found", { status: 404 });
    }
  }) as typeof fetch;
}

/** The site's search module file. */
export function siteSearchFile(siteDir: string): string {
  return path.join(siteDir, SEARCH_DIR, SEARCH_MODULE_FILE);
}

let loads = 0;

/** A fresh copy of the site's /pagefind/pagefind.js (its own options and loaded shards), with file fetches installed. */
export async function importSiteSearch(siteDir: string): Promise<ShardedPagefind> {
  installFileFetch();
  return (await import(`${pathToFileURL(siteSearchFile(siteDir)).href}?load=${++loads}`)) as ShardedPagefind;
}
