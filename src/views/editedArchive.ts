/**
 * The archive after edits that leave every article in its place, made from
 * the previous archive instead of assembled again: the dev server's common
 * saves (a typo in a body, a new headline or excerpt), which at 100,000
 * articles would otherwise sort, list and cross-check every article again
 * (src/views/archive.ts).
 *
 * An article keeps its place when everything assembly reads of it is as
 * before: its URL, dates, section, byline, tags, corrections, former URLs,
 * print date, photos and links to other articles (`placeKey`: every parsed
 * field but the few only pages display). Then every listing, feed, sidebar,
 * related list and cross-check has the same shape, and the edited archive is
 * the previous one with each edited article's object replaced wherever it is
 * shown: the lists of the pages that show it (found through `shownOn`), the
 * home page's and feeds' lists, and the per-article maps. No object from
 * before the edit is left in it.
 *
 * An edit of the body alone (the same `shownHash`) changes no other page;
 * a new headline or excerpt changes the pages that show the article, which
 * `EditedArchive.showing` lists for the build to fingerprint again.
 */
import type { Article } from "../model/article.ts";
import { countErrors, sortDiagnostics } from "../model/diagnostics.ts";
import type { ListingPage } from "../model/listingPage.ts";
import type { LatestList } from "./listings.ts";
import type { CachedSource, LoadOptions, SourcesRead } from "../content/loadSources.ts";
import { assemblyOf, keepAssembly, placeOf, type Archive } from "./archive.ts";
import type { SectionNeighbours } from "./related.ts";
import { LISTING_KIND_NAMES, type ListingKindName, type Listings } from "./pageKinds.ts";

/** An edited article: its object in the previous archive, and the one that takes its place. */
export interface ArticleEdit {
  before: Article;
  after: Article;
  /** Other pages show the change (a headline, an excerpt, a caption): not the body alone. */
  shown: boolean;
}

export interface EditedArchive {
  archive: Archive;
  /** The edited articles the archive shows (a draft not complete enough to preview has none). */
  edits: ArticleEdit[];
  /** The pages besides their own that show the edits other pages show: articles (related reading, neighbours, sidebars) and listings. */
  showing: { articles: Article[]; listings: Array<{ kind: ListingKindName; page: ListingPage }> };
}

/** More changed files than this, and assembling the archive again costs little more than checking them one by one. */
const MAX_EDITS = 100;

/**
 * The archive `read` makes, from `previous`, when every file that changed since keeps its article in its place;
 * undefined otherwise (or when `previous` was not assembled with the same options), and the caller assembles it.
 * `options.now` is the time the sources were read at. An edited archive takes over the previous one's sources and
 * per-article maps: the previous archive is not to be used after (when this gives undefined, it is left as it was).
 */
export function withEdits(previous: Archive, read: Extract<SourcesRead, { ok: true }>, options: LoadOptions & { now: number }): EditedArchive | undefined {
  const assembly = assemblyOf(previous);
  if (!assembly || assembly.includeFuture !== Boolean(options.includeFuture) || assembly.includeDrafts !== Boolean(options.includeDrafts)) return undefined;
  const { setup } = read;
  if (setup.files.length !== previous.sources.size) return undefined;
  // Site data and Must Read as before (a change of either reaches pages the edit does not).
  if (JSON.stringify([setup.site, setup.sections, setup.mustRead.articles]) !== JSON.stringify([previous.site, previous.sections, assembly.mustRead])) return undefined;
  if (!samePlaces(previous, assembly.now, options.now)) return undefined;

  const changed: Array<{ sourcePath: string; before: CachedSource; after: CachedSource }> = [];
  for (const [i, sourcePath] of setup.files.entries()) {
    const after = read.read[i];
    const before = previous.sources.get(sourcePath);
    if (!after || !before) return undefined;
    if (after === before) continue;
    if (changed.length === MAX_EDITS || !keepsPlace(before, after)) return undefined;
    changed.push({ sourcePath, before, after });
  }
  // Errors (a file that no longer reads, say): assembly reports them.
  if (countErrors(read.diagnostics) > 0) return undefined;

  const edits: ArticleEdit[] = [];
  for (const { sourcePath, before, after } of changed) {
    const shown = before.result.article && findArticle(previous, sourcePath);
    const place = placeOf(after, options.now, options);
    if (!shown || !place.article) continue;
    const edit = { before: shown, after: place.article, shown: shown.shownHash !== place.article.shownHash };
    // Every article page shows Must Read: a new headline there is a change of every page, which assembly makes as fast.
    if (edit.shown && previous.mustRead.includes(shown)) return undefined;
    edits.push(edit);
  }
  // From here on `previous` is taken over: its sources and per-article maps become the edited archive's.
  for (const { sourcePath, after } of changed) previous.sources.set(sourcePath, after);
  return withArticlesReplaced(previous, edits, { sources: previous.sources, loadDiagnostics: read.diagnostics, now: options.now });
}

