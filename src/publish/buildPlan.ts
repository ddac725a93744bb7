/**
 * What a build writes (its plan), and the plan of a dev-server build after
 * edits that keep every article in its place: made from the last build's plan
 * instead of fingerprinting every page again (src/views/editedArchive.ts says
 * when an archive is one of those).
 */
import { quickHash, type Article } from "../model/article.ts";
import type { CachedSource } from "../content/loadSources.ts";
import { outputFileFor, SEARCH_DIR } from "../model/urls.ts";
import type { PhotoInfo } from "../photos/markup.ts";
import type { SearchShard } from "../search/shards.ts";
import { selectNewsArticles } from "../sitemaps/sitemaps.ts";
import { keepsPlace, shownOn, type EditedArchive } from "../views/editedArchive.ts";
import type { ListingPage } from "../model/listingPage.ts";
import type { Archive } from "../views/archive.ts";
import { countListings, emptyListings, LISTING_KINDS, type ListingKindName, type Listings } from "../views/pageKinds.ts";
import { linkedPages } from "../model/pageKinds.ts";
import type { ArchiveOrigin, BuildKeys, BuildState } from "./buildState.ts";
import { articlePrinter, listingPrinter, mustReadPrint, shardFingerprints, type SitePages } from "./fingerprints.ts";
import type { UpdateOperations } from "./siteUpdate.ts";

/** The search shards and their fingerprints (records, search code, lead photos' bytes). */
export interface SearchPlan {
  shards: SearchShard[];
  prints: Map<string, string>;
}

/** What this build writes: everything, or (when the previous state still describes the site) what changed. */
export interface BuildPlan {
  shards: SearchShard[];
  pages: SitePages;
  shardPrints: Map<string, string>;
  incremental: boolean;
  update?: UpdatePlan;
  toRender: { articles: Article[]; listings: Listings; shards: Set<string> };
  /** A full build: shards copied from the published site, unchanged (their fingerprints match the state's). */
  reusedShards?: Set<string>;
  /** Pages whose fingerprint was computed: every page, or those an edit may have changed (src/views/editedArchive.ts). */
  fingerprinted: number;
  /** Made from the last build's plan after edits that keep every article in its place, which left every sitemap as published. */
  sitemapsAsPublished?: boolean;
}

export interface UpdatePlan {
  articles: Article[];
  listings: Listings;
  shards: Set<string>;
  operations: UpdateOperations;
}

/**
 * What a dev-server session keeps of its last build, while the state that build published is still the site's:
 * the archive, and what its plan was made from and came to.
 */
export interface SessionModel {
  archive: Archive;
  keys: BuildKeys;
  photos: ReadonlyMap<string, PhotoInfo>;
  search: SearchPlan;
  pages: SitePages;
  /** The state the build published (the next build's `previous` must be this very object). */
  state: BuildState;
  /** The time its archive was read at. */
  now: number;
}

/**
 * The plan after edits that keep every article in its place (src/views/editedArchive.ts): the last plan with the
 * edited articles' pages, the pages that show what changed, and the search shards holding the edited articles
 * fingerprinted again, and nothing else. Undefined when anything else may have changed since: code or templates
 * (the keys), a photo's bytes, or the published state. The plan takes over the model's maps.
 */
export function planEdits(model: SessionModel, edited: EditedArchive & { now: number }, keys: BuildKeys, photos: ReadonlyMap<string, PhotoInfo>, previous: BuildState | undefined): BuildPlan | undefined {
  if (previous !== model.state || keys.renderKey !== model.keys.renderKey || keys.searchKey !== model.keys.searchKey) return undefined;
  if (!samePhotos(model.photos, photos)) return undefined;
  const { archive, edits, showing } = edited;

  const photoHash = (path: string): string => photos.get(path)?.hash ?? "";
  const swap = new Map(edits.map((edit) => [edit.before, edit.after]));
  const changedShards: SearchShard[] = [];
  const shards = model.search.shards.map((shard) => {
    if (!shard.articles.some((article) => swap.has(article))) return shard;
    const changed = { ...shard, articles: shard.articles.map((article) => swap.get(article) ?? article) };
    changedShards.push(changed);
    return changed;
  });
  // The model is this build's to take over (the session keeps none while a build runs): its maps are updated in place.
  const shardPrints = model.search.prints;
  for (const [id, print] of shardFingerprints(changedShards, keys.searchKey, photoHash)) shardPrints.set(id, print);

  const again = fingerprintAgain(model.pages, { archive, keys, photoHash, previous }, [...edits.map((edit) => edit.after), ...showing.articles], showing.listings);
  if (!again) return undefined;
  const toShards = new Set(changedShards.filter((shard) => previous.shards[shard.id] !== shardPrints.get(shard.id)).map((shard) => shard.id));
  const update = updateOf(again, toShards);
  // The news sitemap shows the headlines of the last two days, and its window moves with the time: the one sitemap
  // that can change when every article keeps its place. The others are as published.
  const sitemapsAsPublished = newsList(archive.articles, edited.now) === newsList(model.archive.articles, model.now);
  return {
    shards,
    pages: model.pages,
    shardPrints,
    incremental: true,
    update,
    toRender: update,
    fingerprinted: again.fingerprinted,
    sitemapsAsPublished,
  };
}

