/**
 * What a kind of page declares: where its pages come from, the view that
 * renders one, its URL pattern, pagination, sitemap and fingerprint. The kinds
 * themselves are listed once, in src/views/pageKinds.ts (beside the lists they
 * are made from); routes, the render plan, sitemaps, fingerprints and the
 * site's paths all read that list, so a new kind is one entry and one view.
 */
import type { ListingPage } from "./listingPage.ts";

interface KindBase {
  /** The view in `_includes/` that renders one page; the route only includes it, so Nunjucks compiles it once a run. */
  view: string;
  /** URL pattern, for readers: the paths are made by src/model/urls.ts. */
  pattern: string;
}

/** Pages made from the archive's lists: batched, fingerprinted, rewritten only when what they show changes. */
export interface ListingKind<Page extends ListingPage = ListingPage, Input = never> extends KindBase {
  /** The name the view reads its page under. */
  alias: string;
  /** How the pages are cut: items a page, or "one page per …". */
  pagination: string;
  /** Listed in `/sitemap-pages.xml`. */
  sitemap: boolean;
  /** Pages at former URLs (`redirect_from`): written at their output file, and not pages the site checks them against. */
  formerUrls?: boolean;
  /** Every page of the kind. */
  pages(input: Input): Page[];
  /** What the page shows besides its articles and place in the listing, for its fingerprint (default: `page.key`). */
  fingerprint?(page: Page): string;
  /** The listing's name, for the pages at the numbered URLs its front page covers (`aliases`). */
  title?(page: Page): string;
  /** The pages that link to this one: their fingerprints then cover whether this page exists. */
  linkedFrom?(page: Page): string[];
}

/** Pages that are not listings: one per article, one per feed, or one fixed page. */
export interface FixedKind extends KindBase {
  source: "articles" | "feeds" | "single";
  /** The name the view reads its page under (articles and feeds). */
  alias?: string;
  /** The path of a single page. */
  path?: string;
  /**
   * Written by one render batch only (the last), at every build: small pages
   * that every publication changes anyway. Articles are fingerprinted instead.
   */
  once: boolean;
}

/** `linkedFrom` over every listing: page URL → kind → the pages of that kind it links to, in listing order. */
export function linkedPages<L extends Record<string, readonly ListingPage[]>>(
  kinds: { [K in keyof L]: Pick<ListingKind<L[K][number], never>, "linkedFrom"> },
  listings: L,
): Map<string, Record<string, ListingPage[]>> {
  const links = new Map<string, Record<string, ListingPage[]>>();
  for (const kind of Object.keys(kinds) as Array<keyof L & string>) {
    const linkedFrom = kinds[kind].linkedFrom;
    if (!linkedFrom) continue;
    for (const page of listings[kind] ?? []) {
      for (const from of linkedFrom(page)) {
        let targets = links.get(from);
        if (!targets) links.set(from, (targets = {}));
        (targets[kind] ??= []).push(page);
      }
    }
  }
  return links;
}
