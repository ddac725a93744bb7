/** HTML bodies (any source): safety first, then photos, tables, HTML kept where Markdown would lose, escaping. */
import { describe, expect, it } from "vitest";
import { convertBody } from "../../../../src/import/bodies/convertBody.ts";
import { createMarkdown, reviewBodyHtml } from "../../../../src/model/markdown.ts";
import { EMBED_HOSTS, recordingOptions, untidy } from "./support.ts";

const html = (content: string, options = recordingOptions()) => convertBody({ format: "html", content }, options);
const md = createMarkdown("/", {}, { embedHosts: EMBED_HOSTS });
const picture = (src: string, alt: string): string => `<picture data-src="${src}" data-alt="${alt}"></picture>`;
const withPhotos = createMarkdown("/", { picture }, { embedHosts: EMBED_HOSTS });
/** Raw HTML in Markdown: a `<` not escaped by a backslash. */
const rawTag = (name: string): RegExp => new RegExp(`(?<!\\\\)<${name}\\b`, "i");

describe("unsafe HTML never reaches the Markdown", () => {
  const hostile = [
    "<p>Before</p><script>alert(1)</script><noscript>x</noscript>",
    '<p onclick="steal()" style="color:red">Click <a href="javascript:alert(1)">one</a> <a href="jav&#x09;ascript:alert(2)">two</a> <a href="JAVASCRIPT:alert(3)">three</a></p>',
    '<img src="https://old.example/x.jpg" onerror="alert(4)" alt="x"><img src="javascript:alert(5)"><img src="data:image/svg+xml,&lt;svg onload=alert(6)&gt;">',
    '<iframe src="https://evil.example/embed" onload="alert(7)"></iframe><iframe src="javascript:alert(8)"></iframe>',
    '<style>p { color: red }</style><link rel="stylesheet" href="https://evil.example/x.css">',
    '<object data="x.swf"></object><embed src="x.swf"><svg onload="alert(9)"><circle/></svg><math><mi>x</mi></math>',
    '<form action="https://evil.example/"><input name="q"><button formaction="javascript:alert(10)">Go</button></form>',
    '<a href="data:text/html,&lt;script&gt;alert(11)&lt;/script&gt;">data</a><a href="vbscript:msgbox(12)">vb</a>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">',
    '<div style="position:fixed" class="site-banner" id="main">Styled</div><blockquote class="twitter-tweet"><p>Post</p><script src="https://platform.twitter.com/widgets.js"></script></blockquote>',
  ].join("\n");
  const converted = html(hostile);
  const rendered = md.render(converted.markdown);

  it("removes scripts, event handlers, javascript:/data:/vbscript: addresses, styles, forms and plugins", () => {
    for (const name of ["script", "noscript", "style", "link", "object", "embed", "svg", "math", "form", "input", "button", "meta", "base"]) {
      expect(converted.markdown).not.toMatch(rawTag(name));
      expect(rendered).not.toMatch(new RegExp(`<${name}\\b`, "i"));
    }
    expect(converted.markdown).not.toMatch(/\bon[a-z]+\s*=/i);
    expect(converted.markdown).not.toMatch(/javascript:|vbscript:|data:/i);
    expect(converted.markdown).not.toMatch(/style=|class=|id=/);
    expect(rendered).not.toMatch(/javascript:|vbscript:|\bon[a-z]+=|style=/i);
  });

  it("removes an iframe from a host not listed, keeping a link to it", () => {
    expect(converted.markdown).not.toMatch(rawTag("iframe"));
    expect(converted.markdown).toContain("<https://evil.example/embed>");
  });

  it("keeps the text and reports what it removed", () => {
    expect(converted.markdown).toContain("Click one two three");
    expect(converted.markdown).toContain("Styled");
    expect(converted.markdown).toContain("> Post");
    const messages = converted.notes.map((n) => n.message);
    expect(messages).toContain("HTML: <script> removed (scripts never run in the archive)");
    expect(messages).toContain("HTML: onclick attribute of <p> removed (scripts never run in the archive)");
    expect(messages).toContain("HTML: onerror attribute of <img> removed (scripts never run in the archive)");
    expect(messages.some((m) => /javascript: addresses are not allowed/.test(m))).toBe(true);
    // Routine removals (classes, ids, styles) are not worth a note.
    expect(messages.some((m) => /class attribute|id attribute|style attribute/.test(m))).toBe(false);
  });

  it("passes the site's HTML review", () => {
    expect(reviewBodyHtml(md, converted.markdown, EMBED_HOSTS).problems).toEqual([]);
    expect(untidy(converted.markdown)).toEqual([]);
  });

  it("keeps escaped markup as text: it never becomes HTML", () => {
    const { markdown } = html("<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; &amp;lt;</p>");
    expect(markdown).toBe("\\<script>alert(1)\\</script> \\<img src=x onerror=alert(2)> \\&lt;\n");
    expect(md.render(markdown)).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; &amp;lt;</p>\n");
  });
});

