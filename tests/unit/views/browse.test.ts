/** Browsing by date, author and tag, computed from in-memory articles. */
import { describe, expect, it } from "vitest";
import { BROWSE_PAGE_SIZE, dateArchive, nameListings, nameSlugs } from "../../../src/views/browse.ts";
import type { Article } from "../../../src/model/article.ts";
import { makeArticles, makeSection, slugs } from "../../support/articleFactory.ts";

const SECTIONS = [makeSection("news"), makeSection("opinion"), makeSection("sport")];

const articles = makeArticles([
  { date: "2022-11-20", slug: "autumn" },
  { date: "2023-12-09T08:00:00+05:00", slug: "harbour", section: "news" },
  { date: "2023-12-09T10:00:00+05:00", slug: "column", section: "opinion" },
  { date: "2023-12-09T07:00:00+05:00", slug: "regatta", section: "sport" },
  { date: "2023-12-20", slug: "pier" },
  // 31 December 21:00 UTC: 1 January 2024 in the site's zone (UTC+5).
  { date: "2023-12-31T21:00:00Z", slug: "new-year" },
]);

describe("dateArchive", () => {
  const archive = dateArchive(articles, SECTIONS);

  it("makes a page per day with articles, oldest first, linked to the days before and after", () => {
    expect(archive.days.map((d) => [d.url, d.label, slugs(d.articles)])).toEqual([
      ["/2022/11/20/", "Sunday 20 November 2022", ["autumn"]],
      ["/2023/12/09/", "Saturday 9 December 2023", ["column", "harbour", "regatta"]],
      ["/2023/12/20/", "Wednesday 20 December 2023", ["pier"]],
      ["/2024/01/01/", "Monday 1 January 2024", ["new-year"]],
    ]);
    const [first, second, , last] = archive.days;
    expect(first?.previousDay).toBeUndefined();
    expect(first?.nextDay).toEqual({ url: "/2023/12/09/", label: "Saturday 9 December 2023" });
    expect(second?.previousDay?.url).toBe("/2022/11/20/");
    expect(last?.nextDay).toBeUndefined();
    expect(second?.monthUrl).toBe("/2023/12/");
    expect(second?.monthLabel).toBe("December 2023");
  });

  it("groups a day's articles by section in the sections' order, leaving out empty sections", () => {
    const day = archive.days[1];
    expect(day?.groups.map((g) => [g.section.slug, slugs(g.articles)])).toEqual([
      ["news", ["harbour"]],
      ["opinion", ["column"]],
      ["sport", ["regatta"]],
    ]);
    expect(archive.days[0]?.groups.map((g) => g.section.slug)).toEqual(["news"]);
  });

  it("draws each month as weeks from Monday, padded with empty cells, linking only days with articles", () => {
    const december = archive.months.find((m) => m.url === "/2023/12/");
    expect(december?.count).toBe(4);
    expect(december?.label).toBe("December 2023");
    // 1 December 2023 was a Friday: four empty cells before it; 31 December a Sunday: none after.
    expect(december?.weeks[0]?.slice(0, 5).map((c) => c?.day ?? null)).toEqual([null, null, null, null, 1]);
    expect(december?.weeks.every((w) => w.length === 7)).toBe(true);
    expect(december?.weeks.flat().filter((c) => c !== null)).toHaveLength(31);
    const cells = december?.weeks.flat().filter((c) => c?.url) ?? [];
    expect(cells.map((c) => [c?.day, c?.count, c?.url])).toEqual([
      [9, 3, "/2023/12/09/"],
      [20, 1, "/2023/12/20/"],
    ]);
    expect(archive.months.map((m) => [m.url, m.previousMonth?.url, m.nextMonth?.url])).toEqual([
      ["/2022/11/", undefined, "/2023/12/"],
      ["/2023/12/", "/2022/11/", "/2024/01/"],
      ["/2024/01/", "/2023/12/", undefined],
    ]);
  });

  it("counts each year by month, with the largest month for the chart's scale", () => {
    expect(archive.years.map((y) => [y.url, y.count, y.maxCount, y.previousYear?.url, y.nextYear?.url])).toEqual([
      ["/2022/", 1, 1, undefined, "/2023/"],
      ["/2023/", 4, 4, "/2022/", "/2024/"],
      ["/2024/", 1, 1, "/2023/", undefined],
    ]);
    const year2023 = archive.years[1];
    expect(year2023?.months).toHaveLength(12);
    expect(year2023?.months.filter((m) => m.url).map((m) => [m.name, m.count, m.url])).toEqual([["December", 4, "/2023/12/"]]);
    expect(year2023?.months[0]).toEqual({ month: 1, name: "January", count: 0, url: undefined });
  });

  it("lists the years newest first on /archive/", () => {
    expect(archive.index.url).toBe("/archive/");
    expect(archive.index.years).toEqual([
      { year: 2024, count: 1, url: "/2024/" },
      { year: 2023, count: 4, url: "/2023/" },
      { year: 2022, count: 1, url: "/2022/" },
    ]);
  });

  it("makes only the index, with no year, of an empty archive", () => {
    const empty = dateArchive([], SECTIONS);
    expect(empty.index.years).toEqual([]);
    expect([empty.years, empty.months, empty.days]).toEqual([[], [], []]);
  });
});

