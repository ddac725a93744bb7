/** planShards: the search index split by calendar period, newest first: decades, their halves, years and years' parts, each block planned on its own. */
import { describe, expect, it } from "vitest";
import { planShards, type SearchShard } from "../../../src/search/shards.ts";
import type { Article } from "../../../src/model/article.ts";
import { makeArticles, slugs, type ArticleSpec } from "../../support/articleFactory.ts";

/** `n` articles in one month of a year, on distinct days and times. */
function month(year: number, m: number, n: number, prefix = `y${year}m${m}`): ArticleSpec[] {
  const mm = String(m).padStart(2, "0");
  return Array.from({ length: n }, (_, i) => ({ date: `${year}-${mm}-${String(1 + (i % 28)).padStart(2, "0")}T${String(8 + Math.floor(i / 28)).padStart(2, "0")}:00:00+05:00`, slug: `${prefix}-${i}` }));
}

const ids = (shards: SearchShard[]): string[] => shards.map((s) => s.id);
const flat = (shards: SearchShard[]): Article[] => shards.flatMap((s) => s.articles);

describe("planShards", () => {
  it("plans no shard for no article", () => {
    expect(planShards([], 10)).toEqual([]);
  });

  it("keeps an archive of at most the size in one shard, spanning its years", () => {
    const articles = makeArticles([...month(2019, 3, 2), ...month(2021, 7, 1), ...month(2020, 1, 2)]);
    const shards = planShards(articles, articles.length);
    expect(shards).toEqual([{ id: "2019-2021", firstYear: 2019, lastYear: 2021, label: "2019–2021", articles }]);
    expect(shards[0]?.articles).not.toBe(articles);
  });

  it("names a one-year archive by its year alone", () => {
    const articles = makeArticles(month(2023, 5, 3));
    expect(planShards(articles, 10).map((s) => [s.id, s.label])).toEqual([["2023", "2023"]]);
  });

  it("gives each year its own shard, newest first, once the archive is larger than the size", () => {
    const articles = makeArticles([...month(2021, 2, 2), ...month(2023, 6, 2), ...month(2022, 9, 2)]);
    const shards = planShards(articles, 5);
    expect(ids(shards)).toEqual(["2023", "2022", "2021"]);
    expect(shards.map((s) => s.label)).toEqual(["2023", "2022", "2021"]);
    expect(shards.every((s) => s.firstYear === s.lastYear)).toBe(true);
    // Every article once, in the input's newest-first order.
    expect(flat(shards)).toEqual(articles);
  });

  it("does not split a year holding exactly the size", () => {
    const articles = makeArticles([...month(2023, 1, 2), ...month(2023, 12, 2), ...month(2022, 5, 1)]);
    expect(ids(planShards(articles, 4))).toEqual(["2023", "2022"]);
  });

  it("splits a larger year into the fewest of halves, quarters or months that fit, newest part first", () => {
    const halves = makeArticles([...month(2023, 2, 2), ...month(2023, 8, 2), ...month(2022, 1, 1)]);
    const byHalf = planShards(halves, 3);
    expect(byHalf.map((s) => [s.id, s.label, s.articles.length])).toEqual([
      ["2023-h2", "July–December 2023", 2],
      ["2023-h1", "January–June 2023", 2],
      ["2022", "2022", 1],
    ]);

    // Halves would hold 3 and 2: quarters.
    const quarters = makeArticles([...month(2023, 1, 1), ...month(2023, 4, 2), ...month(2023, 10, 2)]);
    expect(planShards(quarters, 2).map((s) => [s.id, s.label])).toEqual([
      ["2023-q4", "October–December 2023"],
      ["2023-q2", "April–June 2023"],
      ["2023-q1", "January–March 2023"],
    ]);

    const months = makeArticles([...month(2023, 1, 2), ...month(2023, 2, 2), ...month(2023, 9, 1)]);
    expect(planShards(months, 2).map((s) => [s.id, s.label])).toEqual([
      ["2023-m09", "September 2023"],
      ["2023-m02", "February 2023"],
      ["2023-m01", "January 2023"],
    ]);
  });

  it("leaves out periods without articles", () => {
    const articles = makeArticles([...month(2023, 1, 3), ...month(2023, 11, 1)]);
    expect(ids(planShards(articles, 3))).toEqual(["2023-h2", "2023-h1"]);
  });

  it("keeps a month larger than the size in one shard: months are the smallest period", () => {
    const articles = makeArticles([...month(2023, 4, 5), ...month(2023, 5, 1)]);
    const shards = planShards(articles, 2);
    expect(shards.map((s) => [s.id, s.articles.length])).toEqual([
      ["2023-m05", 1],
      ["2023-m04", 5],
    ]);
  });

  it("splits a year by its own articles only: a busy year leaves the others' shards as they were", () => {
    const quiet = [...month(2021, 3, 2), ...month(2022, 6, 2)];
    const before = planShards(makeArticles([...quiet, ...month(2023, 2, 2)]), 3);
    const after = planShards(makeArticles([...quiet, ...month(2023, 2, 2), ...month(2023, 9, 3)]), 3);
    const older = (shards: SearchShard[]) => shards.filter((s) => s.firstYear < 2023).map((s) => [s.id, slugs(s.articles)]);
    expect(older(after)).toEqual(older(before));
    expect(ids(after)).toEqual(["2023-h2", "2023-h1", "2022", "2021"]);
  });

  it("keeps a quiet decade or half-decade in one shard named by the years it holds", () => {
    const articles = makeArticles([...month(2003, 5, 1), ...month(2007, 2, 1), ...month(2012, 3, 2), ...month(2016, 8, 2), ...month(2018, 1, 1)]);
    const shards = planShards(articles, 3);
    // The 2010s hold 5: their halves, 2015–2019 (3 articles, in 2016 and 2018) and 2010–2014 (2, all in 2012); the 2000s hold 2.
    expect(shards.map((s) => [s.id, s.label, s.firstYear, s.lastYear, s.articles.length])).toEqual([
      ["2016-2018", "2016–2018", 2016, 2018, 3],
      ["2012", "2012", 2012, 2012, 2],
      ["2003-2007", "2003–2007", 2003, 2007, 2],
    ]);
    expect(flat(shards)).toEqual(articles);
  });

  it("never joins years of different decades, however few their articles", () => {
    const articles = makeArticles([...month(2019, 12, 1), ...month(2020, 1, 1), ...month(2021, 6, 1)]);
    expect(ids(planShards(articles, 2))).toEqual(["2020-2021", "2019"]);
  });

  it("plans each decade by its own articles: a busy decade leaves the others' shards as they were", () => {
    const older = [...month(2004, 3, 2), ...month(2008, 6, 2), ...month(2013, 1, 1)];
    const before = planShards(makeArticles([...older, ...month(2021, 2, 2)]), 4);
    const after = planShards(makeArticles([...older, ...month(2021, 2, 2), ...month(2023, 9, 3), ...month(2026, 1, 3)]), 4);
    const notThe2020s = (shards: SearchShard[]) => shards.filter((s) => s.lastYear < 2020).map((s) => [s.id, slugs(s.articles)]);
    expect(notThe2020s(after)).toEqual(notThe2020s(before));
    expect(ids(before)).toEqual(["2021", "2013", "2004-2008"]);
    // 8 in the 2020s: halves, 2025–2029 (3) and 2020–2024 (5, so its years: 2023 and 2021).
    expect(ids(after)).toEqual(["2026", "2023", "2021", "2013", "2004-2008"]);
  });

  it("takes the year in the site's zone: 31 December 21:00 UTC is 1 January in UTC+5", () => {
    const articles = makeArticles([
      { date: "2023-12-31T21:00:00Z", slug: "new-year" },
      { date: "2023-12-31T18:00:00Z", slug: "old-year" },
      ...month(2022, 6, 1),
    ]);
    const shards = planShards(articles, 1);
    expect(shards.map((s) => [s.id, slugs(s.articles)])).toEqual([
      ["2024", ["new-year"]],
      ["2023", ["old-year"]],
      ["2022", ["y2022m6-0"]],
    ]);
  });
});