describe("Markdown from HTML", () => {
  it("writes ATX headings, - bullets, numbered lists, * and ** emphasis, strikethrough and fenced code", () => {
    const { markdown } = html(
      "<h2>Council <em>votes</em></h2><ul><li>One <strong>bold</strong></li><li>Two<ul><li>Nested</li></ul></li></ul><ol start=\"3\"><li>Three</li><li>Four</li></ol><p><del>Old</del> <s>gone</s></p><pre><code>let x = 1;\n\nconsole.log(`x`);</code></pre><hr>",
    );
    expect(markdown).toBe("## Council *votes*\n\n- One **bold**\n- Two\n  - Nested\n\n3. Three\n4. Four\n\n~~Old~~ ~~gone~~\n\n```\nlet x = 1;\n\nconsole.log(`x`);\n```\n\n---\n");
  });

  it("indents the paragraphs and breaks of a list item under it", () => {
    const { markdown } = html("<ul><li><p>Para one</p><p>Para two</p></li><li>Line<br>break</li></ul>");
    expect(markdown).toBe("- Para one\n\n  Para two\n\n- Line\\\n  break\n");
    expect(md.render(markdown)).toBe("<ul>\n<li>\n<p>Para one</p>\n<p>Para two</p>\n</li>\n<li>\n<p>Line<br>\nbreak</p>\n</li>\n</ul>\n");
  });

  it("escapes text that Markdown would read as syntax", () => {
    const { markdown } = html("<p>*not emphasis* and _not either_</p><p>1. not a list</p><p># not a heading</p><p>- not a bullet</p><p>&gt; not a quote</p><p>[not](a link) ~~not struck~~ `not code`</p>");
    const rendered = md.render(markdown);
    expect(rendered).toBe(
      "<p>*not emphasis* and _not either_</p>\n<p>1. not a list</p>\n<p># not a heading</p>\n<p>- not a bullet</p>\n<p>&gt; not a quote</p>\n<p>[not](a link) ~~not struck~~ `not code`</p>\n",
    );
  });

  it("writes a line break as a backslash break, and none where a paragraph ends", () => {
    expect(html("<p>One<br>two<br></p><p><br>three</p>").markdown).toBe("One\\\ntwo\n\nthree\n");
  });

  it("writes a link whose text is its address as an autolink, and drops links to lost anchors", () => {
    expect(html('<p><a href="https://example.org/a_b">https://example.org/a_b</a> and <a href="#fn1">1</a> and <a href="https://example.org" title="Home">home</a></p>').markdown).toBe(
      '<https://example.org/a_b> and 1 and [home](https://example.org "Home")\n',
    );
  });

  it("keeps as HTML what Markdown cannot say: sup, sub, abbr, mark, q, dl, and an iframe the policy keeps", () => {
    const { markdown } = html(
      '<p>E = mc<sup>2</sup>, H<sub>2</sub>O, <abbr title="World Health Organization">WHO</abbr>, <mark>marked</mark>, <q>quoted</q></p><dl><dt>Term</dt><dd>Meaning</dd></dl><iframe src="https://www.youtube-nocookie.com/embed/abc123def" title="Clip"></iframe>',
    );
    expect(markdown).toContain('E = mc<sup>2</sup>, H<sub>2</sub>O, <abbr title="World Health Organization">WHO</abbr>, <mark>marked</mark>, <q>quoted</q>');
    expect(markdown).toContain("\n\n<dl><dt>Term</dt><dd>Meaning</dd></dl>\n\n");
    expect(markdown).toMatch(/\n\n<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/abc123def" title="Clip" sandbox="allow-scripts allow-presentation allow-popups"[^>]*><\/iframe>\n$/);
    expect(reviewBodyHtml(md, markdown, EMBED_HOSTS).problems).toEqual([]);
  });

  it("turns audio and video (which the site does not play) into links to their files", () => {
    const { markdown } = html('<figure><video controls src="https://old.example/clip.mp4"></video><figcaption>The clip</figcaption></figure><audio><source src="https://old.example/talk.mp3" type="audio/mpeg">No audio</audio>');
    expect(markdown).toBe("[Video: clip.mp4](https://old.example/clip.mp4)\n\nThe clip\n\n[Audio: talk.mp3](https://old.example/talk.mp3)\n");
  });
});

describe("tables", () => {
  it("writes a table with one heading row as a GFM table, pipes escaped, caption before it", () => {
    const { markdown } = html("<table><caption>Results by <em>ward</em></caption><thead><tr><th>Ward</th><th>Votes</th></tr></thead><tbody><tr><td>North | East</td><td>1,204</td></tr><tr><td>South</td><td>987<br>(recount)</td></tr></tbody></table>");
    expect(markdown).toBe("Results by *ward*\n\n| Ward | Votes |\n| --- | --- |\n| North \\| East | 1,204 |\n| South | 987<br>(recount) |\n");
    expect(md.render(markdown)).toContain("<td>987<br>(recount)</td>");
  });

  it("keeps as HTML a table with spanning cells, without a heading row, or with blocks or photos in cells", () => {
    const spans = "<table><tr><th>A</th><th>B</th></tr><tr><td colspan=\"2\">Both</td></tr></table>";
    const headless = "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>";
    const blocks = "<table><tr><th>A</th></tr><tr><td><ul><li>x</li></ul></td></tr></table>";
    const photo = '<table><tr><th>Who</th></tr><tr><td><img src="https://old.example/face.jpg" alt="Face"></td></tr></table>';
    for (const table of [spans, headless, blocks]) {
      const { markdown } = html(table);
      expect(markdown).toMatch(/^<table>[^\n]*<\/table>\n$/);
      expect(reviewBodyHtml(md, markdown, EMBED_HOSTS).problems).toEqual([]);
    }
    expect(html(spans).markdown).toContain('<td colspan="2">Both</td>');
    expect(html(photo).markdown).toBe('<table><tbody><tr><th>Who</th></tr><tr><td><img src="face.jpg" alt="Face"></td></tr></tbody></table>\n');
  });

  it("never leaves a blank line inside kept HTML (it would end the HTML block)", () => {
    const { markdown } = html("<table><tr><td>a</td></tr><tr><td><pre>x\n\n\ny</pre></td></tr></table>");
    expect(markdown).not.toMatch(/\n\s*\n./);
    expect(md.render(markdown)).toContain("<pre>x\n\n\ny</pre>");
  });
});

describe("photos", () => {
  it("writes a found photo in the figure syntax, with its caption, a blank line before and after", () => {
    const options = recordingOptions();
    const { markdown, photos } = html('<p>Before.</p><figure><img src="https://old.example/uploads/quay.jpg" alt="The east quay"><figcaption>Boats at <em>dawn</em>,<br>before the storm.</figcaption></figure><p>After.</p>', options);
    expect(markdown).toBe("Before.\n\n![The east quay](quay.jpg)\nCaption: Boats at *dawn*, before the storm.\n\nAfter.\n");
    expect(options.asked).toEqual([{ url: "https://old.example/uploads/quay.jpg", alt: "The east quay", caption: "Boats at dawn, before the storm." }]);
    expect(photos).toEqual([{ ref: options.asked[0], local: { src: "quay.jpg" } }]);
    expect(withPhotos.render(markdown)).toContain('<figure class="figure"><picture data-src="quay.jpg" data-alt="The east quay"></picture><figcaption>Boats at <em>dawn</em>, before the storm.</figcaption></figure>');
  });

  it("writes a missing photo as a link to its old address, its caption after it, and notes it", () => {
    const { markdown, notes, photos } = html('<figure><img src="https://missing.example/quay.jpg" alt="The quay"><figcaption>Boats at dawn.</figcaption></figure>');
    expect(markdown).toBe("[Photo: The quay](https://missing.example/quay.jpg)\n\nBoats at dawn.\n");
    expect(notes).toEqual([{ message: "photo not found in --media: https://missing.example/quay.jpg" }]);
    expect(photos).toEqual([{ ref: { url: "https://missing.example/quay.jpg", alt: "The quay", caption: "Boats at dawn." } }]);
  });

  it("takes an image inside a link to its own file as the image, and keeps a link to elsewhere after it", () => {
    const same = html('<p><a href="https://old.example/uploads/quay.jpg"><img src="https://old.example/uploads/quay-300x200.jpg" alt="Quay"></a></p>');
    expect(same.markdown).toBe("![Quay](quay-300x200.jpg)\n");
    const elsewhere = html('<p><a href="https://example.org/story"><img src="https://old.example/uploads/quay.jpg" alt="Quay"></a></p>');
    expect(elsewhere.markdown).toBe("![Quay](quay.jpg)\n\n<https://example.org/story>\n");
  });

  it("splits a paragraph around a photo that sat in its text", () => {
    expect(html('<p>Text before <img src="https://old.example/a.jpg" alt="A"> - text after.</p>').markdown).toBe("Text before\n\n![A](a.jpg)\n\n\\- text after.\n");
  });

  it("keeps a photo inline where blocks cannot go (a heading, a link with text)", () => {
    expect(html('<h3>Icon <img src="https://old.example/i.png" alt="i"></h3>').markdown).toBe("### Icon ![i](i.png)\n");
    expect(html('<p><a href="https://example.org/x"><img src="https://missing.example/b.jpg" alt="B"> Read more</a></p>').markdown).toBe("[Photo: B Read more](https://example.org/x)\n");
  });

  it("writes a list of photos (a gallery) as a run of figures", () => {
    const { markdown } = html('<ul><li><figure><img src="https://old.example/1.jpg" alt="One"><figcaption>First</figcaption></figure></li><li><img src="https://old.example/2.jpg" alt="Two"></li></ul>');
    expect(markdown).toBe("![One](1.jpg)\nCaption: First\n\n![Two](2.jpg)\n");
  });

  it("asks for each photo once, in document order, wherever it is (a figure, a kept table, a heading)", () => {
    const options = recordingOptions();
    const { photos } = html(
      '<h2><img src="https://old.example/1.jpg" alt="1"></h2><table><tr><td><img src="https://old.example/2.jpg" alt="2"></td></tr></table><figure><figcaption>Cap</figcaption><img src="https://old.example/3.jpg" alt="3"></figure><img src="https://old.example/4.jpg" alt="4">',
      options,
    );
    expect(options.asked.map((ref) => ref.alt)).toEqual(["1", "2", "3", "4"]);
    expect(photos.map((p) => p.ref.alt)).toEqual(["1", "2", "3", "4"]);
  });

  it("does not ask for a photo the policy removed with its element (a <noscript> copy)", () => {
    const options = recordingOptions();
    const { markdown, photos } = html('<img data-src="https://old.example/lazy.jpg" src="data:image/gif;base64,R0lGOD" alt="Lazy"><noscript><img src="https://old.example/lazy.jpg" alt="Lazy"></noscript>', options);
    expect(markdown).toBe("![Lazy](lazy.jpg)\n");
    expect(options.asked).toHaveLength(1);
    expect(photos).toHaveLength(1);
  });

  it("reads a lazy-loaded image's address and writes a local name with spaces in angle brackets", () => {
    const options = recordingOptions();
    const resolvePhoto = options.resolvePhoto;
    const { markdown } = html('<img src="data:image/gif;base64,R0lGOD" data-src="//old.example/my photo.jpg" alt="Lazy">', { ...options, resolvePhoto: (ref) => (resolvePhoto(ref), { src: "my photo.jpg" }) });
    expect(options.asked[0]?.url).toBe("https://old.example/my photo.jpg");
    expect(markdown).toBe("![Lazy](<my photo.jpg>)\n");
  });

  it("keeps a found photo without alt text or caption as a decorative <img alt=\"\">, says so, and invents no description", () => {
    const { markdown, notes } = html('<img src="https://old.example/a.jpg" alt=""><table><tr><td><img src="https://old.example/b.jpg"></td></tr></table>');
    expect(markdown).toBe('<img src="a.jpg" alt="">\n\n<table><tbody><tr><td><img src="b.jpg" alt=""></td></tr></tbody></table>\n');
    expect(notes).toEqual([{ message: 'photo without alt text or caption, kept as decorative (alt=""): describe it for readers who cannot see it: https://old.example/a.jpg' }]);
  });

  it("uses a photo's caption as its alt text when none was written", () => {
    const { markdown, notes } = html('<figure><img src="https://old.example/a.jpg"><figcaption>The quay at dawn</figcaption></figure>');
    expect(markdown).toBe("![The quay at dawn](a.jpg)\nCaption: The quay at dawn\n");
    expect(notes).toEqual([]);
  });

  it("escapes Markdown in alt text and captions", () => {
    expect(html('<figure><img src="https://old.example/a.jpg" alt="A [bracketed] *name*"><figcaption>Caption: a_b</figcaption></figure>').markdown).toBe(
      "![A \\[bracketed\\] \\*name\\*](a.jpg)\nCaption: Caption: a\\_b\n",
    );
  });
});

describe("output", () => {
  it("is tidy: LF, no trailing spaces, one blank line at most, one final newline", () => {
    const { markdown } = html("<p>One   </p>\r\n\r\n\r\n<p>\u00a0</p><p></p><div><p>Two</p></div>\r\n<blockquote><p>Three</p><p>Four</p></blockquote>");
    expect(markdown).toBe("One\n\nTwo\n\n> Three\n>\n> Four\n");
    expect(untidy(markdown)).toEqual([]);
  });

  it("is empty for an empty body", () => {
    expect(html("").markdown).toBe("");
    expect(html("  <p> </p> ").markdown).toBe("");
  });

  it("is deterministic", () => {
    const body = '<h2>T</h2><p>Text <b>bold</b></p><img src="https://old.example/a.jpg" alt="a"><table><tr><th>a</th></tr><tr><td>b</td></tr></table>';
    expect(html(body)).toEqual(html(body));
  });
});
