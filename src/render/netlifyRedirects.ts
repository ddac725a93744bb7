/**
 * `_redirects`: the former URLs (`redirect_from`) as 301s for hosts that read
 * the file (Netlify, Cloudflare Pages), under the hosting sub-path.
 *
 * A former URL with a query string (`/?p=1234`) is written in Netlify's query
 * syntax, `from key=value ... to status`: whitespace-separated `key=value`
 * pairs between the path and the target (@netlify/redirect-parser splits a
 * pair at its `=`, reads a value starting with `:` as a placeholder, and takes
 * the first part starting with `/` as the target). Those lines come first,
 * since a rule for a path alone matches that path with any query, and are
 * forced (`301!`): without `!` Netlify serves a file that exists at the path,
 * such as the home page at `/`. A query that is not such pairs cannot be
 * matched: it is left out, with a comment line saying so (the nginx map has
 * it). Cloudflare Pages has no query syntax and ignores those lines.
 */
import { withPrefix } from "../model/urls.ts";
import { splitFormerUrl } from "../views/sitePaths.ts";

/**
 * The `key=value` pairs of a query as `_redirects` can match them, in their
 * order, or undefined when it cannot: each pair needs a key of letters,
 * digits and `_ - . [ ] %` starting with a letter or `_` (so that no pair reads
 * as the target, a status or a comment), a value not starting with `:` (a
 * placeholder), one `=` only, and no key twice.
 */
export function netlifyQueryPairs(query: string): string[] | undefined {
  const pairs = query.split("&");
  const keys = new Set<string>();
  for (const pair of pairs) {
    const match = /^([A-Za-z_][\w.[\]%-]*)=([^=:][^=]*)$/.exec(pair);
    if (!match || keys.has(match[1] ?? "")) return undefined;
    keys.add(match[1] ?? "");
  }
  return pairs;
}

/** The whole file (paths as the loader checked them: no spaces, quotes or angle brackets, so written as they are). */
export function renderNetlifyRedirects(redirects: ReadonlyArray<{ from: string; article: { url: string } }>, pathPrefix: string): string {
  const queryLines: string[] = [];
  const pathLines: string[] = [];
  for (const { from, article } of redirects) {
    const target = withPrefix(article.url, pathPrefix);
    const withQuery = splitFormerUrl(from);
    if (!withQuery) {
      pathLines.push(`${withPrefix(from, pathPrefix)} ${target} 301`);
      continue;
    }
    const pairs = netlifyQueryPairs(withQuery.query);
    queryLines.push(
      pairs
        ? `${withPrefix(withQuery.path, pathPrefix)} ${pairs.join(" ")} ${target} 301!`
        : `# Left out: ${withPrefix(from, pathPrefix)} (to ${target}): its query string is not key=value pairs that _redirects can match; the nginx map has it.`,
    );
  }
  const querySection =
    queryLines.length === 0
      ? []
      : [
          "# Former URLs with a query string, before the paths (a rule for a path alone matches it with any query);",
          "# forced with ! so that a page at their path, such as the home page, does not answer instead.",
          ...queryLines,
        ];
  return ["# Former URLs of articles (redirect_from in their front matter), written by the build.", ...querySection, ...pathLines, ""].join("\n");
}
