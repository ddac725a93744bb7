/**
 * Links from article bodies to other articles, found without rendering the
 * Markdown (a scan of the text: cheap enough for 100,000 articles), so that a
 * link to an article that does not exist is reported with its line.
 */
import { SLUG_PATTERN } from "../model/urls.ts";

export interface BodyLink {
  /** Site path of the linked article, normalised to `/yyyy/MM/dd/slug/`. */
  path: string;
  /** 1-based line in the source file. */
  line: number;
}

/** Inline links `[text](target "title")`, reference definitions `[id]: target`, and `href="target"` in raw HTML. */
const LINK_TARGETS = /\]\(\s*<?([^\s)>]+)|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)|href\s*=\s*["']([^"']+)["']/gm;
const ARTICLE_PATH = /^\/(\d{4})\/(\d{2})\/(\d{2})\/([^/]+)\/?$/;

/** Links in `body` (which starts on line `firstLine` of its file) that point at article URLs of this site. */
export function articleLinks(body: string, firstLine: number, siteUrl: string): BodyLink[] {
  // Most bodies link nowhere: three substring searches are much quicker than the pattern's scan.
  if (!body.includes("](") && !body.includes("]:") && !body.includes("href")) return [];
  const origin = siteUrl.replace(/\/+$/, "");
  const links: BodyLink[] = [];
  let line = firstLine;
  let scanned = 0;
  for (const match of body.matchAll(LINK_TARGETS)) {
    let target = match[1] ?? match[2] ?? match[3] ?? "";
    if (target.startsWith(`${origin}/`)) target = target.slice(origin.length);
    target = target.replace(/[?#].*$/, "");
    const parts = ARTICLE_PATH.exec(target);
    if (!parts || !SLUG_PATTERN.test(parts[4] ?? "")) continue;
    for (let i = body.indexOf("\n", scanned); i !== -1 && i < (match.index ?? 0); i = body.indexOf("\n", i + 1)) line++, (scanned = i + 1);
    links.push({ path: `/${parts[1]}/${parts[2]}/${parts[3]}/${parts[4]}/`, line });
  }
  return links;
}
