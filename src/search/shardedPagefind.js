// Pagefind's JavaScript API over every shard of the site's search index,
// served as /pagefind/pagefind.js (the build copies this file there), so that
// Pagefind's own UI and any script written against Pagefind's documented API
// (https://pagefind.app/docs/api/) search the whole archive. The site's search
// page, the tests and the benchmark all search through this module.
//
// The index is split into shards by calendar period (shards.json lists them,
// newest first); each shard is a complete Pagefind bundle. One engine (the
// bundle's own pagefind.js, one instance from `createInstance`) loads the
// first shard a search needs and merges older ones (Pagefind's mergeIndex)
// only when they are needed. Pagefind interleaves merged indexes by score, so
// each shard is searched on its own (its `shard` filter picks it) and the
// lists are joined here: for a date sort in period order, which is date order
// since periods do not overlap; for best match by score, as Pagefind does.
//
// Beyond Pagefind's API: `search` takes `atLeast` (stop loading older shards
// once that many results are found) and answers which shards it searched
// (`shards`) and whether that was all of them (`complete`); `shards()` lists
// the manifest. Written for browsers and for Node (which needs a `fetch` that
// reads file: URLs).

/**
 * @typedef {{ id: string, path: string, firstYear: number, lastYear: number, label: string, articles: number }} Shard
 * @typedef {{ version: 1, shards: Shard[], filters: Record<string, Record<string, number>> }} Manifest
 * @typedef {string | string[] | { any?: unknown, all?: unknown, none?: unknown, not?: unknown }} FilterValue
 * @typedef {{ filters?: Record<string, FilterValue>, sort?: Record<string, "asc" | "desc">, atLeast?: number, verbose?: boolean }} SearchOptions
 * @typedef {{ id: string, score: number, words: number[], data: () => Promise<any> }} Result
 * @typedef {{ results: Result[], unfilteredResultCount: number, filters: Record<string, Record<string, number>>,
 *   totalFilters: Record<string, Record<string, number>>, timings: unknown[], shards: Shard[], complete: boolean }} SearchResponse
 * @typedef {{ search: (term: string | null, options?: object) => Promise<any>, preload: (term: string, options?: object) => Promise<void>,
 *   mergeIndex: (path: string, options?: object) => Promise<void>, init: () => Promise<void>, destroy: () => Promise<void> }} Engine
 * @typedef {{ manifest: Manifest, bundle: URL, engine?: Promise<Engine>, loaded: Map<string, Promise<void>> }} State
 */

/** The filter that scopes a search to one shard: internal, so never reported back. */
const SHARD_FILTER = "shard";

/** @type {Record<string, unknown>} Pagefind options given to `options()`. */
let settings = {};
/** @type {Promise<State> | undefined} */
let state;
let searchId = 0;

/** Where the bundle is: `basePath` if given, else this module's folder. */
function bundleUrl() {
  const given = typeof settings.basePath === "string" ? settings.basePath : undefined;
  const base = typeof location === "undefined" ? import.meta.url : location.href;
  const url = new URL(given ?? "./", given ? base : import.meta.url);
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url;
}

/** Page URLs are prefixed with the folder above the bundle (the site's path prefix), as Pagefind does; "/" outside http. */
function defaultBaseUrl(bundle) {
  return /^https?:$/.test(bundle.protocol) ? new URL("../", bundle).pathname : "/";
}

/**
 * A result whose data gives `meta.image` (a lead photo's thumbnail, indexed as a site path like the page's URL)
 * under the same base URL Pagefind gives the page's `url`, so it works under a sub-path. Other meta pass as they are.
 * @param {Result} result
 * @param {string} baseUrl
 * @returns {Result}
 */
function withImageUnderBase(result, baseUrl) {
  const data = result.data;
  return {
    ...result,
    data: async () => {
      const fragment = await data();
      const image = fragment?.meta?.image;
      if (typeof image !== "string" || !image.startsWith("/") || image.startsWith("//")) return fragment;
      return { ...fragment, meta: { ...fragment.meta, image: `${baseUrl}/${image}`.replace(/\/+/g, "/").replace(/^(https?:\/)/, "$1/") } };
    },
  };
}

