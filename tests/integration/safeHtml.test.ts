/**
 * A fixture archive with hostile and CMS-style HTML in its bodies, built with the real pipeline: the pages carry no
 * script, handler or script URL from a body, tables and cards are there, and `npm run check` names every removal.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { createFixtureArchive, makeTempDir } from "../support/fixtureArchive.ts";
import { listFiles, loadPage } from "../support/html.ts";
import { runCli } from "../support/buildCli.ts";

const HOSTILE = [
  'Readers wrote <b onmouseover="steal()">in anger</b> and <a href="jav&#x09;ascript:alert(1)" target="_blank">clicked</a>.', // 6
  "",
  '<script>document.cookie = "x"</script>', // 8
  "",
  '<p style="position:fixed" onclick="alert(1)">Styled <a href="JAVASCRIPT:alert(2)">link</a> and <a href="https://example.org/" target="_blank">an outside one</a>.</p>', // 10
  "",
  '<form action="https://evil.example/"><input name="card"><button>Pay</button></form>', // 12
  "",
  '<object data="x.swf"></object><embed src="y.swf">', // 14
  "",
  '<img src="x.png" alt="A cup of coffee" onerror="alert(3)"><img src="data:image/png;base64,AAAA"><img src="https://old-cms.example/quay.jpg" alt="The quay">', // 16
  "",
  '<svg><script>alert(4)</script></svg><a href="vbscript:msgbox(1)">vb</a>', // 18
  "",
].join("\n");

const RICH = [
  "The results, ward by ward:", // 6
  "",
  "<table>", // 8
  "<caption>Harbour ward result</caption>",
  '<thead><tr><th scope="col">Candidate</th><th scope="col">Votes</th></tr></thead>',
  '<tbody><tr><th scope="row">Holt</th><td>1,204</td></tr></tbody>',
  '<tfoot><tr><td colspan="2">Turnout 48%</td></tr></tfoot>',
  "</table>",
  "",
  '<iframe src="https://www.youtube.com/embed/abc123" title="Count night"></iframe>', // 15
  "",
  '<iframe src="https://www.youtube-nocookie.com/embed/abc123" width="560" height="315"></iframe>', // 17
  "",
  '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Ferry late again</p>&mdash; Harbour Watch (@hw) <a href="https://twitter.com/hw/status/1">December 1, 2023</a></blockquote>', // 19
  '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>', // 20
  "",
].join("\n");

const FRONT = (title: string) => `title: "${title}"\ndate: 2023-12-08T10:00:00+05:00\nsection: news`;
const HOSTILE_FILE = "articles/2023/12/hostile.md";
const RICH_FILE = "articles/2023/12/rich.md";

let root: string;
let site: string;

beforeAll(async () => {
  root = createFixtureArchive({
    site: { embedHosts: ["www.youtube-nocookie.com"] },
    articles: [
      { path: "2023/12/hostile.md", frontMatter: FRONT("Hostile"), body: HOSTILE },
      { path: "2023/12/rich.md", frontMatter: FRONT("Rich"), body: RICH },
      { path: "2023/12/plain.md", frontMatter: FRONT("Plain"), body: "Nothing but text.\n" },
    ],
  });
  // A local <img> is a photo of the article, processed like a Markdown one.
  fs.copyFileSync(path.resolve(import.meta.dirname, "../../../shared/fixtures/photos/coffee.png"), path.join(root, "articles/2023/12/x.png"));
  site = path.join(makeTempDir("safe-html-site"), "_site");
  await buildSite({ contentRoot: root, outputDir: site });
}, 120_000);

describe("built pages", () => {
  it("carry no script, handler, style attribute or script URL from a body", () => {
    for (const url of ["/2023/12/08/hostile/", "/2023/12/08/rich/"]) {
      const $ = loadPage(site, url);
      const body = $(".article-body");
      expect(body.find("script, style, form, input, button, object, embed, svg").length, url).toBe(0);
      body.find("*").each((_, el) => {
        for (const [name, value] of Object.entries((el as { attribs: Record<string, string> }).attribs)) {
          expect(name, url).not.toMatch(/^on/i);
          expect(name, url).not.toBe("style");
          expect(value.replace(/[\u0000-\u0020]/g, ""), url).not.toMatch(/^(javascript|vbscript|data):/i);
        }
      });
      expect(body.html(), url).not.toMatch(/alert|steal|document\.cookie|widgets\.js/);
    }
  });

  it("has no on* attribute and no javascript: URL anywhere in the site's HTML", () => {
    for (const file of listFiles(site).filter((f) => f.endsWith(".html"))) {
      const $ = loadPage(site, `/${file}`);
      $("*").each((_, el) => {
        for (const [name, value] of Object.entries((el as { attribs: Record<string, string> }).attribs)) {
          expect(name, file).not.toMatch(/^on/i);
          expect(value, file).not.toMatch(/^\s*javascript:/i);
        }
      });
    }
  });

  it("keeps the table, the listed host's sandboxed iframe, and makes cards of the rest", () => {
    const $ = loadPage(site, "/2023/12/08/rich/");
    expect($(".article-body table caption").text()).toBe("Harbour ward result");
    expect($(".article-body table tfoot td").attr("colspan")).toBe("2");
    const frames = $(".article-body iframe");
    expect(frames.length).toBe(1);
    expect(frames.attr("src")).toBe("https://www.youtube-nocookie.com/embed/abc123");
    expect(frames.attr("sandbox")).toBe("allow-scripts allow-presentation allow-popups");
    expect(frames.attr("loading")).toBe("lazy");
    expect(frames.attr("referrerpolicy")).toBe("no-referrer");
    expect(frames.attr("title")).toBe("Embedded content from www.youtube-nocookie.com");
    const cards = $(".article-body aside.embed-card");
    expect(cards.length).toBe(2);
    expect(cards.eq(0).find("a").attr("href")).toBe("https://www.youtube.com/watch?v=abc123");
    expect(cards.eq(1).find("blockquote p").text()).toBe("Ferry late again");
  });

  it("shows a remote image as a link and opens outside links without an opener", () => {
    const $ = loadPage(site, "/2023/12/08/hostile/");
    expect($('.article-body a[href="https://old-cms.example/quay.jpg"]').text()).toBe("Image: The quay");
    // The only image is the local photo's, as a lazy <picture>; the remote one is a link.
    expect($(".article-body img").length).toBe(1);
    expect($(".article-body picture img").attr("alt")).toBe("A cup of coffee");
    expect($(".article-body picture img").attr("loading")).toBe("lazy");
    $(".article-body a[target]").each((_, el) => expect($(el).attr("rel")).toContain("noopener"));
    expect($('.article-body a[href="https://example.org/"]').attr("rel")).toBe("noopener noreferrer");
  });
});

describe("npm run check", () => {
  it("names every removal with its file and line, and passes (warnings only)", async () => {
    const result = await runCli("check", ["--root", root]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n").filter((l) => l.includes("warning: body:"));
    const w = (file: string, line: number, message: string) => `${file}:${line}: warning: body: ${message}`;
    expect(lines).toEqual([
      w(HOSTILE_FILE, 6, "onmouseover attribute of <b> removed (scripts never run in the archive)"),
      w(HOSTILE_FILE, 6, "href of <a> removed: javascript: addresses are not allowed (only http:, https:, mailto:, tel: and paths)"),
      w(HOSTILE_FILE, 8, "<script> removed (scripts never run in the archive)"),
      w(HOSTILE_FILE, 10, "style attribute of <p> removed (the archive's stylesheet styles every article)"),
      w(HOSTILE_FILE, 10, "onclick attribute of <p> removed (scripts never run in the archive)"),
      w(HOSTILE_FILE, 10, "href of <a> removed: javascript: addresses are not allowed (only http:, https:, mailto:, tel: and paths)"),
      w(HOSTILE_FILE, 12, "<form> removed (forms do not work in an archive)"),
      w(HOSTILE_FILE, 12, "<input> removed (forms do not work in an archive)"),
      w(HOSTILE_FILE, 12, "<button> removed (forms do not work in an archive)"),
      w(HOSTILE_FILE, 14, "<object> removed (plugins and embedded objects are not shown)"),
      w(HOSTILE_FILE, 14, "<embed> removed (plugins and embedded objects are not shown)"),
      w(HOSTILE_FILE, 16, "onerror attribute of <img> removed (scripts never run in the archive)"),
      w(HOSTILE_FILE, 16, "<img> with a data: address removed (images come from files beside the article)"),
      w(HOSTILE_FILE, 16, "<img> from old-cms.example shown as a link (remote images are never fetched: save the photo beside the article and use Markdown ![alt](src))"),
      w(HOSTILE_FILE, 18, "<svg> removed (SVG and MathML can carry scripts; use an image)"),
      w(HOSTILE_FILE, 18, "href of <a> removed: vbscript: addresses are not allowed (only http:, https:, mailto:, tel: and paths)"),
      w(RICH_FILE, 15, "<iframe> from www.youtube.com shown as a link (add the host to embedHosts in _data/site.json to embed it)"),
      w(RICH_FILE, 20, "<script> removed (scripts never run in the archive)"),
    ]);
  });
});
