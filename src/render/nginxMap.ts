/**
 * `_redirects.nginx.conf`: the former URLs (`redirect_from`) as an nginx `map`,
 * with the `map_hash_*` sizes that map needs.
 *
 * nginx keeps a map's keys in a hash table of buckets of `map_hash_bucket_size`
 * bytes (default: one cache line, 64) and refuses to start when one key does
 * not fit in a bucket ("could not build map_hash, you should increase
 * map_hash_bucket_size"): with the default, a key of 47 bytes or more. So the
 * file sets both sizes from its own keys, computed as nginx does
 * (src/core/ngx_hash.c, ngx_hash_init).
 */
import { withPrefix } from "../model/urls.ts";

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

/**
 * The whole file for the former URLs of some articles, under the hosting
 * sub-path. nginx compares map strings case-insensitively and refuses two keys
 * that differ only in case ("conflicting parameter"): only the first is kept.
 */
export function renderNginxRedirectMap(redirects: ReadonlyArray<{ from: string; article: { url: string } }>, pathPrefix: string): string {
  const entries: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const { from, article } of redirects) {
    const key = withPrefix(from, pathPrefix);
    const folded = key.replace(/[A-Z]/g, (c) => c.toLowerCase()); // nginx folds ASCII letters only
    if (seen.has(folded)) continue;
    seen.add(folded);
    entries.push([key, withPrefix(article.url, pathPrefix)]);
  }
  const sizes = nginxHashSizes(entries.map(([key]) => key));
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
    "",
  ].join("\n");
}
