/**
 * `_redirects.nginx.conf` loads in a real nginx (`nginx -t`) whatever the old
 * URLs are like: with nginx's default bucket of 64 bytes, a key of 47 bytes or
 * more made it refuse the map. The file now sets `map_hash_bucket_size` and
 * `map_hash_max_size` from its keys; nginx must accept it without even the
 * "could not build optimal" warning, and answer an old URL with a 301. Old
 * URLs with a query string (WordPress's `/?p=1234`) are a second map, keyed by
 * the request URI, and get their 301 from a real nginx too.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { hashElementSize, nginxHashSizes, renderNginxRedirectMap, requestUriKey } from "../../src/render/nginxMap.ts";
import { createFixtureArchive, makeTempDir } from "../support/fixtureArchive.ts";
import { findNginx, serveWithNginx, type RunningServer } from "../support/staticServer.ts";

/** The example: 80 characters, an ordinary address of a former CMS. */
const LONG_OLD_URL = "/news/2019/02/harbour-authority-proposes-deepening-the-main-channel-1796094.html";

function nginxBinary(): string {
  const nginx = findNginx();
  if (!nginx) throw new Error("nginx is needed by this test: apt-get install -y nginx-light");
  return nginx;
}

/** `nginx -t` on a minimal configuration that includes the snippet in its http block, as the README says. */
function nginxTest(snippet: string): { status: number; output: string } {
  const dir = makeTempDir("nginx-map-test");
  const snippetFile = path.join(dir, "_redirects.nginx.conf");
  fs.writeFileSync(snippetFile, snippet);
  const user = process.getuid?.() === 0 ? "user root;" : "";
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(
    conf,
    `${user}
pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "error.log")} warn;
events { worker_connections 16; }
http {
  access_log off;
  include ${snippetFile};
  server {
    listen 127.0.0.1:8;
    root ${dir};
    if ($archive_query_redirect) { return 301 $archive_query_redirect; }
    if ($archive_redirect) { return 301 $archive_redirect; }
  }
}
`,
  );
  const run = spawnSync(nginxBinary(), ["-t", "-c", conf, "-p", dir, "-e", path.join(dir, "error.log")], { encoding: "utf8" });
  return { status: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}

/** `count` former URLs of every length a CMS produces, some over 200 bytes, one near 2,000. */
function manyRedirects(count: number): Array<{ from: string; article: { url: string } }> {
  const words = ["harbour", "authority", "proposes", "deepening", "the", "main", "channel", "council", "ferry", "timetable"];
  return Array.from({ length: count }, (_, i) => {
    const slug = Array.from({ length: 1 + (i % 37) }, (_, w) => words[(i + w) % words.length]).join("-");
    const from = i === 7 ? `/archive/${"x".repeat(1990)}` : `/news/${2000 + (i % 20)}/${String(1 + (i % 12)).padStart(2, "0")}/${slug}-${i}.html`;
    return { from, article: { url: `/2019/02/0${1 + (i % 9)}/story-${i}/` } };
  });
}

describe("the hash sizes", () => {
  it("fit the longest key as nginx counts it (a 47-byte key needs more than the default 64)", () => {
    expect(hashElementSize("x".repeat(46)) + 8).toBe(64);
    expect(hashElementSize("x".repeat(47)) + 8).toBe(72);
    expect(hashElementSize("é")).toBe(16); // bytes, not characters
    expect(nginxHashSizes([])).toEqual({ bucketSize: 64, maxSize: 2048 });
    const sizes = nginxHashSizes(manyRedirects(5000).map((r) => r.from));
    expect(sizes.bucketSize).toBeGreaterThanOrEqual(hashElementSize(`/archive/${"x".repeat(1990)}`) + 8);
    expect(Math.log2(sizes.bucketSize) % 1).toBe(0);
    expect(sizes.maxSize).toBeGreaterThanOrEqual(5000);
  });
});

describe("nginx -t on the generated map", () => {
  it("accepts 5,000 long old URLs, without a warning", () => {
    const run = nginxTest(renderNginxRedirectMap(manyRedirects(5000), "/"));
    expect(run.output).not.toMatch(/could not build|\[warn\]|\[emerg\]/);
    expect(run.status, run.output).toBe(0);
  });

  it("accepts 30,000 under a path prefix (nginx's search for a table size changes above 10,000 buckets)", () => {
    const run = nginxTest(renderNginxRedirectMap(manyRedirects(30_000), "/archive/"));
    expect(run.output).not.toMatch(/could not build|\[warn\]|\[emerg\]/);
    expect(run.status, run.output).toBe(0);
  });

  it("keeps one of two old URLs that differ only in case, which nginx would refuse as conflicting", () => {
    const snippet = renderNginxRedirectMap(
      [
        { from: "/News/1796094", article: { url: "/2019/02/01/a/" } },
        { from: "/news/1796094", article: { url: "/2019/02/01/a/" } },
      ],
      "/",
    );
    expect(snippet).toContain('"/News/1796094" "/2019/02/01/a/";');
    expect(snippet).not.toContain('"/news/1796094"');
    const run = nginxTest(snippet);
    expect(run.status, run.output).toBe(0);
  });
});

describe("former URLs with a query string: a second map, on the request URI", () => {
  const redirects = [
    { from: "/news/1796094", article: { url: "/2019/02/01/a/" } },
    { from: "/?p=42", article: { url: "/2019/02/01/a/" } },
    { from: "/index.php?p=42&lang=en", article: { url: "/2019/02/02/b/" } },
    { from: "/café/?s=crème&q='x'", article: { url: "/2019/02/02/b/" } },
    { from: "/?P=42", article: { url: "/2019/02/02/b/" } },
  ];

  it("keys each by the URI a browser sends: path percent-encoded, query as written, under the sub-path", () => {
    expect(requestUriKey("/", "p=42", "/")).toBe("/?p=42");
    expect(requestUriKey("/", "p=42", "/archive/")).toBe("/archive/?p=42");
    expect(requestUriKey("/index.php", "p=42&lang=en", "/")).toBe("/index.php?p=42&lang=en");
    expect(requestUriKey("/café/", "s=crème&q='x'", "/")).toBe("/caf%C3%A9/?s=cr%C3%A8me&q=%27x%27");
    expect(requestUriKey("/a", "q=caf%C3%A9+x&b=/c?d", "/")).toBe("/a?q=caf%C3%A9+x&b=/c?d");
  });

  it("writes them in $archive_query_redirect, keeps the paths' map as it was, and sizes the hash for both", () => {
    const snippet = renderNginxRedirectMap(redirects, "/");
    const [paths, queries] = snippet.split("map $request_uri $archive_query_redirect {");
    expect(paths).toContain('map $uri $archive_redirect {\n  default "";\n  "/news/1796094" "/2019/02/01/a/";\n}\n');
    expect(paths).not.toMatch(/^ {2}".*\?/m);
    expect(queries).toBe(
      [
        "",
        '  default "";',
        '  "/?p=42" "/2019/02/01/a/";',
        '  "/index.php?p=42&lang=en" "/2019/02/02/b/";',
        `  "/caf%C3%A9/?s=cr%C3%A8me&q=%27x%27" "/2019/02/02/b/";`,
        "}",
        "",
      ].join("\n"),
    );
    // nginx folds the case of map keys: /?P=42 would conflict with /?p=42, so the first is kept.
    expect(snippet).not.toContain("/?P=42");
    const longQuery = `/?p=42&${"x".repeat(300)}=1`;
    const sized = renderNginxRedirectMap([...redirects, { from: longQuery, article: { url: "/2019/02/01/a/" } }], "/");
    const bucket = Number(/^map_hash_bucket_size (\d+);$/m.exec(sized)?.[1]);
    expect(bucket).toBeGreaterThanOrEqual(hashElementSize(longQuery) + 8);
  });

  it("writes an empty second map when no former URL has a query, so the server block's line always finds its variable", () => {
    const snippet = renderNginxRedirectMap([{ from: "/news/1796094", article: { url: "/2019/02/01/a/" } }], "/");
    expect(snippet.endsWith('map $request_uri $archive_query_redirect {\n  default "";\n}\n')).toBe(true);
    const run = nginxTest(snippet);
    expect(run.status, run.output).toBe(0);
  });

  it("passes nginx -t, with long query keys too and under a sub-path", () => {
    const many = manyRedirects(3000).map((r, i) => (i % 3 === 0 ? { ...r, from: `/index.php?p=${i}&title=${"long-title-".repeat(1 + (i % 20))}` } : r));
    for (const prefix of ["/", "/archive/"]) {
      const run = nginxTest(renderNginxRedirectMap([...redirects, ...many], prefix));
      expect(run.output).not.toMatch(/could not build|\[warn\]|\[emerg\]/);
      expect(run.status, run.output).toBe(0);
    }
  });
});

describe("a built site's map, served by nginx", () => {
  let site: string;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    const root = createFixtureArchive({
      articles: [
        {
          path: "2019/02/channel.md",
          frontMatter: `title: Harbour authority proposes deepening the main channel\ndate: 2019-02-14T09:00:00+05:00\nsection: news\nredirect_from:\n  - ${LONG_OLD_URL}\n  - /news/1796094\n  - /?p=42\n  - /index.php?p=42&lang=en\n  - /café/?p=7`,
        },
      ],
    });
    site = path.join(makeTempDir("nginx-map-site"), "_site");
    await buildSite({ contentRoot: root, outputDir: site });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("passes nginx -t with an old URL of 80 characters", () => {
    const snippet = fs.readFileSync(path.join(site, "_redirects.nginx.conf"), "utf8");
    expect(snippet).toContain(`"${LONG_OLD_URL}" "/2019/02/14/channel/";`);
    expect(snippet).toMatch(/^map_hash_bucket_size \d+;$/m);
    const run = nginxTest(snippet);
    expect(run.status, run.output).toBe(0);
  });

  it("answers the long old URL with a 301 to the article", async () => {
    server = await serveWithNginx([{ dir: site, pathPrefix: "/", redirects: true }], makeTempDir("nginx-map-serve"));
    const origin = server.urls[0] ?? "";
    const response = await fetch(new URL(LONG_OLD_URL, origin), { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(new URL(response.headers.get("location") ?? "", origin).pathname).toBe("/2019/02/14/channel/");
  });

  it("answers /?p=42 (WordPress's shortlink) and /index.php?p=42&lang=en with a 301 to the article, and / with the home page", async () => {
    server ??= await serveWithNginx([{ dir: site, pathPrefix: "/", redirects: true }], makeTempDir("nginx-map-serve"));
    const origin = server.urls[0] ?? "";
    for (const old of ["/?p=42", "/index.php?p=42&lang=en", "/caf%C3%A9/?p=7", "/?P=42"]) {
      const response = await fetch(new URL(old, origin), { redirect: "manual" });
      expect(response.status, old).toBe(301);
      expect(new URL(response.headers.get("location") ?? "", origin).pathname, old).toBe("/2019/02/14/channel/");
    }
    // Any other query, or none, is the page at the path: the home page is the site's own.
    for (const page of ["/", "/?p=43", "/?p=42&utm_source=x"]) {
      const response = await fetch(new URL(page, origin), { redirect: "manual" });
      expect(response.status, page).toBe(200);
      expect(await response.text()).toContain("Harbour authority proposes deepening the main channel");
    }
  });

  it("writes no redirect page for a query former URL, and lists it in _redirects in Netlify's query syntax", () => {
    expect(fs.existsSync(path.join(site, "index.php"))).toBe(false);
    expect(fs.existsSync(path.join(site, "news", "1796094", "index.html"))).toBe(true);
    expect(fs.readFileSync(path.join(site, "index.html"), "utf8")).not.toContain("has moved to");
    expect(fs.readFileSync(path.join(site, "_redirects"), "utf8").split("\n").filter((l) => l.includes("301!"))).toEqual([
      "/ p=42 /2019/02/14/channel/ 301!",
      "/café/ p=7 /2019/02/14/channel/ 301!",
      "/index.php p=42 lang=en /2019/02/14/channel/ 301!",
    ]);
  });
});
