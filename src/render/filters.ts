/**
 * Template filters: thin wrappers over the archive's formatters (dates, URLs,
 * Markdown, JSON-LD), so templates only present. One table per render context,
 * registered with Eleventy and with the renderer of shared fragments.
 */
import type { MarkdownIt } from "markdown-it";
import { lastModified, type Article } from "../model/article.ts";
import { readArticleBody } from "../content/articleSource.ts";
import { formatDate, type ArchiveTime } from "../model/dates.ts";
import { escapeXml, jsonForScript } from "../model/escape.ts";
import { breadcrumbJsonLd, newsArticleJsonLd, webSiteJsonLd } from "../views/jsonLd.ts";
import { createMarkdown, renderArticleBody } from "../model/markdown.ts";
import { joinNames } from "../model/names.ts";
import { renderNginxRedirectMap } from "./nginxMap.ts";
import { renderNetlifyRedirects } from "./netlifyRedirects.ts";
import { absoluteUrl, assetPath, dayPathOf, feedPath, nameIndexPath, sectionPath, withPrefix } from "../model/urls.ts";
import type { Section } from "../content/siteData.ts";
import type { ListingPage } from "../model/listingPage.ts";
import type { RenderContext } from "./renderContext.ts";
import { cardImage, pictureHtml, structuredDataImages, thumbnailHtml } from "../photos/markup.ts";
import { formatCredit } from "../model/figureSyntax.ts";
import { resolvePhotoPath } from "../photos/photoPaths.ts";
import { escapeHtml } from "../model/escape.ts";

export type Filter = (...args: never[]) => unknown;

