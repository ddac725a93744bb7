/** The registry of page kinds (src/model/pageKinds.ts, src/views/pageKinds.ts) and the links it declares. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { linkedPages } from "../../../src/model/pageKinds.ts";
import type { ListingPage } from "../../../src/model/listingPage.ts";
import { countListings, emptyListings, FIXED_KINDS, LISTING_KIND_NAMES, LISTING_KINDS } from "../../../src/views/pageKinds.ts";
import { INCLUDES_DIR } from "../../../src/paths.ts";

const page = (url: string, extra: Partial<ListingPage> = {}): ListingPage => ({ url, pageNumber: 1, pageCount: 1, articles: [], ...extra });

describe("the registry of page kinds", () => {
  it("names a view that exists for every kind", () => {
    for (const kind of [...Object.values(LISTING_KINDS), ...Object.values(FIXED_KINDS)]) {
      expect(fs.existsSync(path.join(INCLUDES_DIR, kind.view)), kind.view).toBe(true);
    }
  });

  it("keeps the pages at former URLs out of the sitemap", () => {
    expect(LISTING_KIND_NAMES.filter((kind) => LISTING_KINDS[kind].formerUrls)).toEqual(["redirect"]);
    expect(LISTING_KINDS.redirect.sitemap).toBe(false);
    expect(LISTING_KINDS.print.sitemap).toBe(true);
  });

  it("makes empty listings of every kind, and counts them", () => {
    const listings = emptyListings();
    expect(Object.keys(listings)).toEqual(LISTING_KIND_NAMES);
    expect(countListings(listings)).toBe(0);
    listings.redirect.push({ ...page("/old/"), from: "/old/", article: undefined as never });
    expect(countListings(listings)).toBe(1);
  });
});

describe("linkedPages", () => {
  it("maps each linking page to the pages of each kind that declare it, in listing order", () => {
    const kinds = { a: {}, b: { linkedFrom: (p: ListingPage) => (p.key ? p.key.split(",") : []) } };
    const listings = { a: [page("/x/")], b: [page("/b1/", { key: "/x/,/y/" }), page("/b2/", { key: "/x/" }), page("/b3/")] };
    const links = linkedPages(kinds, listings);
    expect(links.get("/x/")?.b?.map((p) => p.url)).toEqual(["/b1/", "/b2/"]);
    expect(links.get("/y/")?.b?.map((p) => p.url)).toEqual(["/b1/"]);
    expect(links.has("/b3/")).toBe(false);
  });
});