/**
 * What assembly reads of an article: every parsed field but those only pages display (headline, excerpt, dateline,
 * the lead photo's words, a figure's line) and the file's own (hash, where the body starts, the shown hash).
 */
function placeKey(article: Article): string {
  const { title: _t, excerpt: _e, excerptIsDerived: _d, dateline: _l, image, photos, contentHash: _h, bodyOffset: _o, shownHash: _s, ...place } = article;
  return JSON.stringify([place, image?.path ?? null, (photos ?? []).map((ref) => `${ref.field}:${ref.path}`)]);
}

/** Same kind, same place (`placeKey`), same links to other articles. */
export function keepsPlace(before: CachedSource, after: CachedSource): boolean {
  if (before.result.kind !== after.result.kind) return false;
  const was = before.result.article;
  const is = after.result.article;
  if (!was || !is) return was === is;
  if (was.shownHash === undefined || is.shownHash === undefined || placeKey(was) !== placeKey(is)) return false;
  return JSON.stringify(before.links ?? []) === JSON.stringify(after.links ?? []);
}

/**
 * Whether every article is where it was: time moved on (never back), and no scheduled article's date came between
 * the two reads. (An article can only change place by its date: the kind and date of an edited one are as before.)
 */
function samePlaces(previous: Archive, then: number, now: number): boolean {
  if (now < then) return false;
  const firstHeldBack = previous.scheduled[0];
  if (firstHeldBack && firstHeldBack.published.millis <= now) return false;
  return previous.articles.every((article) => article.preview !== "scheduled" || article.published.millis > now);
}

/** The previous archive's object for a source (a preview's is a copy of the parsed article, with its mark). */
function findArticle(archive: Archive, sourcePath: string): Article | undefined {
  return archive.articles.find((a) => a.sourcePath === sourcePath) ?? archive.scheduled.find((a) => a.sourcePath === sourcePath);
}

/**
 * Where the edited articles are shown besides their own pages: the listing pages that list one (kind and place in
 * the kind's pages) and the articles whose page shows one (related reading, neighbours, sidebars; by place in
 * `articles`). A scan of the archive's lists by identity, a few tens of milliseconds at 100,000 articles: an index
 * kept between saves cost more to make than the scans it would save.
 */
export function shownOn(archive: Archive, edited: ReadonlySet<Article>): { listings: Array<[ListingKindName, number]>; articles: Set<Article> } {
  const listings: Array<[ListingKindName, number]> = [];
  for (const kind of LISTING_KIND_NAMES) {
    const pages = archive.listings[kind] as ListingPage[];
    for (let i = 0; i < pages.length; i++) if (anyOf((pages[i] as ListingPage).articles, edited)) listings.push([kind, i]);
  }
  // The maps are walked in their own order (faster than a lookup per article). Sidebar lists are shared by runs of
  // articles: each list object is looked at once.
  const articles = new Set<Article>();
  for (const [article, related] of archive.related) if (anyOf(related, edited)) articles.add(article);
  for (const [article, around] of archive.neighbours) {
    if ((around.previous !== undefined && edited.has(around.previous)) || (around.next !== undefined && edited.has(around.next))) articles.add(article);
  }
  const sidebars = new Map<LatestList[], boolean>();
  for (const [article, lists] of archive.sidebarsBefore) {
    let found = sidebars.get(lists);
    if (found === undefined) sidebars.set(lists, (found = lists.some((list) => anyOf(list.articles, edited))));
    if (found) articles.add(article);
  }
  return { listings, articles };
}

/**
 * Whether `list` holds one of `edited`. This runs over every list of the archive: for a few edits (the common save),
 * `includes` per edit, which compares identities natively, is several times faster than a set lookup per entry.
 */
function anyOf(list: readonly Article[], edited: ReadonlySet<Article>): boolean {
  if (edited.size <= FEW_EDITS) {
    for (const article of edited) if (list.includes(article)) return true;
    return false;
  }
  for (let i = 0; i < list.length; i++) if (edited.has(list[i] as Article)) return true;
  return false;
}

const FEW_EDITS = 4;

/** Whether an article's page shows one of `edited` (related reading, neighbours, sidebars). */
function pageShows(archive: Archive, article: Article, edited: ReadonlySet<Article>): boolean {
  const around = archive.neighbours.get(article);
  return (
    anyOf(archive.related.get(article) ?? [], edited) ||
    (around?.previous !== undefined && edited.has(around.previous)) ||
    (around?.next !== undefined && edited.has(around.next)) ||
    (archive.sidebarsBefore.get(article) ?? []).some((list) => anyOf(list.articles, edited))
  );
}

