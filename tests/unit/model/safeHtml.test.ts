/** The raw HTML policy of article bodies: every forbidden construct in its own case, embeds, images, and what is reported. */
import { describe, expect, it } from "vitest";
import * as cheerio from "cheerio";
import { htmlToText, sanitizeBodyHtml, urlScheme, type HtmlPolicy } from "../../../src/model/safeHtml.ts";
import { bodyHtmlProblems, createMarkdown, renderArticleBody } from "../../../src/model/markdown.ts";
import { markdownToText } from "../../../src/search/bodyText.ts";
import { deriveExcerpt } from "../../../src/content/excerpt.ts";

const POLICY: HtmlPolicy = { embedHosts: ["www.youtube-nocookie.com"] };

function clean(html: string, policy: HtmlPolicy = POLICY): { html: string; removed: string[] } {
  const removed: string[] = [];
  const out = sanitizeBodyHtml(html, policy, (r) => removed.push(r.message));
  return { html: out, removed };
}

/** Nothing in the output can run: no script element, no handler, no script URL, no style. */
function expectInert(html: string): void {
  const $ = cheerio.load(html, null, false);
  expect($("script, style, object, embed, form, input, button, link, meta, base, svg, math").length).toBe(0);
  $("*").each((_, el) => {
    for (const [name, value] of Object.entries((el as { attribs: Record<string, string> }).attribs)) {
      expect(name).not.toMatch(/^on/i);
      expect(name).not.toBe("style");
      expect(value.replace(/[\u0000-\u0020]/g, "")).not.toMatch(/^(javascript|vbscript|data):/i);
    }
  });
}

