/** Eleventy routes made from the registry (src/render/routes.ts): thin includes, one per kind. */
import { describe, expect, it } from "vitest";
import { routesFor } from "../../../src/render/routes.ts";
import { FIXED_KINDS, LISTING_KIND_NAMES } from "../../../src/views/pageKinds.ts";

describe("routesFor", () => {
  it("gives every kind a route that only includes its view", () => {
    const routes = routesFor(true);
    expect(routes).toHaveLength(LISTING_KIND_NAMES.length + Object.keys(FIXED_KINDS).length);
    for (const route of routes) expect(route.content).toMatch(/^\{% include "pages\/[a-z-]+\.njk" %\}$/);
    const print = routes.find((r) => r.inputPath === "print.njk")?.data;
    expect(print).toMatchObject({ pagination: { data: "render.listings.print", size: 1, alias: "listing" } });
    // Permalinks are functions of the page's entry (a template would be compiled again for every page).
    const permalinkOf = (route: Record<string, unknown> | undefined, page: Record<string, unknown>): unknown =>
      (route?.permalink as (data: Record<string, unknown>) => unknown)(page);
    expect(permalinkOf(print, { listing: { url: "/print/2023/12/09/" } })).toBe("/print/2023/12/09/");
    // A former URL is written at the file it names, or in its own folder's index.html.
    const redirect = routes.find((r) => r.inputPath === "redirect.njk")?.data;
    expect(permalinkOf(redirect, { redirectPage: { url: "/news/1796094.html" } })).toBe("/news/1796094.html");
    expect(permalinkOf(redirect, { redirectPage: { url: "/news/1796094" } })).toBe("/news/1796094/index.html");
    expect(() => permalinkOf(redirect, {})).toThrow("render.listings.redirect: a page without a URL");
    expect(routes.find((r) => r.inputPath === "home.njk")?.data.permalink).toBe("/");
  });

  it("leaves the once kinds to the run that writes them", () => {
    const names = routesFor(false).map((r) => r.inputPath);
    expect(names).toContain("article.njk");
    expect(names).not.toContain("home.njk");
    expect(names).not.toContain("feed.njk");
  });
});
