/** Pages of a fixed size with their URLs and neighbours; a section's pages at /{slug}/page/{n}/. */
import { describe, expect, it } from "vitest";
import { paginate, paginateSection } from "../../../src/views/paginate.ts";
import { makeArticles, makeSection, slugs } from "../../support/articleFactory.ts";

const url = (n: number) => `/list/${n}/`;
const shape = <T>(pages: ReturnType<typeof paginate<T>>) => pages.map((p) => [p.pageNumber, p.pageCount, p.url, p.previousUrl, p.nextUrl, p.items]);

describe("paginate", () => {
  it("makes one empty page of nothing, without neighbours", () => {
    expect(shape(paginate([], 3, url))).toEqual([[1, 1, "/list/1/", undefined, undefined, []]]);
  });

  it("fills pages in order, the last one partly", () => {
    expect(shape(paginate([1, 2, 3, 4, 5], 2, url))).toEqual([
      [1, 3, "/list/1/", undefined, "/list/2/", [1, 2]],
      [2, 3, "/list/2/", "/list/1/", "/list/3/", [3, 4]],
      [3, 3, "/list/3/", "/list/2/", undefined, [5]],
    ]);
  });

  it("adds no empty page after an exact multiple, and a page for one item more", () => {
    expect(paginate([1, 2, 3, 4], 2, url)).toHaveLength(2);
    expect(paginate([1, 2, 3, 4, 5], 4, url).map((p) => p.items)).toEqual([[1, 2, 3, 4], [5]]);
    expect(paginate([1, 2, 3], 5, url)).toHaveLength(1);
  });
});

describe("paginateSection", () => {
  it("pages a section by its page size, the first at /{slug}/ and the others at /{slug}/page/{n}/", () => {
    const section = makeSection("news", 2);
    const articles = makeArticles([1, 2, 3, 4, 5].map((d) => ({ date: `2023-03-0${d}`, slug: `n${d}` })));
    const pages = paginateSection(section, articles);
    expect(pages.map((p) => [p.url, p.previousUrl, p.nextUrl, slugs(p.articles)])).toEqual([
      ["/news/", undefined, "/news/page/2/", ["n5", "n4"]],
      ["/news/page/2/", "/news/", "/news/page/3/", ["n3", "n2"]],
      ["/news/page/3/", "/news/page/2/", undefined, ["n1"]],
    ]);
    expect(pages.every((p) => p.section === section && p.pageCount === 3)).toBe(true);
  });

  it("gives an empty section its first page", () => {
    expect(paginateSection(makeSection("sport", 20), []).map((p) => [p.url, p.articles])).toEqual([["/sport/", []]]);
  });
});
