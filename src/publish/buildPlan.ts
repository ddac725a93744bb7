/**
 * What a build writes (its plan), and the plan of a dev-server build after
 * edits that keep every article in its place: made from the last build's plan
 * instead of fingerprinting every page again (src/views/editedArchive.ts says
 * when an archive is one of those).
 */
import type { Article } from "../model/article.ts";
import { outputFileFor, SEARCH_DIR } from "../model/urls.ts";
import type { PhotoInfo } from "../photos/markup.ts";
import type { SearchShard } from "../search/shards.ts";
import { selectNewsArticles } from "../sitemaps/sitemaps.ts";
import type { EditedArchive } from "../views/editedArchive.ts";
import type { ListingPage } from "../model/listingPage.ts";
import type { Archive } from "../views/archive.ts";
import { emptyListings, type Listings } from "../views/pageKinds.ts";
import type { BuildKeys, BuildState } from "./buildState.ts";
import { articlePrinter, listingPrinter, shardFingerprints, type SitePages } from "./fingerprints.ts";
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

  const { fingerprints, articleByFile, listingByFile } = model.pages;
  const printArticle = articlePrinter(archive, keys.renderKey, photoHash);
  const printListing = listingPrinter(keys.renderKey, photoHash, model.pages.listingLinks);
  const articles = new Map<string, Article>();
  const listings = emptyListings();
  const printed = new Set<string>();
  let fingerprinted = 0;
  for (const article of [...edits.map((edit) => edit.after), ...showing.articles]) {
    const file = outputFileFor(article.url);
    if (printed.has(file)) continue;
    printed.add(file);
    articleByFile.set(file, article);
    const print = printArticle(article);
    fingerprinted++;
    fingerprints.set(file, print);
    if (previous.pages[file] !== print) articles.set(file, article);
  }
  for (const { kind, page } of showing.listings) {
    const file = outputFileFor(page.url);
    listingByFile.set(file, { kind, page });
    const print = printListing(kind, page);
    fingerprinted++;
    fingerprints.set(file, print);
    if (previous.pages[file] !== print) (listings[kind] as ListingPage[]).push(page);
  }
  const toShards = new Set(changedShards.filter((shard) => previous.shards[shard.id] !== shardPrints.get(shard.id)).map((shard) => shard.id));
  const update: UpdatePlan = {
    articles: [...articles.values()],
    listings,
    shards: toShards,
    operations: { replaceDirs: [...toShards].map((id) => `${SEARCH_DIR}/${id}`), deleteFiles: [], deleteDirs: [] },
  };
  // The news sitemap shows the headlines of the last two days, and its window moves with the time: the one sitemap
  // that can change when every article keeps its place. The others are as published.
  const news = (articles: readonly Article[], now: number): string => selectNewsArticles(articles, now).map((a) => `${a.url}\0${a.title}`).join("\n");
  const sitemapsAsPublished = news(archive.articles, edited.now) === news(model.archive.articles, model.now);
  return {
    shards,
    pages: { fingerprints, articleByFile, listingByFile, listingLinks: model.pages.listingLinks },
    shardPrints,
    incremental: true,
    update,
    toRender: update,
    fingerprinted,
    sitemapsAsPublished,
  };
}

function samePhotos(before: ReadonlyMap<string, PhotoInfo>, now: ReadonlyMap<string, PhotoInfo>): boolean {
  if (before.size !== now.size) return false;
  for (const [path, info] of now) if (before.get(path)?.hash !== info.hash) return false;
  return true;
}
