/** WordPress specifics on hand-written bodies: block comments, shortcodes, embeds, attachments, wpautop. */
import { describe, expect, it } from "vitest";
import { convertBody, type BodyOptions } from "../../../../src/import/bodies/convertBody.ts";
import { wpautop } from "../../../../src/import/bodies/wpautop.ts";
import { attachments, recordingOptions } from "./support.ts";

const library = attachments({
  "12": { url: "https://news.example/wp-content/uploads/2019/03/harbour.jpg", alt: "Boats in the harbour", caption: "The harbour at dawn.", credit: "Rachel Michetti / CC0" },
  "13": { url: "https://news.example/wp-content/uploads/2019/03/ferry.jpg", alt: "The ferry", caption: "The morning ferry." },
});

function wp(content: string, extra: Partial<BodyOptions> = {}) {
  const options = recordingOptions({ wordpress: library, ...extra });
  return { ...convertBody({ format: "html", content }, options), asked: options.asked };
}

const messages = (notes: { message: string }[]): string[] => notes.map((n) => n.message);

describe("block-editor content", () => {
  it("removes block comments, self-closing ones included, and keeps the blocks' HTML as it is", () => {
    const { markdown } = wp('<!-- wp:heading {"level":3} -->\n<h3 class="wp-block-heading">Council meets</h3>\n<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>The council met\non Tuesday.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:separator {"className":"is-style-wide"} /-->\n<!-- wp:more --><!--more--><!-- /wp:more -->');
    // No wpautop for block content: the newline inside the paragraph is a space, not a break.
    expect(markdown).toBe("### Council meets\n\nThe council met on Tuesday.\n");
  });

  it("finds an image's attachment by its wp-image class: its record gives alt, caption and credit", () => {
    const { markdown, asked } = wp('<!-- wp:image {"id":12} -->\n<figure class="wp-block-image"><img src="https://news.example/wp-content/uploads/2019/03/harbour-1024x683.jpg" alt="" class="wp-image-12"/></figure>\n<!-- /wp:image -->');
    expect(markdown).toBe("![Boats in the harbour](harbour-1024x683.jpg)\nCaption: The harbour at dawn.\nCredit: Rachel Michetti / CC0\n");
    expect(asked).toEqual([{ url: "https://news.example/wp-content/uploads/2019/03/harbour-1024x683.jpg", alt: "Boats in the harbour", caption: "The harbour at dawn.", credit: "Rachel Michetti / CC0" }]);
  });

  it("prefers what the HTML says to the record", () => {
    const { asked } = wp('<figure><img src="https://news.example/wp-content/uploads/2019/03/harbour.jpg" alt="Our alt" class="wp-image-12"><figcaption>Our caption</figcaption></figure>');
    expect(asked).toEqual([{ url: "https://news.example/wp-content/uploads/2019/03/harbour.jpg", alt: "Our alt", caption: "Our caption", credit: "Rachel Michetti / CC0" }]);
  });

  it("finds an attachment by address, a resized copy (name-300x200.jpg) by its original's", () => {
    const { asked } = wp('<p><img src="https://news.example/wp-content/uploads/2019/03/ferry-300x200.jpg?w=300" alt=""></p>');
    expect(asked).toEqual([{ url: "https://news.example/wp-content/uploads/2019/03/ferry-300x200.jpg?w=300", alt: "The ferry", caption: "The morning ferry." }]);
  });

  it("drops a link to the photo's attachment page", () => {
    const { markdown } = wp('<figure><a href="https://news.example/2019/03/story/harbour/"><img src="https://news.example/wp-content/uploads/2019/03/harbour-1024x683.jpg" alt="x"></a></figure>');
    expect(markdown).not.toContain("<https://");
  });
});

