/** schema.org structured data for article pages, from the same formatters the page uses. */
import { lastModified, type Article } from "./article.ts";
import type { SiteConfig } from "./siteConfig.ts";
import { absoluteUrl } from "./urls.ts";

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
}

export function newsArticleJsonLd(article: Article, site: SiteConfig, sectionName: string, pathPrefix: string): NewsArticleJsonLd {
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
  };
}