/** Options for each shard's Pagefind instance. */
function shardOptions(bundle) {
  const { basePath, noWorker, ...rest } = settings;
  return { baseUrl: defaultBaseUrl(bundle), ...rest };
}

function loadState() {
  state ??= (async () => {
    const bundle = bundleUrl();
    const response = await fetch(new URL("shards.json", bundle));
    if (!response.ok) throw new Error(`Search index manifest: ${response.status} fetching ${new URL("shards.json", bundle)}`);
    return { manifest: await response.json(), bundle, loaded: new Map() };
  })();
  // A failed load is not kept: the next call tries again.
  state.catch(() => (state = undefined));
  return state;
}

/**
 * Loads a shard: the first one loaded starts the engine (Pagefind's runtime
 * and WebAssembly, from that shard's bundle), later ones are merged into it.
 * @param {State} st
 * @param {Shard} shard
 */
function loadShard(st, shard) {
  let loading = st.loaded.get(shard.id);
  if (!loading) {
    const path = new URL(shard.path, st.bundle).href;
    if (!st.engine) {
      st.engine = (async () => {
        const runtime = await import(new URL("pagefind.js", path).href);
        // An instance of our own, not the runtime's module-level one: two copies of this module never share state.
        const engine = runtime.createInstance({ ...shardOptions(st.bundle), basePath: path, noWorker: settings.noWorker });
        await engine.init();
        return engine;
      })();
      loading = st.engine.then(() => undefined);
    } else {
      loading = st.engine.then((engine) => engine.mergeIndex(path, shardOptions(st.bundle)));
    }
    st.loaded.set(shard.id, loading);
    // A shard that failed to load (offline, say) is tried again by the next search.
    loading.catch(() => {
      st.loaded.delete(shard.id);
      if (st.loaded.size === 0) st.engine = undefined;
    });
  }
  return loading;
}

/**
 * The values a filter can take for `key`, when it names them simply (a value, `[value]` or `{ any: [...] }`);
 * undefined when it does not limit the key, or does so in a way not worth reading here.
 * @param {Record<string, FilterValue> | undefined} filters
 * @param {string} key
 */
function simpleValues(filters, key) {
  const value = filters?.[key];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.length === 1) return value;
  if (value && typeof value === "object" && !Array.isArray(value) && Array.isArray(value.any) && Object.keys(value).length === 1) {
    return value.any.map(String);
  }
  return undefined;
}

/**
 * The shards that can hold results, in the order to search them: newest
 * first, or oldest first for an ascending date sort. Year and shard filters
 * leave out the periods they exclude, so those are never downloaded.
 * @param {Manifest} manifest
 * @param {SearchOptions} options
 */
function candidateShards(manifest, options) {
  let shards = manifest.shards;
  const years = simpleValues(options.filters, "year")?.map(Number);
  if (years) shards = shards.filter((s) => years.some((y) => s.firstYear <= y && y <= s.lastYear));
  const ids = simpleValues(options.filters, SHARD_FILTER);
  if (ids) shards = shards.filter((s) => ids.includes(s.id));
  return options.sort && Object.values(options.sort)[0] === "asc" ? [...shards].reverse() : shards;
}

/** The caller's filters, narrowed to one shard. */
function scopedFilters(filters = {}, shard) {
  if (!(SHARD_FILTER in filters) || simpleValues(filters, SHARD_FILTER)) return { ...filters, [SHARD_FILTER]: shard.id };
  return { all: [filters, { [SHARD_FILTER]: shard.id }] };
}

/** Sums filter counts as Pagefind does for merged indexes, leaving out the internal shard filter. */
function addCounts(into, counts = {}) {
  for (const [key, values] of Object.entries(counts)) {
    if (key === SHARD_FILTER) continue;
    const target = (into[key] ??= {});
    for (const [value, count] of Object.entries(values)) target[value] = (target[value] ?? 0) + count;
  }
  return into;
}

function withoutShardFilter(counts = {}) {
  return addCounts({}, counts);
}

/**
 * Sets Pagefind options (`baseUrl`, `excerptLength`, `highlightParam`, `ranking`, ...) and `basePath`, the
 * folder holding shards.json (default: this module's). Given after shards have loaded, it starts over, so that
 * every shard runs with the same options (loaded files come from the browser's cache).
 * @param {Record<string, unknown>} newOptions
 */
