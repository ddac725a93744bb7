/**
 * `_redirects.nginx.conf`: the former URLs (`redirect_from`) as an nginx `map`
 * of paths (`$uri`, decoded) and one of former URLs with a query string
 * (`$request_uri`, as the browser sends it), with the `map_hash_*` sizes the
 * two maps need.
 *
 * nginx keeps a map's keys in a hash table of buckets of `map_hash_bucket_size`
 * bytes (default: one cache line, 64) and refuses to start when one key does
 * not fit in a bucket ("could not build map_hash, you should increase
 * map_hash_bucket_size"): with the default, a key of 47 bytes or more. So the
 * file sets both sizes from its own keys, computed as nginx does
 * (src/core/ngx_hash.c, ngx_hash_init).
 */
import { withPrefix } from "../model/urls.ts";
import { splitFormerUrl } from "../views/sitePaths.ts";

/** nginx on a 64-bit platform: the size of a pointer. */
const POINTER = 8;
/** nginx rounds a bucket size up to its CPU cache line: 64 bytes on x86-64 and arm64. */
const CACHE_LINE = 64;
/** nginx's own default `map_hash_max_size`. */
const DEFAULT_MAX_SIZE = 2048;
/** nginx refuses a bucket size above 65536 minus a cache line; stay well below while a key fits. */
const LARGEST_BUCKET = 32_768;
/** Room for this many average keys beside the longest, so keys that hash alike can share a bucket. */
const KEYS_PER_BUCKET = 8;

export interface NginxHashSizes {
  /** `map_hash_bucket_size`, a power of two. */
  bucketSize: number;
  /** `map_hash_max_size`: the most buckets nginx may try; at least the number of keys. */
  maxSize: number;
}

const alignUp = (n: number, to: number): number => Math.ceil(n / to) * to;
const nextPowerOfTwo = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

/** Bytes a key takes in a bucket: NGX_HASH_ELT_SIZE (value pointer, 2-byte length, name, aligned to a pointer). */
export function hashElementSize(key: string): number {
  return POINTER + alignUp(Buffer.byteLength(key, "utf8") + 2, POINTER);
}

/**
 * The sizes for a map of these keys. A bucket holds its keys and an end marker
 * (one pointer): it must hold the longest key, or nginx refuses the map, and
 * room for several more lets nginx find a table of about one key per bucket
 * without its "could not build optimal map_hash" warning. nginx allocates each
 * bucket for what it holds, so a larger bucket size costs no memory; a
 * `max_size` of at least the key count lets it use one bucket per key (above
 * 10,000 it tries only the last 1,000 sizes below `max_size`).
 */
export function nginxHashSizes(keys: Iterable<string>): NginxHashSizes {
  let count = 0;
  let longest = 0;
  let total = 0;
  for (const key of keys) {
    const size = hashElementSize(key);
    count++;
    total += size;
    if (size > longest) longest = size;
  }
  const needed = longest + POINTER;
  const roomy = nextPowerOfTwo(needed + KEYS_PER_BUCKET * Math.ceil(count > 0 ? total / count : 0));
  return {
    bucketSize: Math.max(CACHE_LINE, Math.min(roomy, LARGEST_BUCKET), alignUp(needed, CACHE_LINE)),
    maxSize: Math.max(DEFAULT_MAX_SIZE, nextPowerOfTwo(count)),
  };
}

/** A string in nginx's configuration syntax: double quotes, with `"` and `\` escaped. */
function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, "\\$&")}"`;
}

/** UTF-8 percent-encoding, hex in capitals as browsers write it. */
function percentEncode(text: string): string {
  return [...Buffer.from(text, "utf8")].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

/**
 * A former URL with a query string as it reaches nginx in `$request_uri`
 * (never decoded): under the sub-path, the path percent-encoded as a browser
 * sends it (a checked path holds no other character a browser would encode
 * than non-ASCII ones), `?`, and the query as written but for what a browser
 * encodes in a query (non-ASCII characters, `'`, `<`, `>`; spaces, quotes and
 * controls are refused by the loader).
 */
export function requestUriKey(path: string, query: string, pathPrefix: string): string {
  const encodedPath = path.replace(/[^\u0021-\u007e]/gu, percentEncode);
  const encodedQuery = query.replace(/[^\u0021-\u007e]|['<>]/gu, percentEncode);
  return `${withPrefix(encodedPath, pathPrefix)}?${encodedQuery}`;
}

/**
 * The whole file for the former URLs of some articles, under the hosting
 * sub-path: paths in `$archive_redirect` (keyed by the decoded `$uri`), former
 * URLs with a query string in `$archive_query_redirect` (keyed by the request
 * URI as sent; the second map is written even when empty, so the server
 * block's line for it always finds the variable). nginx compares map strings
 * case-insensitively and refuses two keys that differ only in case
 * ("conflicting parameter"): only the first is kept.
 */
export function renderNginxRedirectMap(redirects: ReadonlyArray<{ from: string; article: { url: string } }>, pathPrefix: string): string {
  const entries: Array<[string, string]> = [];
  const queryEntries: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const { from, article } of redirects) {
    const withQuery = splitFormerUrl(from);
    const key = withQuery ? requestUriKey(withQuery.path, withQuery.query, pathPrefix) : withPrefix(from, pathPrefix);
    const folded = key.replace(/[A-Z]/g, (c) => c.toLowerCase()); // nginx folds ASCII letters only
    if (seen.has(folded)) continue;
    seen.add(folded);
    (withQuery ? queryEntries : entries).push([key, withPrefix(article.url, pathPrefix)]);
  }
  // map_hash_* are read once per http block: sized for the keys of both maps.
  const sizes = nginxHashSizes([...entries, ...queryEntries].map(([key]) => key));
  return [
    "# Former URLs of articles (redirect_from in their front matter), written by the build.",
    "# Include this file in nginx's http block before any other map: nginx reads the map_hash_* sizes",
    "# once per http block, before its first map. They fit these keys, and suit any other map too.",
    `map_hash_bucket_size ${sizes.bucketSize};`,
    `map_hash_max_size ${sizes.maxSize};`,
    "map $uri $archive_redirect {",
    '  default "";',
    ...entries.map(([key, target]) => `  ${quote(key)} ${quote(target)};`),
    "}",
    "# Former URLs with a query string (/?p=1234), matched on the request as sent, path percent-encoded.",
    "# Add to the server block, before the line for $archive_redirect:",
    "#   if ($archive_query_redirect) { return 301 $archive_query_redirect; }",
    "map $request_uri $archive_query_redirect {",
    '  default "";',
    ...queryEntries.map(([key, target]) => `  ${quote(key)} ${quote(target)};`),
    "}",
    "",
  ].join("\n");
}
