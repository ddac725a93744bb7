// Archive search on Pagefind's JavaScript API, with our own accessible markup:
// labelled input and filters, results announced in a live region, links that
// work under any sub-path.
//
// The index is split into shards by calendar period (pagefind/shards.json lists
// them, newest first: years, or parts of busy years). A query loads the newest shard and merges older ones
// (Pagefind's mergeIndex) only while it needs more results, so a visitor
// downloads a fraction of a large archive's index. Results always come from a
// contiguous run of periods, so "newest first" and "oldest first" stay exact.
//
// The bundle path and base URL come from data attributes written by the build
// (inline scripts do not get the path prefix).

const root = document.getElementById("search");
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const controls = document.getElementById("search-controls");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const moreWrap = document.getElementById("search-more-wrap");
const moreButton = document.getElementById("search-more");
const sortSelect = document.getElementById("search-sort");
const filterSelects = [...root.querySelectorAll("select[data-filter]")];

const PAGE_SIZE = 10;
const bundle = root.dataset.bundle;
const baseUrl = root.dataset.baseUrl;
let manifest;
let pagefind;
const loaded = new Set();
let results = [];
let shown = 0;
let target = PAGE_SIZE;
let allShardsSearched = true;
let searchToken = 0;
let searchesShown = 0;

// State for scripts and tests: data-state is "searching" or "done", data-searches counts finished searches.
function markDone() {
  root.dataset.searches = String(++searchesShown);
  root.dataset.state = "done";
}

async function start() {
  const params = readStateFromUrl();
  try {
    manifest = await (await fetch(`${bundle}shards.json`)).json();
    fillFilters(params);
    const newest = manifest.shards[0];
    if (newest) {
      pagefind = await import(`${bundle}${newest.path}pagefind.js`);
      await pagefind.options({ baseUrl, excerptLength: 30 });
      await pagefind.init();
      loaded.add(newest.id);
    }
  } catch (error) {
    status.textContent = "Search is not available: its index could not be loaded.";
    throw error;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    runSearch();
  });
  let debounce;
  input.addEventListener("input", () => {
    clearTimeout(debounce);
    debounce = setTimeout(runSearch, 300);
  });
  for (const select of [...filterSelects, sortSelect]) select.addEventListener("change", () => runSearch());
  moreButton.addEventListener("click", () => (shown < results.length ? showMore() : runSearch({ more: true })));
  await runSearch();
}

function readStateFromUrl() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  sortSelect.value = ["asc", "desc"].includes(params.get("sort")) ? params.get("sort") : "";
  return params;
}

function writeStateToUrl() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const select of filterSelects) if (select.value) params.set(select.name, select.value);
  if (sortSelect.value) params.set("sort", sortSelect.value);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

/** Filter choices come from the manifest, so every year and author is offered before any shard loads. */
function fillFilters(params) {
  for (const select of filterSelects) {
    const counts = manifest.filters[select.dataset.filter] ?? {};
    for (const [value, count] of Object.entries(counts)) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = `${value} (${count})`;
      select.append(option);
    }
    const wanted = params.get(select.name);
    if (wanted && wanted in counts) select.value = wanted;
  }
  controls.hidden = false;
}

function currentFilters() {
  const filters = {};
  for (const select of filterSelects) if (select.value) filters[select.dataset.filter] = select.value;
  return filters;
}

/** The shards a search may need, in the order it should load them. */
function candidateShards(filters) {
  let shards = manifest.shards;
  if (filters.year) {
    const year = Number(filters.year);
    shards = shards.filter((s) => s.firstYear <= year && year <= s.lastYear);
  }
  return sortSelect.value === "asc" ? [...shards].reverse() : shards;
}

async function ensureLoaded(shard) {
  if (loaded.has(shard.id)) return;
  await pagefind.mergeIndex(`${bundle}${shard.path}`, { baseUrl });
  loaded.add(shard.id);
}

/** "2025", or "January–June 2024 to 2025" for a run of shards (newest first). */
function describePeriod(shards) {
  const newest = shards[0].label;
  const oldest = shards[shards.length - 1].label;
  return newest === oldest ? newest : `${oldest} to ${newest}`;
}

