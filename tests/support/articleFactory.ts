/**
 * Articles made in memory for unit tests of the views, search shards and checks:
 * real `Article` objects with real ArchiveTimes (parsed by src/model/dates.ts in
 * the site's zone) and URLs made by src/model/urls.ts, without files on disk.
 */
import type { Article } from "../../src/model/article.ts";
import { compareNewestFirst } from "../../src/model/article.ts";
import { calendarDay, calendarPath, parseArchiveDate, type ArchiveTime } from "../../src/model/dates.ts";
import { articlePath } from "../../src/model/urls.ts";
import type { Section } from "../../src/content/siteData.ts";

/** The fixtures' zone (UTC+5, no daylight saving), as in tests/support/fixtureArchive.ts. */
export const ZONE = "Asia/Karachi";

/** An ArchiveTime from front matter text (`2023-12-09` or `2023-12-09T08:00:00+05:00`), in ZONE unless given. */
export function at(text: string, zone = ZONE): ArchiveTime {
  const parsed = parseArchiveDate(text, zone);
  if (!parsed.ok) throw new Error(`test date ${text}: ${parsed.reason}`);
  return parsed.time;
}

export interface ArticleSpec extends Partial<Omit<Article, "published" | "updated" | "printDate">> {
  /** Publication, as front matter writes it. */
  date: string;
  updated?: string;
  printDate?: string;
}

let made = 0;

/** An article; slug from the title (or `a1`, `a2`...), section `news`, URL and source path from date and slug. */
export function makeArticle(spec: ArticleSpec): Article {
  const { date, updated, printDate, ...rest } = spec;
  const published = at(date);
  const slug = rest.slug ?? (rest.title ? rest.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") : `a${++made}`);
  const day = calendarDay(published);
  const article: Article = {
    sourcePath: `articles/${calendarPath(day.year, day.month)}/${slug}.md`,
    contentHash: `hash-${slug}`,
    bodyOffset: 0,
    title: rest.title ?? slug,
    slug,
    url: articlePath(published, slug),
    section: "news",
    authors: [],
    excerpt: "",
    excerptIsDerived: true,
    tags: [],
    ...rest,
    published,
  };
  if (updated) article.updated = at(updated);
  if (printDate) article.printDate = at(printDate);
  return article;
}

/** Newest first, as the archive keeps its articles (ties by URL). */
export function newestFirst(articles: readonly Article[]): Article[] {
  return [...articles].sort(compareNewestFirst);
}

/** Articles from specs, newest first. */
export function makeArticles(specs: readonly ArticleSpec[]): Article[] {
  return newestFirst(specs.map(makeArticle));
}

export function makeSection(slug: string, pageSize = 20, name = slug[0]?.toUpperCase() + slug.slice(1)): Section {
  return { slug, name, description: "", pageSize };
}

/** Slugs of some articles, to compare orders readably. */
export const slugs = (articles: readonly Article[] | undefined): string[] => (articles ?? []).map((a) => a.slug);
