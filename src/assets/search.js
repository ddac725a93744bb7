// Archive search on Pagefind's JavaScript API, with our own accessible markup:
// labelled input and filters, results announced in a live region, links that
// work under any sub-path. Pagefind's bundle path and base URL come from data
// attributes written by the build (inline scripts do not get the path prefix).

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
let pagefind;
let results = [];
let shown = 0;
let searchToken = 0;
let searchesShown = 0;

// State for scripts and tests: data-state is "searching" or "done", data-searches counts finished searches.
function markDone() {
  root.dataset.searches = String(++searchesShown);
  root.dataset.state = "done";
}

async function loadPagefind() {
  if (!pagefind) {
    pagefind = await import(root.dataset.bundle + "pagefind.js");
    await pagefind.options({ baseUrl: root.dataset.baseUrl, excerptLength: 30 });
    await pagefind.init();
  }
  return pagefind;
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

async function fillFilters(params) {
  const available = await pagefind.filters();
  for (const select of filterSelects) {
    const key = select.dataset.filter;
    const counts = available[key] ?? {};
    const values = Object.keys(counts).sort((a, b) => (key === "year" ? b.localeCompare(a) : a.localeCompare(b)));
    for (const value of values) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = `${value} (${counts[value]})`;
      select.append(option);
    }
    const wanted = params.get(select.name);
    if (wanted && values.includes(wanted)) select.value = wanted;
  }
  controls.hidden = false;
}

function currentFilters() {
  const filters = {};
  for (const select of filterSelects) if (select.value) filters[select.dataset.filter] = select.value;
  return filters;
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
  moreWrap.hidden = shown >= results.length;
}

async function runSearch() {
  const token = ++searchToken;
  const query = input.value.trim();
  const filters = currentFilters();
  writeStateToUrl();
  root.dataset.state = "searching";
  if (!query && Object.keys(filters).length === 0) {
    list.replaceChildren();
    moreWrap.hidden = true;
    status.textContent = "";
    markDone();
    return;
  }
  status.textContent = "Searching…";
  const options = { filters };
  if (sortSelect.value) options.sort = { date: sortSelect.value };
  const search = await pagefind.search(query || null, options);
  if (token !== searchToken) return;
  results = search.results;
  shown = 0;
  list.replaceChildren();
  await showMore();
  if (token !== searchToken) return;
  const what = query ? `“${query}”` : "these filters";
  // Announced once the results are on the page.
  status.textContent =
    results.length === 0
      ? `No articles match ${what}.`
      : `${results.length} article${results.length === 1 ? "" : "s"} match ${what}.`;
  markDone();
}

async function start() {
  const params = readStateFromUrl();
  try {
    await loadPagefind();
    await fillFilters(params);
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
    debounce = setTimeout(runSearch, 250);
  });
  for (const select of [...filterSelects, sortSelect]) select.addEventListener("change", runSearch);
  moreButton.addEventListener("click", showMore);
  await runSearch();
}

start();
