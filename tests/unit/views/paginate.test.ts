/**
 * Pagination: the A to Z indexes numbered from the front; newest-first listings numbered from their oldest entry,
 * so that one more article changes the front page and at most two numbered pages, whatever the listing's length.
 */
import { describe, expect, it } from "vitest";
import { paginate, paginateFromOldest, paginateSection } from "../../../src/views/paginate.ts";
import { at, makeArticles, makeSection, slugs } from "../../support/articleFactory.ts";

const url = (n: number) => `/list/${n}/`;
const shape = <T>(pages: ReturnType<typeof paginate<T>>) => pages.map((p) => [p.pageNumber, p.pageCount, p.url, p.previousUrl, p.nextUrl, p.items]);

describe("paginate (numbered from the front)", () => {
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

/** Items are numbers, the newest the largest, dated one day apart from 2023-01-01. */
const newestFirst = (count: number) => Array.from({ length: count }, (_, i) => count - i);
const dateOf = (n: number) => at(new Date(Date.UTC(2023, 0, n)).toISOString().slice(0, 10));
const cut = (count: number, size: number) => paginateFromOldest(newestFirst(count), size, "/list/", (n) => `/list/page/${n}/`, dateOf);

describe("paginateFromOldest", () => {
  it("gives an empty or short listing its front page only, without neighbours or numbers", () => {
    expect(cut(0, 3).map((p) => [p.url, p.items, p.nextUrl, p.aliases])).toEqual([["/list/", [], undefined, []]]);
    expect(cut(2, 3).map((p) => [p.url, p.items, p.nextUrl, p.aliases])).toEqual([["/list/", [2, 1], undefined, []]]);
  });

  it("numbers full pages from the oldest; the front page shows the newest full page and what comes after it", () => {
    const pages = cut(11, 3);
    expect(pages.map((p) => [p.url, p.pageNumber, p.previousUrl, p.nextUrl, p.items])).toEqual([
      ["/list/", undefined, undefined, "/list/page/2/", [11, 10, 9, 8, 7]],
      ["/list/page/2/", 2, "/list/", "/list/page/1/", [6, 5, 4]],
      ["/list/page/1/", 1, "/list/page/2/", undefined, [3, 2, 1]],
    ]);
    // The front page shows what page 3 (full) and page 4 (two entries) will hold: those URLs send readers to it.
    expect(pages[0]?.aliases).toEqual(["/list/page/3/", "/list/page/4/"]);
    expect(pages.map((p) => p.span)).toEqual([undefined, "January 4–6, 2023", "January 1–3, 2023"]);
  });

  it("keeps every number a listing numbered from the front had, as a page or an alias of the front page", () => {
    for (let count = 0; count <= 40; count++) {
      for (const size of [1, 2, 3, 5]) {
        const pages = cut(count, size);
        const numbers = new Set([...pages.flatMap((p) => (p.pageNumber ? [p.url] : [])), ...(pages[0]?.aliases ?? [])]);
        const before = paginate(newestFirst(count), size, (n) => (n === 1 ? "/list/" : `/list/page/${n}/`));
        for (const page of before.slice(1)) expect(numbers.has(page.url), `${count} by ${size}: ${page.url}`).toBe(true);
        // Every entry once, every numbered page full, the front page between one and two pages long.
        expect(pages.flatMap((p) => p.items)).toEqual(newestFirst(count));
        expect(pages.slice(1).every((p) => p.items.length === size)).toBe(true);
        expect(pages[0]?.items.length).toBe(count < 2 * size ? count : size + (count % size));
      }
    }
  });

  it("changes the front page and at most two numbered pages when one article comes, whatever the length", () => {
    const size = 4;
    const print = (pages: ReturnType<typeof cut>) => new Map(pages.map((p) => [p.url, JSON.stringify(p)]));
    for (let count = 0; count < 200; count++) {
      const before = print(cut(count, size));
      const after = print(cut(count + 1, size));
      const changed = [...after].filter(([u, page]) => before.get(u) !== page).map(([u]) => u);
      const gone = [...before.keys()].filter((u) => !after.has(u));
      expect(changed.filter((u) => u !== "/list/").length, `${count} → ${count + 1}: ${changed}`).toBeLessThanOrEqual(2);
      expect(gone).toEqual([]);
    }
  });
});

describe("paginateSection", () => {
  it("pages a section by its page size: the front at /{slug}/, numbered pages from the oldest at /{slug}/page/{n}/", () => {
    const section = makeSection("news", 2);
    const articles = makeArticles([1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2023-03-0${d}`, slug: `n${d}` })));
    const pages = paginateSection(section, articles);
    expect(pages.map((p) => [p.url, p.previousUrl, p.nextUrl, slugs(p.articles)])).toEqual([
      ["/news/", undefined, "/news/page/2/", ["n7", "n6", "n5"]],
      ["/news/page/2/", "/news/", "/news/page/1/", ["n4", "n3"]],
      ["/news/page/1/", "/news/page/2/", undefined, ["n2", "n1"]],
    ]);
    expect(pages.map((p) => p.span)).toEqual([undefined, "March 3–4, 2023", "March 1–2, 2023"]);
    expect(pages.every((p) => p.section === section)).toBe(true);
  });

  it("gives an empty section its front page", () => {
    expect(paginateSection(makeSection("sport", 20), []).map((p) => [p.url, p.articles])).toEqual([["/sport/", []]]);
  });
});