/**
 * `value` with every article of `swap` replaced, copying only the arrays and plain objects on the way to one (an
 * article, a section or a date is never entered: an article is replaced whole or left).
 */
function replaced<T>(value: T, swap: ReadonlyMap<Article, Article>): T {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const next = replaced(item, swap);
      if (next !== item) (copy ??= [...value])[i] = next;
    });
    return (copy ?? value) as T;
  }
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const article = swap.get(value as unknown as Article);
  if (article) return article as unknown as T;
  if ("contentHash" in value && "sourcePath" in value) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = replaced(item, swap);
    if (next !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = next;
  }
  return (copy ?? value) as T;
}

function withArticlesReplaced(
  previous: Archive,
  edits: ArticleEdit[],
  now: { sources: Archive["sources"]; loadDiagnostics: Archive["diagnostics"]; now: number },
): EditedArchive {
  const assembly = assemblyOf(previous);
  const swap = new Map(edits.map((edit) => [edit.before, edit.after]));
  const replace = (article: Article): Article => swap.get(article) ?? article;
  const articles = edits.length === 0 ? previous.articles : previous.articles.map(replace);
  // Where any edited article is shown (its object is replaced there), and where the edits other pages show are.
  const on = edits.length > 0 ? shownOn(previous, new Set(swap.keys())) : { listings: [], articles: new Set<Article>() };
  const shownEdits = new Set(edits.filter((edit) => edit.shown).map((edit) => edit.before));
  const showsChange = (list: readonly Article[]): boolean => list.some((article) => shownEdits.has(article));

  // The listing pages that show an edited article, replaced in copies of their kinds' lists.
  const listings = { ...previous.listings };
  const copied = new Set<ListingKindName>();
  const showingListings: EditedArchive["showing"]["listings"] = [];
  for (const [kind, i] of on.listings) {
    if (!copied.has(kind)) {
      copied.add(kind);
      (listings as Record<ListingKindName, ListingPage[]>)[kind] = [...(previous.listings[kind] as ListingPage[])];
    }
    const pages = listings[kind] as ListingPage[];
    const page = replaced(pages[i] as ListingPage, swap);
    pages[i] = page;
    if (showsChange((previous.listings[kind] as ListingPage[])[i]?.articles ?? [])) showingListings.push({ kind, page });
  }
  // The articles whose pages show one: those that show what changed are fingerprinted again.
  const showingArticles = shownEdits.size === 0 ? [] : [...on.articles].filter((article) => pageShows(previous, article, shownEdits)).map(replace);

  // The per-article maps, taken over (copies of 100,000 entries each would cost more than the rest of the edit): the
  // edited articles under their new objects, and the lists that show one replaced.
  const related = previous.related as Map<Article, Article[]>;
  const neighbours = previous.neighbours as Map<Article, SectionNeighbours>;
  const sidebarsBefore = previous.sidebarsBefore as Map<Article, LatestList[]>;
  if (edits.length > 0) {
    for (const map of [related, neighbours, sidebarsBefore] as Array<Map<Article, unknown>>) {
      for (const { before, after } of edits) {
        if (!map.has(before)) continue;
        map.set(after, map.get(before));
        map.delete(before);
      }
    }
    for (const shows of on.articles) {
      const article = replace(shows);
      for (const map of [related, neighbours, sidebarsBefore] as Array<Map<Article, unknown>>) {
        const value = map.get(article);
        if (value !== undefined) map.set(article, replaced(value, swap));
      }
    }
  }

  const archive: Archive = {
    // The lazily made maps (related reading, neighbours, sidebars) are made here if they were not yet.
    ...previous,
    articles,
    listings: listings as Listings,
    scheduled: edits.length === 0 ? previous.scheduled : previous.scheduled.map(replace),
    related,
    neighbours,
    sidebarsBefore,
    // The lists of the home page, the feeds and the fixed pages (rendered by every build).
    ...(edits.length === 0
      ? {}
      : replaced(
          {
            mustRead: previous.mustRead,
            feeds: previous.feeds,
            latestBySection: previous.latestBySection,
            sidebarLists: previous.sidebarLists,
            corrections: previous.corrections,
            redirects: previous.redirects,
          },
          swap,
        )),
    sources: now.sources,
    // The sources' own diagnostics as read now, and the cross-checks as assembly made them (their inputs are as before).
    diagnostics: sortDiagnostics([...now.loadDiagnostics, ...(assembly?.crossChecks ?? [])]),
  };
  if (assembly) keepAssembly(archive, { ...assembly, now: now.now });
  return { archive, edits, showing: { articles: showingArticles, listings: showingListings } };
}
