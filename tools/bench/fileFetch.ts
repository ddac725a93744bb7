/**
 * Lets a Pagefind bundle run in Node: `fetch` of a `file:` URL reads the file
 * from disk (Node's fetch does not), and records its size so that the bytes a
 * query downloads can be counted. Used by the tests and the benchmark.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";

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
