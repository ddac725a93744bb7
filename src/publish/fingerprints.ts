/**
 * Fingerprints of the pages and search shards a build writes: a hash of every
 * input the page shows. Two builds that give a page the same fingerprint write
 * the same bytes, so an incremental build rewrites exactly the pages whose
 * fingerprint changed. An article is identified by its source path and content
 * hash (its parsed metadata follows from those, under one parse key).
 */
import type { Archive } from "../views/archive.ts";
import { type LatestList } from "../views/listings.ts";
import { type ListingPage } from "../model/listingPage.ts";
import { linkedPages, type ListingKind } from "../model/pageKinds.ts";
import { LISTING_KIND_NAMES, LISTING_KINDS, type ListingKindName } from "../views/pageKinds.ts";
import { quickHash, shownIdentity, type Article } from "../model/article.ts";
import { outputFileFor } from "../model/urls.ts";
import type { SearchShard } from "../search/shards.ts";

/**
 * The preview mark is part of it: a page shown with a "scheduled" banner must be rewritten once it is published.
 * Articles are never changed once parsed, and the dev server keeps them from save to save: each one's text is made once.
 */
const identities = new WeakMap<Article, string>();
function identity(article: Article): string {
  let text = identities.get(article);
  if (text === undefined) {
    text = `${article.sourcePath}\0${article.contentHash}\0${article.preview ?? ""}`;
    identities.set(article, text);
  }
  return text;
}

// What other pages show of an article (listings, sidebars, related reading, neighbours, Must Read) is its
// `shownIdentity`: everything parsed but its body, hashed by the parse. Only the article's own page renders the body
// (and its search shard indexes it), so an edit of the body that leaves the excerpt as it was rewrites that page
// alone, even for an article every page lists.

function sha1(...parts: string[]): string {
  return quickHash(`${parts.join("\n")}\n`);
}

export interface SitePages {
  /** Output file → fingerprint, for every article and listing page. */
  fingerprints: Map<string, string>;
  articleByFile: Map<string, Article>;
  listingByFile: Map<string, { kind: ListingKindName; page: ListingPage }>;
  /** Listing pages of other kinds each listing page links to, by URL (`linkedPages`): it follows the listings' shape alone. */
  listingLinks: ReadonlyMap<string, Record<string, ListingPage[]>>;
}

/**
 * `photoHash` gives the content hash of a photo by its path: an article's page changes with its photos' bytes
 * (their derivatives' names and sizes); captions and credits are in the article's own hash.
 */
export function pageFingerprints(archive: Archive, renderKey: string, photoHash: (path: string) => string = () => ""): SitePages {
  const fingerprints = new Map<string, string>();
  const articleByFile = new Map<string, Article>();
  const listingByFile = new Map<string, { kind: ListingKindName; page: ListingPage }>();
  const printArticle = articlePrinter(archive, renderKey, photoHash);
  for (const article of archive.articles) {
    const file = outputFileFor(article.url);
    articleByFile.set(file, article);
    fingerprints.set(file, printArticle(article));
  }
  // What each kind declares it shows (src/views/pageKinds.ts), and the pages of other kinds it links to.
  const listingLinks = linkedPages(LISTING_KINDS, archive.listings);
  const printListing = listingPrinter(renderKey, photoHash, listingLinks);
  for (const kind of LISTING_KIND_NAMES) {
    for (const page of archive.listings[kind] as ListingPage[]) {
      const file = outputFileFor(page.url);
      listingByFile.set(file, { kind, page });
      fingerprints.set(file, printListing(kind, page));
    }
  }
  return { fingerprints, articleByFile, listingByFile, listingLinks };
}

/**
 * The fingerprint of an article's page, for the articles of one archive: its own text, Must Read, its sidebars,
 * related reading, neighbours, byline and tag links, and its photos' bytes. Also used alone, for the pages of a few
 * edited articles and the pages that show them (src/publish/buildPlan.ts).
 */
export function articlePrinter(archive: Archive, renderKey: string, photoHash: (path: string) => string): (article: Article) => string {
  const mustReadKey = archive.mustRead.map(shownIdentity).join("\0");
  // Sidebar lists are shared by runs of articles: hash each list object once.
  const listKeys = new Map<LatestList[], string>();
  const listKey = (lists: LatestList[]): string => {
    let key = listKeys.get(lists);
    if (key === undefined) {
      key = lists.map((list) => `${list.section.slug}:${list.articles.map(shownIdentity).join("\0")}`).join("\n");
      listKeys.set(lists, key);
    }
    return key;
  };
  return (article) => {
    const around = archive.neighbours.get(article);
    const related = (archive.related.get(article) ?? []).map(shownIdentity).join("\0");
    const neighbours = `${around?.previous ? shownIdentity(around.previous) : ""}\n${around?.next ? shownIdentity(around.next) : ""}`;
    // Byline and tag links: a name's slug can change when another name comes to share it.
    const links = [...article.authors.map((name) => archive.authorUrls[name]), ...article.tags.map((tag) => archive.tagUrls[tag])].join("\n");
    const photos = (article.photos ?? []).map((ref) => `${ref.path}:${photoHash(ref.path)}`).join("\0");
    return sha1(renderKey, "article", identity(article), mustReadKey, listKey(archive.sidebarsBefore.get(article) ?? []), related, neighbours, links, photos);
  };
}

/** The fingerprint of a listing page: what its kind declares it shows, its place in the listing, and the pages it links to. */
export function listingPrinter(
  renderKey: string,
  photoHash: (path: string) => string,
  links: ReadonlyMap<string, Record<string, ListingPage[]>>,
): (kind: ListingKindName, page: ListingPage) => string {
  return (kind, page) => {
    const declared = LISTING_KINDS[kind] as ListingKind;
    const shows = declared.fingerprint ? declared.fingerprint(page) : (page.key ?? "");
    const linksTo = Object.entries(links.get(page.url) ?? {}).map(([to, targets]) => `${to}:${targets.map((t) => t.url).join(" ")}`).join("\0");
    // Its place in the listing: number, neighbours and span (a count of pages only where the A to Z indexes show it).
    const place = `${page.pageNumber ?? ""}/${page.pageCount ?? ""}\0${page.previousUrl ?? ""}\0${page.nextUrl ?? ""}\0${page.span ?? ""}`;
    const parts = [renderKey, kind, page.url, place, page.articles.map(shownIdentity).join("\0"), shows, linksTo];
    // Listings show lead-photo thumbnails (the derivatives' names and sizes follow the photo's bytes): a page
    // with one changes when that photo does. A page without any keeps the fingerprint it always had.
    const thumbs = leadPhotosKey(page.articles, photoHash);
    if (thumbs) parts.push(thumbs);
    return sha1(...parts);
  };
}

/** The lead photos of a list of articles, by path and content hash; "" when none has one. */
function leadPhotosKey(articles: readonly Article[], photoHash: (path: string) => string): string {
  return articles
    .filter((article) => article.image)
    .map((article) => `${article.url}\0${article.image?.path}:${photoHash(article.image?.path ?? "")}`)
    .join("\n");
}

/** A search record carries its lead photo's thumbnail (`image` metadata): a shard changes with those photos' bytes. */
export function shardFingerprints(shards: readonly SearchShard[], renderKey: string, photoHash: (path: string) => string = () => ""): Map<string, string> {
  return new Map(
    shards.map((shard) => {
      const parts = [renderKey, "shard", shard.id, shard.articles.map(identity).join("\0")];
      const thumbs = leadPhotosKey(shard.articles, photoHash);
      if (thumbs) parts.push(thumbs);
      return [shard.id, sha1(...parts)];
    }),
  );
}
