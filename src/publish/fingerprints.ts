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

/** The preview mark is part of it: a page shown with a "scheduled" banner must be rewritten once it is published. */
function identity(article: Article): string {
  return `${article.sourcePath}\0${article.contentHash}\0${article.preview ?? ""}`;
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
  /** Each article page's fingerprint with what it was made from (`ArticlePrints`): kept by a dev-server session. */
  articlePrints?: ArticlePrints;
}

/** The article pages' prints of one build, by source path, and the render key and Must Read print they all share. */
export interface ArticlePrints {
  shared: string;
  byPath: Map<string, ArticlePrint>;
}

/**
 * An article page's fingerprint and what it was made from: the article and the articles the page shows as objects,
 * the rest as text. A dev-server session's next build, which assembles the archive again after a save that moves
 * an article (a new tag, a new article), finds most pages' inputs the very same objects (an unchanged file keeps
 * its parsed article) and takes their fingerprint from here instead of hashing 100,000 pages again.
 */
export interface ArticlePrint {
  print: string;
  article: Article;
  sidebars: string;
  related: readonly Article[];
  previous: Article | undefined;
  next: Article | undefined;
  links: string;
  photos: string;
}

/**
 * `photoHash` gives the content hash of a photo by its path: an article's page changes with its photos' bytes
 * (their derivatives' names and sizes); captions and credits are in the article's own hash.
 */
export function pageFingerprints(
  archive: Archive,
  renderKey: string,
  photoHash: (path: string) => string = () => "",
  /** Keep each article page's print and inputs (`SitePages.articlePrints`), reusing the last build's where they match. */
  prints?: { last: ArticlePrints | undefined },
): SitePages {
  const fingerprints = new Map<string, string>();
  const articleByFile = new Map<string, Article>();
  const listingByFile = new Map<string, { kind: ListingKindName; page: ListingPage }>();
  const memo = prints ? { last: prints.last, next: new Map<string, ArticlePrint>() } : undefined;
  const printArticle = articlePrinter(archive, renderKey, photoHash, memo);
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
  return { fingerprints, articleByFile, listingByFile, listingLinks, ...(memo ? { articlePrints: { shared: articlePrintsShared(archive, renderKey), byPath: memo.next } } : {}) };
}

/**
 * The fingerprint of an article's page, for the articles of one archive: its own text, Must Read, its sidebars,
 * related reading, neighbours, byline and tag links, and its photos' bytes. Also used alone, for the pages of a few
 * edited articles and the pages that show them (src/publish/buildPlan.ts).
 */
export function articlePrinter(
  archive: Archive,
  renderKey: string,
  photoHash: (path: string) => string,
  memo?: { last: ArticlePrints | undefined; next: Map<string, ArticlePrint> },
): (article: Article) => string {
  // Long parts shared by many pages go in as their own hash: a page's text to hash stays short.
  const mustReadKey = mustReadPrint(archive);
  // Sidebar lists are shared by runs of articles: hash each list object once.
  const listKeys = new Map<LatestList[], string>();
  const listKey = (lists: LatestList[]): string => {
    let key = listKeys.get(lists);
    if (key === undefined) {
      key = quickHash(lists.map((list) => `${list.section.slug}:${list.articles.map(shownIdentity).join("\0")}`).join("\n"));
      listKeys.set(lists, key);
    }
    return key;
  };
  // Maps, not the archive's objects keyed by name: a lookup per name of every page, 140,000 pages at 100,000 articles.
  const authorUrls = new Map(Object.entries(archive.authorUrls));
  const tagUrls = new Map(Object.entries(archive.tagUrls));
  const prefix = `${renderKey}\narticle\n`;
  // The last build's prints, when made with the same render key and Must Read (compared once, not per page).
  const lastPrints = memo?.last?.shared === articlePrintsShared(archive, renderKey, mustReadKey) ? memo.last.byPath : undefined;
  return (article) => {
    const around = archive.neighbours.get(article);
    const relatedArticles = archive.related.get(article) ?? [];
    // Byline and tag links: a name's slug can change when another name comes to share it.
    let links = "";
    for (const name of article.authors) links += `${authorUrls.get(name)}\n`;
    for (const tag of article.tags) links += `${tagUrls.get(tag)}\n`;
    let photos = "";
    for (const ref of article.photos ?? []) photos += `${ref.path}:${photoHash(ref.path)}\0`;
    const sidebars = listKey(archive.sidebarsBefore.get(article) ?? []);
    const last = lastPrints?.get(article.sourcePath);
    if (
      last !== undefined &&
      last.article === article &&
      last.sidebars === sidebars &&
      last.previous === around?.previous &&
      last.next === around?.next &&
      last.links === links &&
      last.photos === photos &&
      sameArticles(last.related, relatedArticles)
    ) {
      memo?.next.set(article.sourcePath, last);
      return last.print;
    }
    let related = "";
    for (const other of relatedArticles) related += `${shownIdentity(other)}\0`;
    const neighbours = `${around?.previous ? shownIdentity(around.previous) : ""}\n${around?.next ? shownIdentity(around.next) : ""}`;
    const print = quickHash(`${prefix}${identity(article)}\n${mustReadKey}\n${sidebars}\n${related}\n${neighbours}\n${links}\n${photos}\n`);
    memo?.next.set(article.sourcePath, { print, article, sidebars, related: relatedArticles, previous: around?.previous, next: around?.next, links, photos });
    return print;
  };
}

/** What every article page's print of a build shares: the render key and the Must Read list as pages show it. */
function articlePrintsShared(archive: Archive, renderKey: string, mustReadKey = mustReadPrint(archive)): string {
  return `${renderKey}\n${mustReadKey}`;
}

/** The same articles (objects) in the same order. */
function sameArticles(a: readonly Article[], b: readonly Article[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The Must Read list as every article page shows it. */
export function mustReadPrint(archive: Archive): string {
  return quickHash(archive.mustRead.map(shownIdentity).join("\0"));
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
    let linksTo = "";
    for (const [to, targets] of Object.entries(links.get(page.url) ?? {})) {
      linksTo += `${to}:`;
      for (const target of targets) linksTo += `${target.url} `;
      linksTo += "\0";
    }
    // Its place in the listing: number, neighbours and span (a count of pages only where the A to Z indexes show it).
    const place = `${page.pageNumber ?? ""}/${page.pageCount ?? ""}\0${page.previousUrl ?? ""}\0${page.nextUrl ?? ""}\0${page.span ?? ""}`;
    let articles = "";
    for (const article of page.articles) articles += `${shownIdentity(article)}\0`;
    // Listings show lead-photo thumbnails (the derivatives' names and sizes follow the photo's bytes): a page
    // with one changes when that photo does.
    const thumbs = leadPhotosKey(page.articles, photoHash);
    return quickHash(`${renderKey}\n${kind}\n${page.url}\n${place}\n${articles}\n${shows}\n${linksTo}\n${thumbs}\n`);
  };
}

/** The lead photos of a list of articles, by path and content hash; "" when none has one. */
function leadPhotosKey(articles: readonly Article[], photoHash: (path: string) => string): string {
  let key = "";
  for (const article of articles) if (article.image) key += `${article.url}\0${article.image.path}:${photoHash(article.image.path)}\n`;
  return key;
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
