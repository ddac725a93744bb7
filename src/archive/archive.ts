/**
 * The archive model: every article loaded and validated once, sorted once, and
 * indexed once per build into the slim lists that listings, sidebars and the
 * home page read. No page walks the collection; each reads a precomputed slice.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { compareNewestFirst, type Article } from "./article.ts";
import { countErrors, type Diagnostic } from "./diagnostics.ts";
import { listArticleFiles, parseArticle, type ArticleContext } from "./loadArticles.ts";
import { stableSidebarLists } from "./sidebars.ts";
import { createMarkdown } from "./markdown.ts";
import { DATA_FILES, loadSiteData, type Section, type SiteConfig } from "./siteConfig.ts";
import { sectionPath } from "./urls.ts";

export interface SectionPage {
  section: Section;
  pageNumber: number;
  pageCount: number;
  url: string;
  articles: Article[];
  previousUrl?: string;
  nextUrl?: string;
}

export interface LatestList {
  section: Section;
  url: string;
  articles: Article[];
}

export interface Archive {
  site: SiteConfig;
  sections: Section[];
  /** Plain object so templates can look a section up by slug. */
  sectionsBySlug: Record<string, Section>;
  /** Every published article, newest first. */
  articles: Article[];
  sectionPages: SectionPage[];
  /** Newest articles of every section, in `sections.json` order: the home page. */
  latestBySection: LatestList[];
  /** Newest articles of the sidebar sections (Opinion, Editorial): the shared `latest.json`. */
  sidebarLists: LatestList[];
  /**
   * Per article, the sidebar sections' pieces published before it: what its page
   * shows without JavaScript. It never changes when newer articles arrive, so a
   * publication does not rewrite every page (see src/archive/sidebars.ts).
   */
  sidebarsBefore: ReadonlyMap<Article, LatestList[]>;
  mustRead: Article[];
  draftCount: number;
  diagnostics: Diagnostic[];
  /** What was read from each source file, for the next build's `LoadOptions.cache`. */
  sources: Map<string, CachedSource>;
}

/** The parse result of one source file, remembered between builds by content hash. */
export interface CachedSource {
  hash: string;
  result: { kind: "article"; article: Article } | { kind: "draft" };
  /** Warnings the file produced (shown again on every build until fixed). */
  warnings: Diagnostic[];
}

export type LoadResult = { ok: true; archive: Archive } | { ok: false; diagnostics: Diagnostic[] };

export interface LoadOptions {
  /** Called with the number of article files, then once per file read. */
  onStart?: (files: number) => void;
  onFile?: () => void;
  /**
   * Parse results of a previous build, by source path. A file whose content hash
   * matches is not parsed again. The caller must drop the cache when anything
   * the parse depends on changes (site data, the loader's code).
   */
  cache?: ReadonlyMap<string, CachedSource>;
}

export function loadArchive(root: string, options: LoadOptions = {}): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const siteData = loadSiteData(root, diagnostics);
  if (!siteData) return { ok: false, diagnostics };
  const { site, sections, mustRead } = siteData;
  const sectionsBySlug = new Map(sections.map((s) => [s.slug, s]));
  const context: ArticleContext = { site, sectionsBySlug, markdown: createMarkdown() };

  const articles: Article[] = [];
  const sources = new Map<string, CachedSource>();
  let draftCount = 0;
  const files = listArticleFiles(root);
  options.onStart?.(files.length);
  for (const sourcePath of files) {
    options.onFile?.();
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(root, sourcePath));
    } catch (err) {
      diagnostics.push({ severity: "error", file: sourcePath, message: `cannot be read: ${(err as Error).message}` });
      continue;
    }
    const hash = createHash("sha1").update(bytes).digest("hex");
    let source = options.cache?.get(sourcePath);
    if (source?.hash !== hash) source = parseSource(sourcePath, hash, bytes.toString("utf8"), context, diagnostics);
    else diagnostics.push(...source.warnings);
    if (!source) continue;
    sources.set(sourcePath, source);
    if (source.result.kind === "article") articles.push(source.result.article);
    else draftCount++;
  }

  reportDuplicateUrls(articles, diagnostics);
  articles.sort(compareNewestFirst);
  const mustReadArticles = resolveMustRead(mustRead.articles, articles, site.url, diagnostics);
  if (countErrors(diagnostics) > 0) return { ok: false, diagnostics };

  const bySection = new Map<string, Article[]>(sections.map((s) => [s.slug, []]));
  for (const article of articles) bySection.get(article.section)?.push(article);

  const latest = (section: Section): LatestList => ({
    section,
    url: sectionPath(section.slug),
    articles: (bySection.get(section.slug) ?? []).slice(0, site.latestCount),
  });

  const archive: Archive = {
    site,
    sections,
    sectionsBySlug: Object.fromEntries(sectionsBySlug),
    articles,
    sectionPages: sections.flatMap((s) => paginateSection(s, bySection.get(s.slug) ?? [])),
    latestBySection: sections.map(latest),
    sidebarLists: site.sidebarSections.map((slug) => latest(sectionsBySlug.get(slug) as Section)),
    sidebarsBefore: stableSidebarLists(
      articles,
      site.sidebarSections.map((slug) => sectionsBySlug.get(slug) as Section),
      site.latestCount,
    ),
    mustRead: mustReadArticles,
    draftCount,
    diagnostics,
    sources,
  };
  return { ok: true, archive };
}