describe("forbidden elements", () => {
  it.each([
    ["script", '<p>a</p><script>alert("x")</script>', "<script> removed (scripts never run in the archive)"],
    ["script with src", '<script src="https://evil.example/x.js"></script>', "<script> removed (scripts never run in the archive)"],
    ["uppercase script", "<SCRIPT>alert(1)</SCRIPT>", "<script> removed (scripts never run in the archive)"],
    ["noscript", "<noscript><img src=x onerror=alert(1)></noscript>", "<noscript> removed (scripts never run in the archive)"],
    ["style element", "<style>body { display: none }</style>", "<style> removed (the archive's stylesheet styles every article)"],
    ["link stylesheet", '<link rel="stylesheet" href="https://evil.example/x.css">', "<link> removed (the archive's stylesheet styles every article)"],
    ["form", '<form action="https://evil.example/"><p>Name</p></form>', "<form> removed (forms do not work in an archive)"],
    ["input", '<input type="text" value="x">', "<input> removed (forms do not work in an archive)"],
    ["button", "<button>Go</button>", "<button> removed (forms do not work in an archive)"],
    ["textarea", "<textarea>text</textarea>", "<textarea> removed (forms do not work in an archive)"],
    ["object", '<object data="x.swf"></object>', "<object> removed (plugins and embedded objects are not shown)"],
    ["embed", '<embed src="x.swf">', "<embed> removed (plugins and embedded objects are not shown)"],
    ["svg", "<svg><script>alert(1)</script></svg>", "<svg> removed (SVG and MathML can carry scripts; use an image)"],
    ["meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta> removed (not an element articles may use; its text is kept)"],
    ["base", '<base href="https://evil.example/">', "<base> removed (not an element articles may use; its text is kept)"],
    ["video", '<video src="https://cdn.example/v.mp4"></video>', "<video> removed (it would load content from elsewhere)"],
  ])("%s is removed and reported", (_name, html, message) => {
    const result = clean(html);
    expectInert(result.html);
    expect(result.html).not.toMatch(/alert|evil|body \{/);
    expect(result.removed).toContain(message);
  });

  it("keeps the text of an unknown element, reporting it", () => {
    const result = clean('<p><font color="red">Red text</font></p>');
    expect(result.html).toBe("<p>Red text</p>");
    expect(result.removed).toEqual(["<font> removed (not an element articles may use; its text is kept)"]);
  });

  it("refuses the elements it uses for its own cards when written in a body", () => {
    const result = clean('<archive-embed-card data-host="x" data-href="javascript:alert(1)" data-title="t"></archive-embed-card>');
    expect(result.html).not.toContain("javascript");
    expect(result.html).not.toContain("embed-card");
    expect(result.removed).toEqual(["<archive-embed-card> removed (not an element articles may use; its text is kept)"]);
  });
});

describe("forbidden attributes", () => {
  it("removes the style attribute", () => {
    const result = clean('<p style="position:fixed;top:0">x</p>');
    expect(result.html).toBe("<p>x</p>");
    expect(result.removed).toEqual(["style attribute of <p> removed (the archive's stylesheet styles every article)"]);
  });

  it.each(["onclick", "onload", "onerror", "onmouseover", "onfocus", "onanimationstart", "ONCLICK"])("removes the %s handler", (handler) => {
    const result = clean(`<p ${handler}="alert(1)">x</p><img src="https://old.example/a.jpg" ${handler}="alert(2)">`);
    expectInert(result.html);
    expect(result.html).not.toContain("alert");
    expect(result.removed).toContain(`${handler.toLowerCase()} attribute of <p> removed (scripts never run in the archive)`);
  });

  it("removes id, class and name, which could clobber the page's own", () => {
    const result = clean('<p id="main" class="preview-banner">x</p><a name="top" href="/x/">y</a>');
    expect(result.html).toBe('<p>x</p><a href="/x/">y</a>');
    expect(result.removed).toEqual(["id attribute of <p> removed", "class attribute of <p> removed", "name attribute of <a> removed"]);
  });
});

describe("URLs", () => {
  it.each([
    ["javascript:", '<a href="javascript:alert(1)">x</a>', "javascript"],
    ["uppercase", '<a href="JAVASCRIPT:alert(1)">x</a>', "javascript"],
    ["tab inside, as an entity", '<a href="jav&#x09;ascript:alert(1)">x</a>', "javascript"],
    ["newline inside", '<a href="java\nscript:alert(1)">x</a>', "javascript"],
    ["entity-encoded letters", '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>', "javascript"],
    ["named entity colon", '<a href="javascript&colon;alert(1)">x</a>', "javascript"],
    ["leading spaces and controls", '<a href=" &#x01; javascript:alert(1)">x</a>', "javascript"],
    ["vbscript:", '<a href="vbscript:msgbox(1)">x</a>', "vbscript"],
    ["data: link", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', "data"],
  ])("refuses a %s href", (_name, html, scheme) => {
    const result = clean(html);
    expectInert(result.html);
    expect(result.html).toBe("<a>x</a>");
    expect(result.removed).toEqual([`href of <a> removed: ${scheme}: addresses are not allowed (only http:, https:, mailto:, tel: and paths)`]);
  });

  it.each([
    ["javascript:", '<img src="javascript:alert(1)" alt="x">', "javascript"],
    ["data:", '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="x">', "data"],
    ["vbscript: in uppercase", '<img src="VBScript:x" alt="x">', "vbscript"],
  ])("refuses a %s image src", (_name, html, scheme) => {
    const result = clean(html);
    expect(result.html).toBe("");
    expect(result.removed).toEqual([`<img> with a ${scheme}: address removed (images come from files beside the article)`]);
  });

  it("refuses a javascript: cite on a quotation", () => {
    const result = clean('<blockquote cite="javascript:alert(1)">q</blockquote>');
    expect(result.html).toBe("<blockquote>q</blockquote>");
    expect(result.removed).toEqual(["cite of <blockquote> removed: javascript: addresses are not allowed (only http:, https:, mailto:, tel: and paths)"]);
  });

  it("keeps web, mail and phone links and paths, with the hosting sub-path", () => {
    const result = clean('<a href="https://a.example/">a</a><a href="mailto:x@y.example">b</a><a href="tel:+921234">c</a><a href="/2023/01/02/x/">d</a><a href="#n">e</a>', { ...POLICY, pathPrefix: "/archive/" });
    expect(result.removed).toEqual([]);
    expect(result.html).toBe('<a href="https://a.example/">a</a><a href="mailto:x@y.example">b</a><a href="tel:+921234">c</a><a href="/archive/2023/01/02/x/">d</a><a href="#n">e</a>');
  });

  it("reads schemes as a browser does", () => {
    expect(urlScheme("jav\tascript:x")).toBe("javascript");
    expect(urlScheme("  JavaScript:x")).toBe("javascript");
    expect(urlScheme("/path:with-colon")).toBeUndefined();
    expect(urlScheme("//host/x")).toBeUndefined();
  });
});

describe("links that open a new tab", () => {
  it("get rel=noopener noreferrer", () => {
    expect(clean('<a href="https://a.example/" target="_blank">a</a>').html).toBe('<a href="https://a.example/" target="_blank" rel="noopener noreferrer">a</a>');
  });

  it("keep their own rel values beside them", () => {
    expect(clean('<a href="https://a.example/" target="_blank" rel="nofollow noopener">a</a>').html).toBe('<a href="https://a.example/" target="_blank" rel="nofollow noopener noreferrer">a</a>');
  });
});

describe("what is kept", () => {
  it("keeps a table with caption, head, body, foot and cell spans", () => {
    const table =
      '<table><caption>Votes</caption><colgroup><col span="2"></colgroup><thead><tr><th scope="col">Name</th><th scope="col" colspan="2">Votes</th></tr></thead>' +
      '<tbody><tr><th scope="row">A</th><td rowspan="2">1</td><td>2</td></tr></tbody><tfoot><tr><td colspan="3">Total</td></tr></tfoot></table>';
    const result = clean(table);
    expect(result.html).toBe(table);
    expect(result.removed).toEqual([]);
  });

  it("keeps text markup, quotations, figures, abbreviations, times and code", () => {
    const html =
      '<h2>Head</h2><p lang="fr" dir="ltr">A <em>b</em> <strong>c</strong> <sup>2</sup><sub>3</sub> <abbr title="United Nations">UN</abbr> <time datetime="2023-12-08">today</time><br>d</p><hr>' +
      '<blockquote cite="https://a.example/"><p>Q</p><cite>Someone</cite></blockquote><ul><li>one</li></ul><ol start="3"><li>three</li></ol>' +
      '<pre><code>x &lt; y</code></pre><figure><figcaption>Cap</figcaption></figure><dl><dt>T</dt><dd>D</dd></dl>';
    const result = clean(html);
    // A figure is styled as a Markdown one.
    expect(result.html).toBe(html.replace("<figure>", '<figure class="figure">'));
    expect(result.removed).toEqual([]);
  });
});

describe("embeds", () => {
  it("keeps an iframe from a listed host, sandboxed, lazy, titled, with no referrer", () => {
    const result = clean('<iframe src="https://www.youtube-nocookie.com/embed/abc" width="560" height="315" frameborder="0" allow="autoplay" allowfullscreen></iframe>');
    const $ = cheerio.load(result.html, null, false);
    const frame = $("iframe");
    expect(frame.attr("src")).toBe("https://www.youtube-nocookie.com/embed/abc");
    expect(frame.attr("sandbox")).toBe("allow-scripts allow-presentation allow-popups");
    expect(frame.attr("loading")).toBe("lazy");
    expect(frame.attr("referrerpolicy")).toBe("no-referrer");
    expect(frame.attr("title")).toBe("Embedded content from www.youtube-nocookie.com");
    expect(frame.attr("frameborder")).toBeUndefined();
    expect(result.removed).toEqual([]);
  });

  it("keeps the iframe's own title and replaces its sandbox with the archive's", () => {
    const result = clean('<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Clip" sandbox="allow-top-navigation allow-scripts"></iframe>');
    expect(result.html).toBe('<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Clip" sandbox="allow-scripts allow-presentation allow-popups" loading="lazy" referrerpolicy="no-referrer"></iframe>');
  });

  it("turns an iframe from another host into a link card, reported", () => {
    const result = clean('<iframe src="https://www.youtube.com/embed/abc" title="Clip"></iframe>');
    const $ = cheerio.load(result.html, null, false);
    expect($("iframe").length).toBe(0);
    expect($("aside.embed-card").text()).toContain("www.youtube.com");
    expect($("aside.embed-card a").attr("href")).toBe("https://www.youtube.com/watch?v=abc");
    expect($("aside.embed-card a").text()).toBe("Clip");
    expect(result.removed).toEqual(["<iframe> from www.youtube.com shown as a link (add the host to embedHosts in _data/site.json to embed it)"]);
  });

  it("turns every iframe into a card when no host is listed", () => {
    const result = clean('<iframe src="https://www.youtube-nocookie.com/embed/abc"></iframe>', { embedHosts: [] });
    expect(result.html).toContain('<aside class="embed-card">');
    expect(result.html).not.toContain("<iframe");
  });

  it("keeps no http: iframe, even from a listed host", () => {
    const result = clean('<iframe src="http://www.youtube-nocookie.com/embed/abc"></iframe>');
    expect(result.html).not.toContain("<iframe");
    expect(result.removed).toEqual(["<iframe> from www.youtube-nocookie.com shown as a link (only https:// embeds are kept)"]);
  });

  it("removes an iframe with a script or inline document", () => {
    for (const html of ['<iframe src="javascript:alert(1)"></iframe>', '<iframe srcdoc="<script>alert(1)</script>"></iframe>']) {
      const result = clean(html);
      expect(result.html).toBe("");
      expect(result.removed).toEqual(["<iframe> removed: it has no web address to link to"]);
    }
  });

  it("turns a Twitter embed (blockquote and widget script) into a card that quotes the post", () => {
    const result = clean(
      '<blockquote class="twitter-tweet" data-theme="dark"><p lang="en" dir="ltr">Ferry late again</p>&mdash; Port (@port) <a href="https://twitter.com/port/status/1">December 1, 2023</a></blockquote>\n' +
        '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>',
    );
    expectInert(result.html);
    const $ = cheerio.load(result.html, null, false);
    expect($("aside.embed-card .embed-card-source").text()).toBe("Post on twitter.com, as it was embedded");
    expect($("aside.embed-card blockquote p").text()).toBe("Ferry late again");
    expect($("aside.embed-card a").attr("href")).toBe("https://twitter.com/port/status/1");
    expect($(".twitter-tweet").length).toBe(0);
    expect(result.removed).toEqual(["<script> removed (scripts never run in the archive)"]);
  });

  it("makes an inline card a span, since a paragraph cannot hold an aside", () => {
    const result = clean('<iframe src="https://vimeo.com/1"></iframe>', { ...POLICY, inline: true });
    expect(result.html).toBe('<span class="embed-card">Embedded content from vimeo.com: <a href="https://vimeo.com/1">https://vimeo.com/1</a></span>');
  });
});

describe("images in HTML", () => {
  it("shows a remote image as a link, never fetching it", () => {
    const result = clean('<img src="https://old-cms.example/photos/1.jpg" alt="The quay">');
    expect(result.html).toBe('<a href="https://old-cms.example/photos/1.jpg">Image: The quay</a>');
    expect(result.removed).toEqual(["<img> from old-cms.example shown as a link (remote images are never fetched: save the photo beside the article and use Markdown ![alt](src))"]);
  });

  it("reads a protocol-relative image as https", () => {
    expect(clean('<img src="//cdn.example/a.png">').html).toBe('<a href="https://cdn.example/a.png">Image from cdn.example</a>');
  });

  const picture = (src: string, alt: string) => `<picture data-test="${src}">${alt}</picture>`;

  it("shows a local image through the photo callback, keeping the figure's caption, and reports it as a photo", () => {
    const photos: unknown[] = [];
    const html = sanitizeBodyHtml('<figure><img src="quay.jpg" alt="Quay &amp; pier" width="9" onload="x()"><figcaption>The quay</figcaption></figure>', { embedHosts: [], picture }, undefined, (p) => photos.push(p));
    expect(html).toBe('<figure class="figure"><picture data-test="quay.jpg">Quay & pier</picture><figcaption>The quay</figcaption></figure>');
    expect(photos).toEqual([{ index: 8, src: "quay.jpg", alt: "Quay & pier" }]);
  });

  it("shows a local image as its alt text when it is not processed, and reports its handlers", () => {
    const result = clean('<p>See <img src="quay.jpg" alt="The &quot;quay&quot;" onerror="x()"></p>');
    expect(result.html).toBe('<p>See <span class="photo-missing">The &quot;quay&quot;</span></p>');
    expect(result.removed).toEqual(["onerror attribute of <img> removed (scripts never run in the archive)"]);
  });

  it("tells a missing alt from an empty one", () => {
    const photos: unknown[] = [];
    sanitizeBodyHtml('<img src="a.jpg"><img src="b.jpg" alt="">', { embedHosts: [] }, undefined, (p) => photos.push(p));
    expect(photos).toEqual([{ index: 0, src: "a.jpg" }, { index: 17, src: "b.jpg", alt: "" }]);
  });

  it("refuses the photo marker written in the input", () => {
    const result = clean('<archive-photo data-src="x.jpg" data-alt="X"></archive-photo>');
    expect(result.html).toBe("");
    expect(result.removed).toEqual(["<archive-photo> removed (not an element articles may use; its text is kept)"]);
  });
});

describe("plain text of HTML", () => {
  it("is the text of what is kept, never of a script or style", () => {
    expect(htmlToText('<p>a &amp; b</p><table><tr><td>c</td><td>d</td></tr></table><script>evil()</script><style>p{}</style>')).toBe("a & b c d");
  });
});

describe("HTML in a Markdown body", () => {
  const md = createMarkdown("/", {}, { embedHosts: ["www.youtube-nocookie.com"] });

  it("sanitises inline tags together, leaving the Markdown between them as Markdown renders it", () => {
    expect(md.render('The <abbr title="United Nations">UN</abbr> met *today* <span onclick="x()">[here](/2023/01/02/x/)</span>.')).toBe(
      '<p>The <abbr title="United Nations">UN</abbr> met <em>today</em> <span><a href="/2023/01/02/x/">here</a></span>.</p>\n',
    );
  });

  it("drops the Markdown text inside an inline script", () => {
    expect(md.render("Hello <script>alert(1)</script> there")).toBe("<p>Hello  there</p>\n");
  });

  it("cannot be tricked by the slot markers in its input", () => {
    const html = md.render('A *b* <abbr title="\uE0000\uE001">c</abbr>');
    expect(html).toBe('<p>A <em>b</em> <abbr title="0">c</abbr></p>\n');
  });

  it("keeps a table split by a blank line whole", () => {
    const html = md.render("<table>\n<tr><td>a</td></tr>\n\n<tr><td>b</td></tr>\n</table>\n");
    const $ = cheerio.load(html, null, false);
    expect($("table").length).toBe(1);
    expect($("table td").length).toBe(2);
  });

  it("keeps Markdown's own output byte for byte when a body has no HTML", () => {
    const plain = createMarkdown();
    plain.set({ html: false });
    const body = "A *b* [c](https://x.example/) `d < e`\n\n| x | y |\n|:-|-:|\n| 1 | 2 |\n\n> q\n\n1 &lt; 2";
    expect(renderArticleBody(md, body, "X")).toBe(renderArticleBody(plain, body, "X"));
  });

  it("gives search and excerpts the text only, no markup or script", () => {
    const body = '<p>Lead from the <abbr title="x">CMS</abbr>.</p>\n<script>var secret = 1;</script>\n\nThen <b>bold</b> <script>inline()</script>words.\n';
    const text = markdownToText(md, body);
    expect(text).toBe("Lead from the CMS .\nThen bold words.");
    expect(text).not.toMatch(/secret|inline\(\)|</);
    expect(deriveExcerpt(md, body, 220)).toBe("Lead from the CMS .");
    expect(deriveExcerpt(md, "Then <b>bold</b> <script>inline()</script>words.", 220)).toBe("Then bold words.");
  });

  it("reports each removal at the body line where its element starts", () => {
    const body = [
      "Intro <span onclick=\"x()\">a</span>", // 0
      "and <img src=\"https://old.example/a.jpg\">.", // 1
      "",
      "<table>", // 3
      "<tr><td style=\"color:red\">1</td></tr>", // 4
      "</table>",
      "",
      "<blockquote class=\"twitter-tweet\"><p>x</p>",
      "</blockquote>",
      "<script src=\"https://platform.twitter.com/widgets.js\"></script>", // 9
      "",
      "<iframe src=\"https://www.youtube.com/embed/a\"></iframe>", // 11
    ].join("\n");
    expect(bodyHtmlProblems(md, body, ["www.youtube-nocookie.com"])).toEqual([
      { line: 0, message: "onclick attribute of <span> removed (scripts never run in the archive)" },
      { line: 1, message: "<img> from old.example shown as a link (remote images are never fetched: save the photo beside the article and use Markdown ![alt](src))" },
      { line: 4, message: "style attribute of <td> removed (the archive's stylesheet styles every article)" },
      { line: 9, message: "<script> removed (scripts never run in the archive)" },
      { line: 11, message: "<iframe> from www.youtube.com shown as a link (add the host to embedHosts in _data/site.json to embed it)" },
    ]);
  });
});