describe("nameListings", () => {
  const byAuthors = (list: readonly Article[]) => nameListings(list, (a) => a.authors, "authors", "Authors");

  it("indexes names alphabetically, letter case aside, with their counts and first pages", () => {
    const listed = byAuthors(
      makeArticles([
        { date: "2023-01-01", slug: "a", authors: ["mira Holt", "Rosa Mendes"] },
        { date: "2023-01-02", slug: "b", authors: ["Rosa Mendes", "Rosa Mendes"] },
        { date: "2023-01-03", slug: "c", authors: ["Ann Lee"] },
        { date: "2023-01-04", slug: "d", authors: [] },
      ]),
    );
    expect(listed.index).toHaveLength(1);
    expect(listed.index[0]?.entries).toEqual([
      { name: "Ann Lee", url: "/authors/ann-lee/", count: 1 },
      { name: "mira Holt", url: "/authors/mira-holt/", count: 1 },
      { name: "Rosa Mendes", url: "/authors/rosa-mendes/", count: 2 },
    ]);
    expect(listed.index[0]?.url).toBe("/authors/");
    expect(listed.urlOf.get("Rosa Mendes")).toBe("/authors/rosa-mendes/");
    const rosa = listed.pages.find((p) => p.name === "Rosa Mendes");
    expect([rosa?.url, rosa?.indexUrl, rosa?.count, slugs(rosa?.articles)]).toEqual(["/authors/rosa-mendes/", "/authors/", 2, ["b", "a"]]);
  });

  it(`pages a name's articles newest first, ${BROWSE_PAGE_SIZE} a page numbered from the oldest`, () => {
    const day = (i: number) => `2023-${String(1 + Math.floor(i / 28)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    const many = makeArticles(Array.from({ length: 2 * BROWSE_PAGE_SIZE + 1 }, (_, i) => ({ date: day(i), slug: `t${i + 1}`, tags: ["harbour"] })));
    const listed = nameListings(many, (a) => a.tags, "tags", "Tags");
    expect(listed.pages.map((p) => [p.url, p.pageNumber, p.articles.length, p.span, p.aliases])).toEqual([
      ["/tags/harbour/", undefined, BROWSE_PAGE_SIZE + 1, undefined, ["/tags/harbour/page/2/", "/tags/harbour/page/3/"]],
      ["/tags/harbour/page/1/", 1, BROWSE_PAGE_SIZE, "January 1–20, 2023", undefined],
    ]);
    expect(listed.pages[0]?.articles[0]?.slug).toBe(`t${2 * BROWSE_PAGE_SIZE + 1}`);
    expect(listed.pages[1]?.articles.map((a) => a.slug).at(-1)).toBe("t1");
    // The count is what the front page shows; the numbered page's key leaves it out, so more articles leave it as it is.
    expect(listed.pages.map((p) => p.key)).toEqual([`harbour|${2 * BROWSE_PAGE_SIZE + 1}`, "harbour"]);
  });

  it("makes one empty index page and no name page when no article has a name", () => {
    const listed = byAuthors(makeArticles([{ date: "2023-01-01", slug: "unsigned" }]));
    expect(listed.pages).toEqual([]);
    expect(listed.index.map((p) => [p.url, p.entries])).toEqual([["/authors/", []]]);
  });
});

describe("nameSlugs", () => {
  it("transliterates, and numbers names that slug alike in name (code unit) order", () => {
    const slugsOf = nameSlugs(["harbour", "Zürich", "Harbour", "Café", "HARBOUR!", "harbour"]);
    expect([...slugsOf]).toEqual([
      ["Café", "cafe"],
      ["HARBOUR!", "harbour"],
      ["Harbour", "harbour-2"],
      ["Zürich", "zuerich"],
      ["harbour", "harbour-3"],
    ]);
  });
});