export async function options(newOptions) {
  settings = { ...settings, ...newOptions };
  if (state) await destroyEngine();
}

/** Loads the manifest and the newest shard, so that the first search is quick. */
export async function init() {
  const st = await loadState();
  const newest = st.manifest.shards[0];
  if (newest) await loadShard(st, newest);
}

/** The shards, newest first, as shards.json lists them (with label, years and article count). */
export async function shards() {
  return (await loadState()).manifest.shards;
}

/**
 * Every filter value with its count over the whole archive (from shards.json: no shard is downloaded).
 * @returns {Promise<Record<string, Record<string, number>>>}
 */
export async function filters() {
  return structuredClone((await loadState()).manifest.filters);
}

/**
 * Searches the archive: Pagefind's `search`, over every shard that can match.
 * With `atLeast`, it stops once that many results are found, searching the
 * newest periods first (the oldest first for `sort: { date: "asc" }`).
 * @param {string | null} term
 * @param {SearchOptions} [searchOptions]
 * @returns {Promise<SearchResponse>}
 */
export async function search(term, searchOptions = {}) {
  const st = await loadState();
  const { atLeast = Infinity, ...options } = searchOptions;
  /** @type {SearchResponse} */
  const response = { results: [], unfilteredResultCount: 0, filters: {}, totalFilters: {}, timings: [], shards: [], complete: true };
  // Pagefind answers an empty term with nothing (null is the filter-only search): no shard needs loading for that.
  if (term !== null && term.trim() === "") return response;
  const candidates = candidateShards(st.manifest, options);
  let last;
  for (const [i, shard] of candidates.entries()) {
    await loadShard(st, shard);
    const engine = await st.engine;
    if (!engine) break;
    last = await engine.search(term, { ...options, filters: scopedFilters(options.filters, shard) });
    const baseUrl = String(shardOptions(st.bundle).baseUrl);
    response.results.push(...last.results.map((result) => withImageUnderBase(result, baseUrl)));
    addCounts(response.filters, last.filters);
    response.timings.push(last.timings);
    response.shards.push(shard);
    if (response.results.length >= atLeast && i < candidates.length - 1) {
      response.complete = false;
      break;
    }
  }
  if (last) {
    // Counts that ignore the filters cover every loaded shard in each scoped search: the last one has them all.
    response.unfilteredResultCount = last.unfilteredResultCount;
    response.totalFilters = withoutShardFilter(last.totalFilters);
  }
  // Shards are consecutive periods searched in date order, so a date sort is already right; best match goes by score.
  if (!options.sort || Object.keys(options.sort).length === 0) response.results.sort((a, b) => b.score - a.score);
  return response;
}

/**
 * Pagefind's `debouncedSearch`: waits `timeoutMs`, and resolves null when a later call superseded this one.
 * @param {string | null} term
 * @param {SearchOptions} [searchOptions]
 * @param {number} [timeoutMs]
 */
export async function debouncedSearch(term, searchOptions = {}, timeoutMs = 300) {
  const id = ++searchId;
  preload(term, searchOptions).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, timeoutMs));
  if (id !== searchId) return null;
  const result = await search(term, searchOptions);
  return id === searchId ? result : null;
}

/**
 * Pagefind's `preload`: fetches what searching `term` needs in the first shard a search would search.
 * @param {string | null} term
 * @param {SearchOptions} [searchOptions]
 */
export async function preload(term, searchOptions = {}) {
  const st = await loadState();
  const { atLeast, ...options } = searchOptions;
  const [first] = candidateShards(st.manifest, options);
  if (!first) return;
  await loadShard(st, first);
  await (await st.engine)?.preload(term, { filters: scopedFilters(options.filters, first) });
}

async function destroyEngine() {
  const st = await state?.catch(() => undefined);
  state = undefined;
  await (await st?.engine?.catch(() => undefined))?.destroy();
}

/** Pagefind's `destroy`: forgets the loaded shards and the options. */
export async function destroy() {
  await destroyEngine();
  settings = {};
}