/**
 * The pages of `articles` and `listings` fingerprinted again into `pages` (whose maps it updates), and those whose
 * fingerprint differs from the published state's. Undefined when one is a page the state does not list: not an
 * archive whose pages are the state's after all.
 */
function fingerprintAgain(
  pages: SitePages,
  at: { archive: Archive; keys: BuildKeys; photoHash: (path: string) => string; previous: BuildState },
  articles: readonly Article[],
  listings: ReadonlyArray<{ kind: ListingKindName; page: ListingPage }>,
): { articles: Article[]; listings: Listings; fingerprinted: number } | undefined {
  const { previous } = at;
  const printArticle = articlePrinter(at.archive, at.keys.renderKey, at.photoHash);
  const printListing = listingPrinter(at.keys.renderKey, at.photoHash, pages.listingLinks);
  const changedArticles = new Map<string, Article>();
  const changedListings = emptyListings();
  const printed = new Set<string>();
  for (const article of articles) {
    const file = outputFileFor(article.url);
    if (printed.has(file)) continue;
    if (!(file in previous.pages)) return undefined;
    printed.add(file);
    pages.articleByFile.set(file, article);
    const print = printArticle(article);
    pages.fingerprints.set(file, print);
    if (previous.pages[file] !== print) changedArticles.set(file, article);
  }
  for (const { kind, page } of listings) {
    const file = outputFileFor(page.url);
    if (!(file in previous.pages)) return undefined;
    printed.add(file);
    pages.listingByFile.set(file, { kind, page });
    const print = printListing(kind, page);
    pages.fingerprints.set(file, print);
    if (previous.pages[file] !== print) (changedListings[kind] as ListingPage[]).push(page);
  }
  return { articles: [...changedArticles.values()], listings: changedListings, fingerprinted: printed.size };
}

/** An update of the pages that changed and the shards `shards`, deleting nothing (every page is where it was). */
function updateOf(changed: { articles: Article[]; listings: Listings }, shards: Set<string>): UpdatePlan {
  return {
    articles: changed.articles,
    listings: changed.listings,
    shards,
    operations: { replaceDirs: [...shards].map((id) => `${SEARCH_DIR}/${id}`), deleteFiles: [], deleteDirs: [] },
  };
}

function samePhotos(before: ReadonlyMap<string, PhotoInfo>, now: ReadonlyMap<string, PhotoInfo>): boolean {
  if (before.size !== now.size) return false;
  for (const [path, info] of now) if (before.get(path)?.hash !== info.hash) return false;
  return true;
}

/** The news sitemap's list at `now`: its URLs and headlines. */
function newsList(articles: readonly Article[], now: number): string {
  return selectNewsArticles(articles, now).map((a) => `${a.url}\0${a.title}`).join("\n");
}

/** Every source's path and content hash, in the archive's order; `hashOf` gives each path's hash (the archive's own by default). */
function sourcesPrint(archive: Archive, hashOf: (sourcePath: string) => string | undefined = (sourcePath) => archive.sources.get(sourcePath)?.hash): string {
  let text = "";
  for (const sourcePath of archive.sources.keys()) text += `${sourcePath}\0${hashOf(sourcePath) ?? ""}\n`;
  return quickHash(text);
}

function photosPrint(photos: ReadonlyMap<string, PhotoInfo>): string {
  return quickHash([...photos].map(([path, info]) => `${path}\0${info.hash}`).sort().join("\n"));
}

/** What a build's pages were made from besides the render key: kept in its state for the next build (`planEditsSinceState`). */
export function originOf(archive: Archive, photos: ReadonlyMap<string, PhotoInfo>, now: number): ArchiveOrigin {
  return { sources: sourcesPrint(archive), mustRead: mustReadPrint(archive), photos: photosPrint(photos), news: newsList(archive.articles, now), now };
}