/** Parses one file; undefined when it has errors (they are in `diagnostics`, and errors are never cached). */
function parseSource(
  sourcePath: string,
  hash: string,
  text: string,
  context: ArticleContext,
  diagnostics: Diagnostic[],
): CachedSource | undefined {
  const own: Diagnostic[] = [];
  const parsed = parseArticle(sourcePath, text, context, own);
  diagnostics.push(...own);
  if (parsed.kind === "invalid") return undefined;
  const warnings = own.filter((d) => d.severity === "warning");
  if (parsed.kind === "draft") return { hash, result: { kind: "draft" }, warnings };
  return { hash, result: { kind: "article", article: { ...parsed.article, contentHash: hash } }, warnings };
}

function reportDuplicateUrls(articles: readonly Article[], diagnostics: Diagnostic[]): void {
  const firstByUrl = new Map<string, Article>();
  for (const article of articles) {
    const first = firstByUrl.get(article.url);
    if (first) {
      diagnostics.push({
        severity: "error",
        file: article.sourcePath,
        field: "slug",
        message: `URL ${article.url} is already used by ${first.sourcePath} (change the slug or the date of one of them)`,
      });
    } else firstByUrl.set(article.url, article);
  }
}

/** Must Read entries may be URL paths, full URLs on the site's origin, or source paths. */
function resolveMustRead(refs: readonly string[], articles: readonly Article[], origin: string, diagnostics: Diagnostic[]): Article[] {
  const byKey = new Map<string, Article>();
  for (const article of articles) {
    byKey.set(article.url, article);
    byKey.set(article.sourcePath, article);
  }
  const resolved: Article[] = [];
  refs.forEach((ref, i) => {
    let key = ref.trim();
    if (key.startsWith(origin)) key = key.slice(origin.length);
    if (key.startsWith("/") && !key.endsWith("/")) key += "/";
    const article = byKey.get(key);
    if (article) resolved.push(article);
    else {
      diagnostics.push({
        severity: "error",
        file: DATA_FILES.mustRead,
        field: `articles.${i}`,
        message: `"${ref}" is not a published article (give its URL, like /2023/12/09/slug/, or its file, like articles/2023/12/slug.md)`,
      });
    }
  });
  return resolved;
}

export function paginateSection(section: Section, articles: readonly Article[]): SectionPage[] {
  const pageCount = Math.max(1, Math.ceil(articles.length / section.pageSize));
  const pages: SectionPage[] = [];
  for (let n = 1; n <= pageCount; n++) {
    pages.push({
      section,
      pageNumber: n,
      pageCount,
      url: sectionPath(section.slug, n),
      articles: articles.slice((n - 1) * section.pageSize, n * section.pageSize),
      previousUrl: n > 1 ? sectionPath(section.slug, n - 1) : undefined,
      nextUrl: n < pageCount ? sectionPath(section.slug, n + 1) : undefined,
    });
  }
  return pages;
}
