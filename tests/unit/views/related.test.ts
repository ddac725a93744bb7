/** Related reading (earlier articles only) and section neighbours, from in-memory articles. */
import { describe, expect, it } from "vitest";
import { RELATED_COUNT, relatedBefore, sectionNeighbours } from "../../../src/views/related.ts";
import type { Article } from "../../../src/model/article.ts";
import { makeArticle, makeArticles, slugs } from "../../support/articleFactory.ts";

const bySlug = (articles: readonly Article[], slug: string): Article => {
  const found = articles.find((a) => a.slug === slug);
  if (!found) throw new Error(`no article ${slug}`);
  return found;
};

describe("relatedBefore", () => {
  it("gives nothing for no article, and nothing to an archive's first article", () => {
    expect(relatedBefore([]).size).toBe(0);
    const articles = makeArticles([
      { date: "2023-01-01", slug: "first", tags: ["harbour"] },
      { date: "2023-01-02", slug: "second", tags: ["harbour"] },
    ]);
    const related = relatedBefore(articles);
    expect(related.has(bySlug(articles, "first"))).toBe(false);
    expect(slugs(related.get(bySlug(articles, "second")))).toEqual(["first"]);
  });

  it("lists only earlier articles, so a new article never changes an older page's list", () => {
    const specs = [
      { date: "2023-01-01", slug: "a", tags: ["harbour"] },
      { date: "2023-01-02", slug: "b", tags: ["harbour"] },
    ];
    const before = makeArticles(specs);
    const after = makeArticles([...specs, { date: "2023-01-03", slug: "c", tags: ["harbour"] }]);
    expect(slugs(relatedBefore(after).get(bySlug(after, "b")))).toEqual(slugs(relatedBefore(before).get(bySlug(before, "b"))));
    expect(slugs(relatedBefore(after).get(bySlug(after, "c")))).toEqual(["b", "a"]);
  });

  it("ranks by shared tags, then newest, then URL for articles published at the same time", () => {
    const articles = makeArticles([
      { date: "2023-01-01", slug: "two-tags-old", tags: ["harbour", "dredging"] },
      { date: "2023-01-05", slug: "one-tag-new", tags: ["harbour"] },
      { date: "2023-01-03T09:00:00+05:00", slug: "tie-b", tags: ["dredging"] },
      { date: "2023-01-03T09:00:00+05:00", slug: "tie-a", tags: ["dredging"] },
      { date: "2023-01-10", slug: "subject", tags: ["harbour", "dredging", "dredging"] },
    ]);
    expect(slugs(relatedBefore(articles).get(bySlug(articles, "subject")))).toEqual(["two-tags-old", "one-tag-new", "tie-a", "tie-b"]);
  });

  it("tops up from the same section, newest first, after the tag matches and without repeats", () => {
    const articles = makeArticles([
      { date: "2023-01-01", slug: "sport-old", section: "sport" },
      { date: "2023-01-02", slug: "news-old", section: "news" },
      { date: "2023-01-03", slug: "tagged", section: "sport", tags: ["regatta"] },
      { date: "2023-01-04", slug: "news-new", section: "news" },
      { date: "2023-01-05", slug: "subject", section: "sport", tags: ["regatta"] },
    ]);
    expect(slugs(relatedBefore(articles).get(bySlug(articles, "subject")))).toEqual(["tagged", "sport-old"]);
  });

  it(`stops at the count (${RELATED_COUNT} by default)`, () => {
    const articles = makeArticles(Array.from({ length: 9 }, (_, i) => ({ date: `2023-02-0${i + 1}`, slug: `p${i + 1}`, tags: ["harbour"] })));
    const newest = bySlug(articles, "p9");
    expect(slugs(relatedBefore(articles).get(newest))).toEqual(["p8", "p7", "p6", "p5", "p4"]);
    expect(slugs(relatedBefore(articles, 2).get(newest))).toEqual(["p8", "p7"]);
  });

  it("picks what the plain definition picks, in a random archive with duplicate tags, shared times and small sections", () => {
    // The definition, written for clarity: every earlier article among each tag's latest twelve, ranked by shared
    // tags, then newest, then URL; topped up from the section's latest twelve.
    const plainRelated = (newestFirst: readonly Article[]): Map<Article, Article[]> => {
      const result = new Map<Article, Article[]>();
      newestFirst.forEach((article, i) => {
        const earlier = newestFirst.slice(i + 1);
        const latest = (keep: (a: Article) => boolean): Article[] => earlier.filter(keep).slice(0, 12);
        const shared = new Map<Article, number>();
        for (const tag of new Set(article.tags)) for (const other of latest((a) => a.tags.includes(tag))) shared.set(other, (shared.get(other) ?? 0) + 1);
        const picks = [...shared]
          .sort(([a, na], [b, nb]) => nb - na || b.published.millis - a.published.millis || (a.url < b.url ? -1 : 1))
          .slice(0, RELATED_COUNT)
          .map(([a]) => a);
        for (const other of latest((a) => a.section === article.section)) if (picks.length < RELATED_COUNT && !picks.includes(other)) picks.push(other);
        if (picks.length > 0) result.set(article, picks);
      });
      return result;
    };
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const specs = Array.from({ length: 600 }, (_, i) => ({
      // Many articles at the same minute, so the date tie and the URL decide.
      date: `2023-${String(1 + random(3)).padStart(2, "0")}-${String(1 + random(28)).padStart(2, "0")}T0${random(2)}:00:00+05:00`,
      slug: `piece-${i}`,
      section: ["news", "opinion", "sport"][random(3)] as string,
      tags: Array.from({ length: random(5) }, () => `tag-${random(9)}`),
    }));
    const articles = makeArticles(specs);
    const expected = plainRelated(articles);
    const related = relatedBefore(articles);
    expect(related.size).toBe(expected.size);
    for (const article of articles) expect(slugs(related.get(article))).toEqual(slugs(expected.get(article)));
  });
});

describe("sectionNeighbours", () => {
  it("links each article to the one before and after it in its section, none past the ends", () => {
    const news = makeArticles([
      { date: "2023-01-01", slug: "n1" },
      { date: "2023-01-02", slug: "n2" },
      { date: "2023-01-03", slug: "n3" },
    ]);
    const sport = [makeArticle({ date: "2023-01-02", slug: "s1", section: "sport" })];
    const neighbours = sectionNeighbours(new Map([["news", news], ["sport", sport]]));
    const of = (a: Article) => {
      const n = neighbours.get(a);
      return { previous: n?.previous?.slug, next: n?.next?.slug };
    };
    expect(of(bySlug(news, "n3"))).toEqual({ previous: "n2", next: undefined });
    expect(of(bySlug(news, "n2"))).toEqual({ previous: "n1", next: "n3" });
    expect(of(bySlug(news, "n1"))).toEqual({ previous: undefined, next: "n2" });
    // Alone in its section: an entry with neither.
    expect(neighbours.get(sport[0] as Article)).toEqual({});
    expect(neighbours.size).toBe(4);
  });

  it("gives nothing for no section", () => {
    expect(sectionNeighbours(new Map()).size).toBe(0);
  });
});
