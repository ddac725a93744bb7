/** Eleventy routes made from the registry (src/render/routes.ts): thin includes, one per kind. */
import { describe, expect, it } from "vitest";
import { routesFor } from "../../../src/render/routes.ts";
import { FIXED_KINDS, LISTING_KIND_NAMES } from "../../../src/views/pageKinds.ts";

describe("routesFor", () => {
  it("gives every kind a route that only includes its view", () => {
    const routes = routesFor(true);
    expect(routes).toHaveLength(LISTING_KIND_NAMES.length + Object.keys(FIXED_KINDS).length);
    for (const route of routes) expect(route.content).toMatch(/^\{% include "pages\/[a-z-]+\.njk" %\}$/);
    expect(routes.find((r) => r.inputPath === "print.njk")?.data).toMatchObject({
      pagination: { data: "render.listings.print", size: 1, alias: "listing" },
      permalink: "{{ listing.url }}",
    });
    expect(routes.find((r) => r.inputPath === "redirect.njk")?.data.permalink).toBe("{{ redirectPage.url | outputFile }}");
    expect(routes.find((r) => r.inputPath === "home.njk")?.data.permalink).toBe("/");
  });

  it("leaves the once kinds to the run that writes them", () => {
    const names = routesFor(false).map((r) => r.inputPath);
    expect(names).toContain("article.njk");
    expect(names).not.toContain("home.njk");
    expect(names).not.toContain("feed.njk");
  });
});
