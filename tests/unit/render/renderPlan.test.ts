/** Render batches (src/render/renderPlan.ts): bounded size, every page once, the `once` kinds in the last batch only. */
import { describe, expect, it } from "vitest";
import { planRenderBatches } from "../../../src/render/renderPlan.ts";
import { countListings, emptyListings } from "../../../src/views/pageKinds.ts";
import type { Article } from "../../../src/model/article.ts";

const articles = Array.from({ length: 7 }, (_, i) => ({ url: `/a/${i}/` }) as Article);

describe("planRenderBatches", () => {
  it("cuts articles then listings into batches of at most the given size", () => {
    const listings = emptyListings();
    for (let i = 0; i < 4; i++) listings.year.push({ url: `/${2000 + i}/`, pageNumber: 1, pageCount: 1, articles: [] } as never);
    const batches = planRenderBatches(articles, listings, 5);
    expect(batches.map((b) => b.articles.length + countListings(b.listings))).toEqual([5, 5, 1]);
    expect(batches.flatMap((b) => b.articles)).toEqual(articles);
    expect(batches.flatMap((b) => b.listings.year.map((p) => p.url))).toEqual(["/2000/", "/2001/", "/2002/", "/2003/"]);
    expect(batches.map((b) => b.writesOnce)).toEqual([false, false, true]);
  });

  it("writes the once kinds even when there is nothing else to render", () => {
    expect(planRenderBatches([], emptyListings())).toEqual([{ articles: [], listings: emptyListings(), writesOnce: true }]);
  });
});