export function createFilters(context: RenderContext) {
  const { pathPrefix, contentRoot } = context.options;
  const archive = () => context.archive();
  let markdown: MarkdownIt | undefined;
  const { photos } = context.options;
  /** The article whose body is being rendered: body photos are relative to its file. */
  let rendering: Article | undefined;
  const bodyPicture = (src: string, alt: string): string | undefined => {
    const resolved = rendering ? resolvePhotoPath(rendering.sourcePath, src) : undefined;
    const photo = resolved && "path" in resolved ? photos?.get(resolved.path) : undefined;
    return photo ? pictureHtml(photo, { alt, pathPrefix }) : undefined;
  };
  const leadPhoto = (article: Article) => (article.image ? photos?.get(article.image.path) : undefined);
  const sectionName = (slug: string): string => archive().sectionsBySlug[slug]?.name ?? slug;
  /** Absolute URLs of the lead photo for JSON-LD: its 16x9, 4x3 and 1x1 crops, or the card image when none qualifies. */
  const leadPhotoUrls = (article: Article): string[] => {
    const photo = leadPhoto(article);
    if (!photo) return [];
    return structuredDataImages(photo).map((image) => absoluteUrl(image, archive().site.url, pathPrefix));
  };
  return {
    /** Site path to a link that works under the hosting sub-path. */
    href: (sitePath: string): string => withPrefix(sitePath, pathPrefix),
    /** Canonical absolute URL of a site path. */
    absoluteUrl: (sitePath: string): string => absoluteUrl(sitePath, archive().site.url, pathPrefix),
    /** A section's index page (`/news/`). */
    sectionUrl: (slug: string): string => sectionPath(slug),
    /** Atom feed of a section, or of the whole site without one. */
    feedUrl: (sectionSlug?: string): string => feedPath(sectionSlug),
    /** A file copied from src/assets/ (`/assets/site.css`). */
    assetUrl: (fileName: string): string => assetPath(fileName),
    /** Pages of other kinds this page links to, by kind (`linkedFrom` in src/views/pageKinds.ts). */
    linkedPages: (url: string): Record<string, ListingPage[]> => context.linksFrom(url),
    /** Text for a feed, escaped by escapeXml (which drops what XML 1.0 forbids; autoescaping would keep it): use as `| xml | safe`. */
    xml: (text: string | undefined): string => escapeXml(text ?? ""),
    /** The whole `_redirects.nginx.conf`: the map of former URLs and the hash sizes nginx needs for it. */
    nginxRedirectMap: (redirects: ReadonlyArray<{ from: string; article: Article }>): string => renderNginxRedirectMap(redirects, pathPrefix),
    /** The whole `_redirects` (Netlify, Cloudflare Pages): former URLs with a query string in Netlify's query syntax, then the paths. */
    netlifyRedirects: (redirects: ReadonlyArray<{ from: string; article: Article }>): string => renderNetlifyRedirects(redirects, pathPrefix),
    dateMachine: (time: ArchiveTime): string => formatDate.machine(time),
    dateLong: (time: ArchiveTime): string => formatDate.long(time, archive().site.timezone),
    dateShort: (time: ArchiveTime): string => formatDate.short(time),
    datePrint: (time: ArchiveTime): string => formatDate.print(time),
    /** The day page of a time (`/2023/12/09/`), in the site's zone like article URLs. */
    dayUrl: (time: ArchiveTime): string => dayPathOf(time),
    /** RFC 3339 in the site's zone (Atom). */
    dateRfc3339: (time: ArchiveTime): string => formatDate.rfc3339(time, archive().site.timezone),
    /** When the article last changed (latest correction or update, else publication). */
    lastModified: (article: Article): ArchiveTime => lastModified(article),
    year: (time: ArchiveTime): string => formatDate.year(time),
    /** "A", "A and B", "A, B and C". */
    joinNames: (names: readonly string[]): string => joinNames(names),
    sectionName,
    /** The section object of a slug. */
    sectionOf: (slug: string): Section | undefined => archive().sectionsBySlug[slug],
    /** "12,345". */
    number: (n: number): string => n.toLocaleString("en"),
    /** Page of an author (`/authors/mira-holt/`) or a tag. */
    authorUrl: (name: string): string => archive().authorUrls[name] ?? nameIndexPath("authors"),
    tagUrl: (tag: string): string => archive().tagUrls[tag] ?? nameIndexPath("tags"),
    /** Up to five earlier articles on the same subjects (src/views/related.ts). */
    relatedArticles: (article: Article): Article[] => archive().related.get(article) ?? [],
    /** `{ previous, next }` in the article's section. */
    sectionNeighbours: (article: Article): { previous?: Article; next?: Article } => archive().neighbours.get(article) ?? {},
    /**
     * The article's body as HTML, read from disk now so bodies are never all in memory: through readArticleBody,
     * which refuses a file that is no longer the one validated at load (a symlink, other bytes).
     */
    articleBody: (article: Article): string => {
      rendering = article;
      try {
        return renderArticleBody((markdown ??= createMarkdown(pathPrefix, { picture: bodyPicture }, { embedHosts: archive().site.embedHosts })), readArticleBody(contentRoot, article), article.dateline);
      } finally {
        rendering = undefined;
      }
    },
    /** The lead photo as a figure at full measure (eager: it is the page's largest paint), or "" without one. */
    leadPhoto: (article: Article): string => {
      const photo = leadPhoto(article);
      if (!article.image || !photo) return "";
      const { alt, caption, credit } = article.image;
      const parts = [caption ? escapeHtml(caption) : "", credit ? `<span class="credit">${escapeHtml(formatCredit(credit))}</span>` : ""].filter(Boolean);
      const figcaption = parts.length > 0 ? `<figcaption>${parts.join(" ")}</figcaption>` : "";
      return `<figure class="figure lead-photo">${pictureHtml(photo, { alt, pathPrefix, eager: true })}${figcaption}</figure>`;
    },
    /** A small picture of the lead photo for a listing entry (home and section pages), or "" without one. */
    thumbnail: (article: Article): string => {
      const photo = leadPhoto(article);
      return article.image && photo ? thumbnailHtml(photo, { alt: article.image.alt, pathPrefix }) : "";
    },
    /** The social card of an article with a lead photo: the 1200 px JPEG, absolute; undefined without one. */
    socialImage: (article: Article): { url: string; width: number; height: number; alt: string } | undefined => {
      const photo = leadPhoto(article);
      if (!article.image || !photo) return undefined;
      const card = cardImage(photo);
      return { url: absoluteUrl(card.path, archive().site.url, pathPrefix), width: card.width, height: card.height, alt: article.image.alt };
    },
    /** `BreadcrumbList` JSON-LD of an article (home, section, article), escaped for a `<script>` element. */
    breadcrumbJsonLd: (article: Article): string =>
      jsonForScript(breadcrumbJsonLd(article, archive().site, sectionName(article.section), pathPrefix)),
    /** `WebSite` JSON-LD with the search action, escaped for a `<script>` element. */
    webSiteJsonLd: (): string => jsonForScript(webSiteJsonLd(archive().site, pathPrefix)),
    /** `NewsArticle` JSON-LD, escaped for a `<script>` element. */
    articleJsonLd: (article: Article): string =>
      jsonForScript(newsArticleJsonLd(article, archive().site, sectionName(article.section), pathPrefix, leadPhotoUrls(article))),
  } satisfies Record<string, Filter>;
}

export type Filters = ReturnType<typeof createFilters>;