describe("shortcodes", () => {
  it("makes a [caption] a figure: its image, its caption, the credit from the attachment, the full-size link dropped", () => {
    const { markdown } = wp('[caption id="attachment_12" align="alignleft" width="300"]<a href="https://news.example/wp-content/uploads/2019/03/harbour.jpg"><img class="size-medium wp-image-12" src="https://news.example/wp-content/uploads/2019/03/harbour-300x200.jpg" alt="Harbour" width="300" height="200" /></a> Boats leave the <em>east</em> quay.[/caption]');
    expect(markdown).toBe("![Harbour](harbour-300x200.jpg)\nCaption: Boats leave the *east* quay.\nCredit: Rachel Michetti / CC0\n");
  });

  it("reads the older caption attribute", () => {
    const { markdown } = wp('[caption id="attachment_13" caption="The ferry at the pier"]<img src="https://news.example/wp-content/uploads/2019/03/ferry.jpg" alt="Ferry" />[/caption]');
    expect(markdown).toBe("![Ferry](ferry.jpg)\nCaption: The ferry at the pier\n");
  });

  it("makes [gallery ids] a run of figures in the given order, noting ids the export lacks", () => {
    const { markdown, notes } = wp('Before.\n\n[gallery columns="2" ids="13, 12,99"]\n\nAfter.');
    expect(markdown).toBe(
      "Before.\n\n![The ferry](ferry.jpg)\nCaption: The morning ferry.\n\n![Boats in the harbour](harbour.jpg)\nCaption: The harbour at dawn.\nCredit: Rachel Michetti / CC0\n\nAfter.\n",
    );
    expect(messages(notes)).toEqual(["[gallery] photo 99 is not among the export's attachments"]);
  });

  it("notes a [gallery] without ids and shows nothing for it", () => {
    const { markdown, notes } = wp("[gallery]\n\nText.");
    expect(markdown).toBe("Text.\n");
    expect(messages(notes)).toEqual([expect.stringMatching(/^\[gallery\] without ids: nothing to show/)]);
  });

  it("embeds [embed] and an address alone on its line: a player iframe when its host is listed, else a link", () => {
    const body = "[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]\n\nhttps://vimeo.com/76979871\n\n<p>https://twitter.com/someone/status/1</p>\n\nSee https://example.org/page in a sentence.";
    const allowed = wp(body);
    expect(allowed.markdown).toMatch(/^<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ" title="Embedded content from www\.youtube-nocookie\.com" sandbox="[^"]+" loading="lazy" referrerpolicy="no-referrer"><\/iframe>\n\n<https:\/\/vimeo\.com\/76979871>\n\n<https:\/\/twitter\.com\/someone\/status\/1>\n\nSee https:\/\/example\.org\/page in a sentence\.\n$/);
    expect(wp(body, { embedHosts: [] }).markdown.startsWith("<https://www.youtube.com/watch?v=dQw4w9WgXcQ>\n\n")).toBe(true);
    expect(wp("https://vimeo.com/76979871", { embedHosts: ["player.vimeo.com"] }).markdown).toMatch(/^<iframe src="https:\/\/player\.vimeo\.com\/video\/76979871"/);
  });

  it("leaves an address inside <pre> alone", () => {
    expect(wp("<pre>\nhttps://example.org/raw\n</pre>").markdown).toBe("```\nhttps://example.org/raw\n```\n");
  });

  it("links [audio] and [video] to their files", () => {
    const { markdown, notes } = wp('[audio src="https://news.example/wp-content/uploads/talk.mp3"]\n\n[audio https://news.example/song.ogg]\n\n[video mp4="https://news.example/clip.mp4" width="640"][/video]\n\n[audio]');
    expect(markdown).toBe("[Audio: talk.mp3](https://news.example/wp-content/uploads/talk.mp3)\n\n[Audio: song.ogg](https://news.example/song.ogg)\n\n[Video: clip.mp4](https://news.example/clip.mp4)\n");
    expect(messages(notes)).toEqual(["[audio] without a file address: nothing to show"]);
  });

  it("keeps unknown shortcodes as text, noted once per name, their content still read", () => {
    const { markdown, notes } = wp('[pullquote align="right"]Strong words.[/pullquote] [poll id="4"] [poll id="5"] [sic] [note /]\n\n[box][caption id="attachment_13"]<img src="https://news.example/wp-content/uploads/2019/03/ferry.jpg" alt="Ferry"> Inside[/caption][/box]');
    expect(markdown).toBe('\\[pullquote align="right"\\]Strong words.\\[/pullquote\\] \\[poll id="4"\\] \\[poll id="5"\\] \\[sic\\] \\[note /\\]\n\n\\[box\\]\n\n![Ferry](ferry.jpg)\nCaption: Inside\n\n\\[/box\\]\n');
    expect(messages(notes)).toEqual(["unknown shortcode [pullquote] kept as text", "unknown shortcode [poll] kept as text", "unknown shortcode [note] kept as text", "unknown shortcode [box] kept as text"]);
  });

  it("prints an escaped shortcode literally", () => {
    const { markdown, notes, asked } = wp('Write [[gallery ids="12"]] to show a gallery, or [[caption]text[/caption]].');
    expect(markdown).toBe('Write \\[gallery ids="12"\\] to show a gallery, or \\[caption\\]text\\[/caption\\].\n');
    expect(notes).toEqual([]);
    expect(asked).toEqual([]);
  });
});

describe("wpautop", () => {
  it("makes paragraphs of blank-line-separated text and line breaks of single newlines", () => {
    expect(wpautop("First line\nsecond line\n\nNew paragraph")).toBe("<p>First line<br />\nsecond line</p>\n<p>New paragraph</p>");
    expect(wp("First line\nsecond line\n\nNew paragraph").markdown).toBe("First line\\\nsecond line\n\nNew paragraph\n");
  });

  it("does not wrap block-level elements, nor the text of a heading or a list item", () => {
    expect(wpautop("<h2>Title</h2>\nText under\n\n<ul>\n\t<li>One</li>\n\t<li>Two\nlines</li>\n</ul>\nAfter")).toBe(
      "<h2>Title</h2>\n<p>Text under</p>\n<ul>\n<li>One</li>\n<li>Two<br />\nlines</li>\n</ul>\n<p>After</p>",
    );
  });

  it("leaves <pre> content untouched", () => {
    expect(wpautop("Before\n<pre>code\n\n  more</pre>\nAfter")).toBe("<p>Before</p>\n<pre>code\n\n  more</pre>\n<p>After</p>");
  });

  it("splits paragraphs at two <br> and moves paragraphs inside a blockquote", () => {
    expect(wpautop("A<br><br>B<br />\nC")).toBe("<p>A</p>\n<p>B<br />\nC</p>");
    expect(wpautop("<blockquote>Quote one\n\nQuote two</blockquote>")).toBe("<blockquote><p>Quote one</p>\n<p>Quote two</p></blockquote>");
  });

  it("does not break inside a tag, and keeps a figcaption next to its image", () => {
    expect(wpautop('Text <a\nhref="x">link</a> end')).toBe('<p>Text <a\nhref="x">link</a> end</p>');
    expect(wpautop('<figure><img src="a.jpg">\n<figcaption>Cap</figcaption></figure>')).toBe('<figure><img src="a.jpg"><figcaption>Cap</figcaption></figure>');
  });

  it("returns nothing for blank text", () => {
    expect(wpautop(" \n\n ")).toBe("");
  });
});