function renderResult(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "search-result-title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "entry-meta";
  if (data.meta.datetime) {
    const time = document.createElement("time");
    time.dateTime = data.meta.datetime;
    time.textContent = data.meta.date ?? data.meta.datetime;
    meta.append(time);
  }
  if (data.meta.section) meta.append(` · ${data.meta.section}`);
  if (data.meta.byline) meta.append(` · ${data.meta.byline}`);
  const excerpt = document.createElement("p");
  excerpt.className = "entry-excerpt";
  // Pagefind escapes page text in excerpts and adds only <mark> around the matches.
  if (input.value.trim()) excerpt.innerHTML = data.excerpt;
  else excerpt.textContent = data.meta.summary ?? "";
  item.append(heading, meta, excerpt);
  return item;
}

async function showMore() {
  const batch = results.slice(shown, shown + PAGE_SIZE);
  const token = searchToken;
  const data = await Promise.all(batch.map((r) => r.data()));
  if (token !== searchToken) return;
  list.append(...data.map(renderResult));
  shown += batch.length;
  moreWrap.hidden = shown >= results.length && allShardsSearched;
}

/**
 * Searches the loaded run of shards. Pagefind interleaves the results of merged
 * indexes instead of sorting them together, so a date-sorted search asks each
 * shard separately (its `shard` filter picks it) and joins the lists in shard
 * order, which is date order because shards are consecutive periods. A best-match
 * search is one query: Pagefind merges merged indexes by score.
 */
async function searchShards(query, filters, sort, covered) {
  const scope = (shards) => ({ ...filters, shard: { any: shards.map((s) => s.id) } });
  if (!sort) {
    const scoped = covered.length === manifest.shards.length ? filters : scope(covered);
    return (await pagefind.search(query || null, { filters: scoped })).results;
  }
  const perShard = await Promise.all(covered.map((shard) => pagefind.search(query || null, { filters: scope([shard]), sort })));
  return perShard.flatMap((search) => search.results);
}

async function runSearch({ more = false } = {}) {
  const token = ++searchToken;
  const query = input.value.trim();
  const filters = currentFilters();
  writeStateToUrl();
  root.dataset.state = "searching";
  if (!pagefind || (!query && Object.keys(filters).length === 0)) {
    list.replaceChildren();
    moreWrap.hidden = true;
    status.textContent = pagefind ? "" : "The archive has no articles to search yet.";
    markDone();
    return;
  }
  status.textContent = "Searching…";
  target = more ? shown + PAGE_SIZE : PAGE_SIZE;
  const candidates = candidateShards(filters);
  const sort = sortSelect.value ? { date: sortSelect.value } : undefined;

  // Merge shards in order until the run of loaded ones gives enough results.
  let found = [];
  let covered = [];
  for (;;) {
    covered = [];
    for (const shard of candidates) {
      if (!loaded.has(shard.id)) break;
      covered.push(shard);
    }
    if (covered.length === 0) {
      await ensureLoaded(candidates[0]);
      continue;
    }
    allShardsSearched = covered.length === candidates.length;
    found = await searchShards(query, filters, sort, covered);
    if (token !== searchToken) return;
    if (found.length >= target || allShardsSearched) break;
    await ensureLoaded(candidates[covered.length]);
    if (token !== searchToken) return;
  }

  results = found;
  const keep = target;
  shown = 0;
  const data = await Promise.all(results.slice(0, keep).map((r) => r.data()));
  if (token !== searchToken) return;
  list.replaceChildren(...data.map(renderResult));
  shown = data.length;
  moreWrap.hidden = shown >= results.length && allShardsSearched;

  // Announced once the results are on the page.
  const what = query ? `“${query}”` : "these filters";
  const count = `${results.length} article${results.length === 1 ? "" : "s"}`;
  status.textContent =
    results.length === 0
      ? `No articles match ${what}.`
      : allShardsSearched
        ? `${count} match ${what}.`
        : `${count} match ${what} in ${describePeriod(covered)}. “Show more results” searches further back.`;
  markDone();
}

start();