/**
 * The plan of a republish (`npm run build`) after edits that keep every article in its place, made from the state
 * the last build published rather than from the fingerprints of every page: the edited articles' pages, the pages
 * that show what other pages show of them (a headline, an excerpt), and the search shards holding them are
 * fingerprinted; every other page keeps the fingerprint the state gives it, and every sitemap stays as published
 * unless the news sitemap's list changed. At 100,000 articles that is the second or so of fingerprinting 140,000
 * pages saved on the common republish, a correction.
 *
 * `before` is the parse cache as read (the sources of the last build, when it is whole and current: its print must
 * be the state's), `archive` the archive assembled now. Undefined, and the build fingerprints every page, unless
 * the state was made with the same render key from exactly those sources, the same Must Read list and photos, no
 * article's date came between the two builds, every file is still there and at most a hundred changed, each keeping
 * its place and links (src/views/editedArchive.ts), and no published page is missing.
 */
export function planEditsSinceState(input: {
  archive: Archive;
  before: ReadonlyMap<string, CachedSource>;
  previous: BuildState;
  keys: BuildKeys;
  photos: ReadonlyMap<string, PhotoInfo>;
  search: SearchPlan;
  now: number;
  missing: ReadonlySet<string>;
  /** Share of the pages above which a build renders every page (see INCREMENTAL_LIMIT in buildSite.ts). */
  incrementalLimit: number;
}): BuildPlan | undefined {
  const { archive, before, previous, keys, photos, search, now } = input;
  const origin = previous.madeFrom;
  if (!origin || previous.renderKey !== keys.renderKey || previous.parseKey !== keys.parseKey || input.missing.size > 0) return undefined;
  if (before.size !== archive.sources.size || now < origin.now) return undefined;
  // An article dated between the two builds was scheduled then (or held back) and is published now.
  if (archive.articles.some((article) => article.published.millis > origin.now && article.published.millis <= now)) return undefined;
  // The shards as planned now are the state's (an edit keeps each article in its period).
  if (search.shards.length !== Object.keys(previous.shards).length || search.shards.some((shard) => !(shard.id in previous.shards))) return undefined;

  const changed = new Set<string>();
  for (const [sourcePath, source] of archive.sources) {
    const was = before.get(sourcePath);
    if (!was) return undefined;
    if (was === source) continue;
    if (changed.size === MAX_EDITS_SINCE_STATE || !keepsPlace(was, source)) return undefined;
    changed.add(sourcePath);
  }
  if (sourcesPrint(archive, (sourcePath) => before.get(sourcePath)?.hash) !== origin.sources) return undefined;
  if (mustReadPrint(archive) !== origin.mustRead || photosPrint(photos) !== origin.photos) return undefined;

  // The edited articles that have a page (not a draft, nor an article held back until its date), and those whose
  // change other pages show.
  const edited = changed.size === 0 ? [] : archive.articles.filter((article) => changed.has(article.sourcePath));
  const shownChanges = new Set(edited.filter((article) => article.shownHash !== before.get(article.sourcePath)?.result.article?.shownHash));
  const showing = shownChanges.size > 0 ? shownOn(archive, shownChanges) : { listings: [], articles: new Set<Article>() };

  const photoHash = (path: string): string => photos.get(path)?.hash ?? "";
  const pages: SitePages = { fingerprints: new Map(Object.entries(previous.pages)), articleByFile: new Map(), listingByFile: new Map(), listingLinks: linkedPages(LISTING_KINDS, archive.listings) };
  // As many pages as the state lists: a page that came or went (an article whose date came) is no edit.
  if (archive.articles.length + countListings(archive.listings) !== pages.fingerprints.size) return undefined;
  const listingsShowing = showing.listings.map(([kind, i]) => ({ kind, page: (archive.listings[kind] as ListingPage[])[i] as ListingPage }));
  const again = fingerprintAgain(pages, { archive, keys, photoHash, previous }, [...edited, ...showing.articles], listingsShowing);
  if (!again) return undefined;
  // Every shard is published (no published file is missing): those whose records changed are indexed again.
  const toShards = new Set(search.shards.filter((shard) => previous.shards[shard.id] !== search.prints.get(shard.id)).map((shard) => shard.id));
  const update = updateOf(again, toShards);
  if (update.articles.length + countListings(update.listings) > input.incrementalLimit * pages.fingerprints.size) return undefined;
  return {
    shards: search.shards,
    pages,
    shardPrints: search.prints,
    incremental: true,
    update,
    toRender: update,
    fingerprinted: again.fingerprinted,
    sitemapsAsPublished: newsList(archive.articles, now) === origin.news,
  };
}

/** More changed files than this, and fingerprinting every page costs little more than finding those that show them. */
const MAX_EDITS_SINCE_STATE = 100;
