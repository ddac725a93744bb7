/** schema.org structured data for article pages, from the same formatters the page uses. */
import { lastModified, type Article } from "../model/article.ts";
import type { SiteConfig } from "../content/siteData.ts";
import { absoluteUrl, HOME_PATH, SEARCH_PATH, sectionPath } from "../model/urls.ts";

export interface NewsArticleJsonLd {
  "@context": "https://schema.org";
  "@type": "NewsArticle";
  headline: string;
  datePublished: string;
  dateModified: string;
  author: Array<{ "@type": "Person"; name: string }> | { "@type": "Organization"; name: string };
  publisher: { "@type": "Organization"; name: string };
  articleSection: string;
  url: string;
  mainEntityOfPage: string;
  description: string;
  keywords?: string[];
  inLanguage: string;
  /**
   * Absolute URLs of the lead photo's crops at 16x9, 4x3 and 1x1 (Google's article guidelines: several aspect ratios,
   * each at least 50,000 pixels), or of its 1200 px JPEG when no crop qualifies.
   */
  image?: string[];
}

export function newsArticleJsonLd(article: Article, site: SiteConfig, sectionName: string, pathPrefix: string, images: string[] = []): NewsArticleJsonLd {
  const url = absoluteUrl(article.url, site.url, pathPrefix);
  const publisher = { "@type": "Organization" as const, name: site.outlet };
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    datePublished: article.published.iso,
    // A correction is a modification: it moves dateModified as `updated` does.
    dateModified: lastModified(article).iso,
    // An unsigned piece (an editorial) is the outlet's own voice.
    author: article.authors.length > 0 ? article.authors.map((name) => ({ "@type": "Person" as const, name })) : publisher,
    publisher,
    articleSection: sectionName,
    url,
    mainEntityOfPage: url,
    description: article.excerpt,
    ...(article.tags.length > 0 ? { keywords: article.tags } : {}),
    inLanguage: site.language,
    ...(images.length > 0 ? { image: images } : {}),
  };
}

/** `WebSite` with a `SearchAction`, on the home page: search engines may offer a search box that lands on /search/. */
export function webSiteJsonLd(site: SiteConfig, pathPrefix: string): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    name: site.outlet,
    url: absoluteUrl(HOME_PATH, site.url, pathPrefix),
    inLanguage: site.language,
    potentialAction: {
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl(SEARCH_PATH, site.url, pathPrefix)}?q={search_term_string}` },
      "query-input": "required name=search_term_string",
    },
  };
}

/** `BreadcrumbList` of an article: home, its section, the article. */
export function breadcrumbJsonLd(article: Article, site: SiteConfig, sectionName: string, pathPrefix: string): Record<string, unknown> {
  const item = (position: number, name: string, path: string) => ({ "@type": "ListItem", position, name, item: absoluteUrl(path, site.url, pathPrefix) });
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: [item(1, site.outlet, HOME_PATH), item(2, sectionName, sectionPath(article.section)), item(3, article.title, article.url)],
  };
}
