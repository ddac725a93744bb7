/** Types of shardedPagefind.js (served as /pagefind/pagefind.js), for the TypeScript that runs it in Node. */

export interface SearchShardEntry {
  id: string;
  path: string;
  firstYear: number;
  lastYear: number;
  label: string;
  articles: number;
}

/** Pagefind's filter syntax: a value, values that must all match, or `any`/`all`/`none`/`not` of them. */
export type FilterValue = string | string[] | { any?: unknown; all?: unknown; none?: unknown; not?: unknown };

export interface SearchOptions {
  filters?: Record<string, FilterValue>;
  sort?: Record<string, "asc" | "desc">;
  /** Stop loading older shards once this many results are found. */
  atLeast?: number;
  verbose?: boolean;
}

/** What `data()` resolves to: Pagefind's fragment of the page. */
export interface SearchFragment {
  url: string;
  raw_url: string;
  excerpt: string;
  content: string;
  word_count: number;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sub_results: unknown[];
}

export interface SearchResult {
  id: string;
  score: number;
  words: number[];
  data(): Promise<SearchFragment>;
}

export type FilterCounts = Record<string, Record<string, number>>;

export interface SearchResponse {
  results: SearchResult[];
  unfilteredResultCount: number;
  filters: FilterCounts;
  totalFilters: FilterCounts;
  timings: unknown[];
  /** The shards searched, in the order searched. */
  shards: SearchShardEntry[];
  /** Whether every shard that could match was searched (false when `atLeast` stopped early). */
  complete: boolean;
}

export function options(options: Record<string, unknown>): Promise<void>;
export function init(): Promise<void>;
export function shards(): Promise<SearchShardEntry[]>;
export function filters(): Promise<FilterCounts>;
export function search(term: string | null, options?: SearchOptions): Promise<SearchResponse>;
export function debouncedSearch(term: string | null, options?: SearchOptions, timeoutMs?: number): Promise<SearchResponse | null>;
export function preload(term: string | null, options?: SearchOptions): Promise<void>;
export function destroy(): Promise<void>;

/** The module's exports, as `await import(".../pagefind/pagefind.js")` gives them. */
export interface ShardedPagefind {
  options: typeof options;
  init: typeof init;
  shards: typeof shards;
  filters: typeof filters;
  search: typeof search;
  debouncedSearch: typeof debouncedSearch;
  preload: typeof preload;
  destroy: typeof destroy;
}
