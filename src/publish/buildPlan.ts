/**
 * What a build writes (its plan), and the plan of a dev-server build after
 * body edits: made from the last build's plan instead of fingerprinting every
 * page again (src/views/bodyEdits.ts says when an archive is one of those).
 */
import type { Article } from "../model/article.ts";
import { outputFileFor, SEARCH_DIR } from "../model/urls.ts";
import type { PhotoInfo } from "../photos/markup.ts";
import type { SearchShard } from "../search/shards.ts";
import { selectNewsArticles } from "../sitemaps/sitemaps.ts";
import type { BodyEdit } from "../views/bodyEdits.ts";
import type { Archive } from "../views/archive.ts";
import { emptyListings, type Listings } from "../views/pageKinds.ts";
import type { BuildKeys, BuildState } from "./buildState.ts";
import { articlePrinter, shardFingerprints, type SitePages } from "./fingerprints.ts";
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
  /** Pages whose fingerprint was computed: every page, or the edited articles' (after body edits). */
  fingerprinted: number;
  /** Made from the last build's plan after body edits: the sitemaps and generated files are the state's. */
  fromBodyEdits?: boolean;
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
 * The plan after body edits: the last plan with the edited articles' pages and search shards fingerprinted again,
 * and nothing else. Undefined when anything else may have changed since: code or templates (the keys), a photo's
 * bytes, the published state, or the news sitemap's window (the one output that reads the time).
 */
export function planBodyEdits(
  model: SessionModel,
  edited: { archive: Archive; edits: readonly BodyEdit[]; now: number },
  keys: BuildKeys,
  photos: ReadonlyMap<string, PhotoInfo>,
  previous: BuildState | undefined,
): BuildPlan | undefined {
  if (previous !== model.state || keys.renderKey !== model.keys.renderKey || keys.searchKey !== model.keys.searchKey) return undefined;
  if (!samePhotos(model.photos, photos)) return undefined;
  const { archive, edits } = edited;
  const news = (now: number): string => selectNewsArticles(archive.articles, now).map((a) => a.url).join(" ");
  if (news(edited.now) !== news(model.now)) return undefined;

  const photoHash = (path: string): string => photos.get(path)?.hash ?? "";
  const swap = new Map(edits.map((edit) => [edit.before, edit.after]));
  const changedShards: SearchShard[] = [];
  const shards = model.search.shards.map((shard) => {
    if (!shard.articles.some((article) => swap.has(article))) return shard;
    const changed = { ...shard, articles: shard.articles.map((article) => swap.get(article) ?? article) };
    changedShards.push(changed);
    return changed;
  });
  const shardPrints = new Map(model.search.prints);
  for (const [id, print] of shardFingerprints(changedShards, keys.searchKey, photoHash)) shardPrints.set(id, print);

  const fingerprints = new Map(model.pages.fingerprints);
  const articleByFile = new Map(model.pages.articleByFile);
  const printArticle = articlePrinter(archive, keys.renderKey, photoHash);
  const articles: Article[] = [];
  for (const { after } of edits) {
    const file = outputFileFor(after.url);
    const print = printArticle(after);
    fingerprints.set(file, print);
    articleByFile.set(file, after);
    if (previous.pages[file] !== print) articles.push(after);
  }
  const toShards = new Set(changedShards.filter((shard) => previous.shards[shard.id] !== shardPrints.get(shard.id)).map((shard) => shard.id));
  const update: UpdatePlan = {
    articles,
    listings: emptyListings(),
    shards: toShards,
    operations: { replaceDirs: [...toShards].map((id) => `${SEARCH_DIR}/${id}`), deleteFiles: [], deleteDirs: [] },
  };
  return {
    shards,
    pages: { fingerprints, articleByFile, listingByFile: model.pages.listingByFile },
    shardPrints,
    incremental: true,
    update,
    toRender: update,
    fingerprinted: edits.length,
    fromBodyEdits: true,
  };
}

function samePhotos(before: ReadonlyMap<string, PhotoInfo>, now: ReadonlyMap<string, PhotoInfo>): boolean {
  if (before.size !== now.size) return false;
  for (const [path, info] of now) if (before.get(path)?.hash !== info.hash) return false;
  return true;
}
