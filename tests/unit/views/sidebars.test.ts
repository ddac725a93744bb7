/** stableSidebarLists: each page's sidebars list the pieces published before it, never newer ones. */
import { describe, expect, it } from "vitest";
import { stableSidebarLists } from "../../../src/views/sidebars.ts";
import type { Article } from "../../../src/model/article.ts";
import { makeArticles, makeSection, slugs } from "../../support/articleFactory.ts";

const OPINION = makeSection("opinion");
const EDITORIAL = makeSection("editorial");

const articles = makeArticles([
  { date: "2023-01-01", slug: "news-1" },
  { date: "2023-01-02", slug: "op-1", section: "opinion" },
  { date: "2023-01-03", slug: "ed-1", section: "editorial" },
  { date: "2023-01-04", slug: "op-2", section: "opinion" },
  { date: "2023-01-05", slug: "news-2" },
  { date: "2023-01-06", slug: "op-3", section: "opinion" },
  { date: "2023-01-07", slug: "news-3" },
]);
const get = (slug: string): Article => articles.find((a) => a.slug === slug) as Article;

describe("stableSidebarLists", () => {
  const lists = stableSidebarLists(articles, [OPINION, EDITORIAL], 2);
  const shown = (slug: string) => lists.get(get(slug))?.map((l) => [l.section.slug, l.url, slugs(l.articles)]);

  it("gives every article a list per sidebar section, in the sections' order, with the section's URL", () => {
    expect(lists.size).toBe(articles.length);
    expect(shown("news-3")).toEqual([
      ["opinion", "/opinion/", ["op-3", "op-2"]],
      ["editorial", "/editorial/", ["ed-1"]],
    ]);
  });

  it("lists only pieces published before the page, newest first, at most `count`", () => {
    expect(shown("news-1")).toEqual([
      ["opinion", "/opinion/", []],
      ["editorial", "/editorial/", []],
    ]);
    expect(shown("op-2")?.[0]).toEqual(["opinion", "/opinion/", ["op-1"]]);
    expect(shown("news-2")?.[0]).toEqual(["opinion", "/opinion/", ["op-2", "op-1"]]);
  });

  it("does not list a sidebar piece in its own sidebar", () => {
    for (const slug of ["op-1", "op-2", "op-3", "ed-1"]) {
      for (const list of lists.get(get(slug)) ?? []) expect(slugs(list.articles)).not.toContain(slug);
    }
  });

  it("shares one list object between pages with no sidebar piece between them", () => {
    // news-2 and op-3 see the pieces up to op-2 (a page never lists itself); op-3 comes between news-2 and news-3.
    expect(lists.get(get("news-2"))).not.toBe(lists.get(get("news-3")));
    expect(lists.get(get("news-2"))).toBe(lists.get(get("op-3")));
  });

  it("makes nothing for no article, and empty lists for no sidebar section", () => {
    expect(stableSidebarLists([], [OPINION], 5).size).toBe(0);
    const none = stableSidebarLists(articles, [], 5);
    expect([...none.values()].every((l) => l.length === 0)).toBe(true);
  });
});
