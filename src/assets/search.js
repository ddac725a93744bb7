// Archive search, with our own accessible markup (labelled input and filters,
// results announced in a live region, links that work under any sub-path), on
// the site's search module, /pagefind/pagefind.js: Pagefind's API over every
// shard of the index (src/search/shardedPagefind.js). It loads the newest
// shard first and older ones only while a query needs more results (its
// `atLeast` option), and sorts by date right across shards.
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
let pagefind;
let hasShards = false;
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
    pagefind = await import(`${bundle}pagefind.js`);
    await pagefind.options({ baseUrl, excerptLength: 30 });
    fillFilters(params, await pagefind.filters());
    hasShards = (await pagefind.shards()).length > 0;
    // The newest shard now, so that the first search is quick.
    await pagefind.init();
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

/** Filter choices come from the manifest (via `filters()`), so every year and author is offered before any shard loads. */
function fillFilters(params, allCounts) {
  for (const select of filterSelects) {
    const counts = allCounts[select.dataset.filter] ?? {};
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

/** "2025", or "January–June 2024 to 2025" for the run of shards searched (newest first, or oldest first when `asc`). */
function describePeriod(shards, asc) {
  const [newest, oldest] = asc ? [shards[shards.length - 1], shards[0]] : [shards[0], shards[shards.length - 1]];
  return newest === oldest ? newest.label : `${oldest.label} to ${newest.label}`;
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
  // The lead photo's thumbnail, when the article has one (its URL already carries the site's sub-path).
  if (data.meta.image) {
    const thumb = document.createElement("img");
    thumb.className = "search-result-thumb";
    thumb.src = data.meta.image;
    thumb.alt = data.meta.image_alt ?? "";
    if (data.meta.image_width) thumb.width = Number(data.meta.image_width);
    if (data.meta.image_height) thumb.height = Number(data.meta.image_height);
    thumb.loading = "lazy";
    thumb.decoding = "async";
    item.prepend(thumb);
  }
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

async function runSearch({ more = false } = {}) {
  const token = ++searchToken;
  const query = input.value.trim();
  const filters = currentFilters();
  writeStateToUrl();
  root.dataset.state = "searching";
  if (!hasShards || (!query && Object.keys(filters).length === 0)) {
    list.replaceChildren();
    moreWrap.hidden = true;
    status.textContent = hasShards ? "" : "The archive has no articles to search yet.";
    markDone();
    return;
  }
  status.textContent = "Searching…";
  target = more ? shown + PAGE_SIZE : PAGE_SIZE;
  const sort = sortSelect.value ? { date: sortSelect.value } : undefined;
  // Newest periods first (oldest first for "Oldest first"), older ones only while fewer than `target` match.
  const search = await pagefind.search(query || null, { filters, sort, atLeast: target });
  if (token !== searchToken) return;
  allShardsSearched = search.complete;
  results = search.results;
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
        : `${count} match ${what} in ${describePeriod(search.shards, sort?.date === "asc")}. “Show more results” searches further back.`;
  markDone();
}

start();
