/** `_redirects` (Netlify, Cloudflare Pages): paths as before, former URLs with a query string in Netlify's query syntax. */
import { describe, expect, it } from "vitest";
import { netlifyQueryPairs, renderNetlifyRedirects } from "../../../src/render/netlifyRedirects.ts";

const to = (url: string) => ({ url });

describe("netlifyQueryPairs", () => {
  it("splits key=value pairs, in their order, values as written", () => {
    expect(netlifyQueryPairs("p=1234")).toEqual(["p=1234"]);
    expect(netlifyQueryPairs("lang=EN&p=1")).toEqual(["lang=EN", "p=1"]);
    expect(netlifyQueryPairs("s=caf%C3%A9+au+lait&page_id=2")).toEqual(["s=caf%C3%A9+au+lait", "page_id=2"]);
    expect(netlifyQueryPairs("id=4:5")).toEqual(["id=4:5"]);
  });

  it("refuses what _redirects cannot match: no pairs, empty or placeholder values, a second =, a key twice, keys read otherwise", () => {
    for (const query of ["preview", "p=", "=1", "p=1&", "a=1&&b=2", "id=:id", "a=b=c", "p=1&p=2", "/x=1", "301=x", "#a=1", "https://x=1", "a b=1"]) {
      expect(netlifyQueryPairs(query), query).toBeUndefined();
    }
  });
});

describe("renderNetlifyRedirects", () => {
  it("writes paths alone as before: a header, then one line each", () => {
    expect(renderNetlifyRedirects([{ from: "/news/1", article: to("/2023/01/02/a/") }, { from: "/old/b.html", article: to("/2023/01/03/b/") }], "/")).toBe(
      [
        "# Former URLs of articles (redirect_from in their front matter), written by the build.",
        "/news/1 /2023/01/02/a/ 301",
        "/old/b.html /2023/01/03/b/ 301",
        "",
      ].join("\n"),
    );
    expect(renderNetlifyRedirects([], "/")).toBe("# Former URLs of articles (redirect_from in their front matter), written by the build.\n");
  });

  it("writes query former URLs first, forced, under the sub-path, and says which it leaves out", () => {
    const text = renderNetlifyRedirects(
      [
        { from: "/?p=42", article: to("/2023/01/02/a/") },
        { from: "/index.php", article: to("/2023/01/03/b/") },
        { from: "/index.php?p=7&lang=en", article: to("/2023/01/03/b/") },
        { from: "/?preview", article: to("/2023/01/02/a/") },
      ],
      "/archive/",
    );
    expect(text.split("\n")).toEqual([
      "# Former URLs of articles (redirect_from in their front matter), written by the build.",
      "# Former URLs with a query string, before the paths (a rule for a path alone matches it with any query);",
      "# forced with ! so that a page at their path, such as the home page, does not answer instead.",
      "/archive/ p=42 /archive/2023/01/02/a/ 301!",
      "/archive/index.php p=7 lang=en /archive/2023/01/03/b/ 301!",
      "# Left out: /archive/?preview (to /archive/2023/01/02/a/): its query string is not key=value pairs that _redirects can match; the nginx map has it.",
      "/archive/index.php /archive/2023/01/03/b/ 301",
      "",
    ]);
  });
});
