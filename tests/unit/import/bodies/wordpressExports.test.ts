/**
 * The converter on WordPress's own theme test exports (../shared/fixtures/wordpress): classic-editor bodies with
 * shortcodes and block-editor bodies with block comments.
 */
import { describe, expect, it } from "vitest";
import { convertBody } from "../../../../src/import/bodies/convertBody.ts";
import { createMarkdown, reviewBodyHtml } from "../../../../src/model/markdown.ts";
import { EMBED_HOSTS, readExport, recordingOptions, untidy, type ExportPost, type WordPressExport } from "./support.ts";

const classic = readExport("themeunittestdata.wordpress.xml");
const blocks = readExport("64-block-test-data.xml");

function post(from: WordPressExport, title: string): ExportPost {
  const found = from.posts.find((p) => p.title === title);
  if (!found) throw new Error(`no post "${title}" in the export`);
  return found;
}

function convert(from: WordPressExport, title: string, missing = false) {
  const options = recordingOptions({ wordpress: from.wordpress });
  const resolvePhoto = options.resolvePhoto;
  const converted = convertBody({ format: "html", content: post(from, title).body }, missing ? { ...options, resolvePhoto: (ref) => (resolvePhoto(ref), undefined) } : options);
  return { ...converted, asked: options.asked };
}

const figures = (markdown: string): string[] => markdown.split(/\n\n/).filter((block) => /^!\[[^\]]*\]\([^)]+\)(\nCaption: .+)?(\nCredit: .+)?$/.test(block));

describe("WordPress theme unit test export (classic editor)", () => {
  it("reads the fixture", () => {
    expect(classic.posts.length).toBeGreaterThan(50);
    expect(classic.attachmentCount).toBeGreaterThan(20);
  });

  it("makes figures of the [caption] shortcodes of “Markup: Image Alignment”", () => {
    const { markdown, asked } = convert(classic, "Markup: Image Alignment");
    expect(markdown).not.toMatch(/\[caption |\[\/caption\]/);
    expect(markdown).toContain("![Image Alignment 580x300](image-alignment-580x300.jpg)\nCaption: Look at 580x300 getting some [caption](https://en.support.wordpress.com/images/image-settings/ \"Image Settings\") love.\n");
    expect(markdown).toContain("![Image Alignment 150x150](image-alignment-150x150.jpg)\nCaption: Bigger caption than the image usually is.\n");
    expect(markdown).toContain("![Image Alignment 300x200](image-alignment-300x200.jpg)\nCaption: Feels good to be right all the time.\n");
    // Eleven images in the post, each asked for once, in document order.
    expect(asked).toHaveLength(11);
    expect(asked[0]?.alt).toBe("Image Alignment 580x300");
    expect(asked.filter((ref) => ref.caption).map((ref) => ref.caption)).toEqual([
      "Look at 580x300 getting some caption love.",
      "Bigger caption than the image usually is.",
      "Comment for massive image for your eyeballs.",
      "This massive image is centered.",
      "Feels good to be right all the time.",
    ]);
  });

  it("paragraphs classic-editor text as wpautop does", () => {
    const { markdown } = convert(classic, "Markup: Image Alignment");
    expect(markdown.startsWith("Welcome to image alignment! The best way")).toBe(true);
    expect(markdown).toContain("Grab a paddle and let's get started.\n\nOn the topic of alignment,");
    expect(markdown).toContain("\n\nThe image above happens to be ***centered***.\n\n");
    // The text after a floated image is its own paragraph, without a leading space.
    expect(markdown).toContain("\n\nThe rest of this paragraph is filler");
  });

  it("keeps the caption given as an attribute and drops the link to the full-size file", () => {
    const { markdown } = convert(classic, "Post Format: Image (Linked)");
    expect(markdown).toBe("![chunk of resinous blackboy husk](dsc20040724_152504_532.jpg)\nCaption: Chunk of resinous blackboy husk, Clarkson, Western Australia. This burns like a spinifex log.\n");
  });

  it("makes a [gallery ids=...] a run of figures from the attachment records (the caption as alt text when none was written), and notes what it cannot show", () => {
    const { markdown, notes } = convert(classic, "Post Format: Gallery (Tiled)");
    expect(markdown).not.toContain("[gallery");
    expect(figures(markdown)).toEqual([
      "![Golden Gate Bridge](100_5540.jpg)\nCaption: Golden Gate Bridge",
      "![Boardwalk at Westport, WA](dcp_2082.jpg)\nCaption: Boardwalk at Westport, WA",
      "![Boats and reflections, Royal Perth Yacht Club](dsc03149.jpg)\nCaption: Boats and reflections, Royal Perth Yacht Club",
      "![Sydney Harbor Bridge](dsc09114.jpg)\nCaption: Sydney Harbor Bridge",
      "![Beach at Big Sur, CA](michelle_049.jpg)\nCaption: Beach at Big Sur, CA",
    ]);
    expect(notes.map((n) => n.message)).toContain("[gallery] photo 763 is not among the export's attachments");
    const bare = convert(classic, "Post Format: Gallery");
    expect(bare.markdown).not.toContain("gallery columns");
    expect(bare.notes.map((n) => n.message)).toEqual([expect.stringMatching(/^\[gallery\] without ids: nothing to show/)]);
  });

  it("turns an HTML table into a GFM table", () => {
    const { markdown } = convert(classic, "Markup: HTML Tags and Formatting");
    expect(markdown).toContain(
      "| Employee | Salary |     |\n| --- | --- | --- |\n| [John Doe](http://example.org/) | $1  | Because that's all Steve Jobs needed for a salary. |\n",
    );
    expect(markdown).toContain("E = MC<sup>2</sup>");
    expect(markdown).toContain("<dl><dt>Definition List Title</dt>");
    // <strike> (obsolete, refused by the policy) is read as <s>.
    expect(markdown).toContain("This tag shows ~~strike-through~~ ~~text~~.");
  });

  it("links an audio shortcode and embeds a YouTube address when its player host is allowed", () => {
    expect(convert(classic, "Post Format: Audio").markdown).toContain(
      "[Audio: originaldixielandjazzbandwithalbernard-stlouisblues.mp3](https://wpthemetestdata.files.wordpress.com/2008/06/originaldixielandjazzbandwithalbernard-stlouisblues.mp3)",
    );
    expect(convert(classic, "Post Format: Video (YouTube)").markdown).toMatch(/^<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/SQEQr7c0-dw"/);
    expect(convert(classic, "Media: Twitter Embeds").markdown).toMatch(/^<https:\/\/twitter\.com\/nacin\/status\/319508408669708289>\n/);
  });

  it("writes a link to the old address for a photo not found, and notes it", () => {
    const { markdown, notes } = convert(classic, "Post Format: Image (Caption)", true);
    expect(markdown).toBe("[Photo: Bell on Wharf](https://wpthemetestdata.files.wordpress.com/2008/06/100_5478.jpg?w=604)\n\nBell on wharf in San Francisco\n");
    expect(notes).toEqual([{ message: "photo not found in --media: https://wpthemetestdata.files.wordpress.com/2008/06/100_5478.jpg?w=604" }]);
  });
});

describe("WordPress block-editor export", () => {
  it("removes block comments and does not paragraph block content again", () => {
    const { markdown } = convert(blocks, "Paragraph");
    expect(markdown).not.toMatch(/wp:|<!--/);
    expect(markdown).not.toContain("<p>");
    for (const p of blocks.posts) expect(convertBody({ format: "html", content: p.body }, recordingOptions({ wordpress: blocks.wordpress })).markdown).not.toMatch(/<!--\s*\/?wp:/);
  });

  it("makes a gallery block a run of figures with their captions, the gallery's caption after them", () => {
    const { markdown } = convert(blocks, "Gallery");
    expect(markdown.startsWith("![Jericoacoara Ceara Brasil](img_0747.jpg)\nCaption: Jericoacoara Ceara Brasil\n\n![Windmill shrouded in fog at a farm outside of Walker, Iowa](windmill.jpg)\nCaption: Windmill shrouded in fog at a farm outside of Walker, Iowa\n\n")).toBe(true);
    expect(markdown).toContain("![Single image caption](img_0747.jpg)\nCaption: Single image caption\n\n![Another image caption](windmill.jpg)\nCaption: Another image caption\n\nGallery caption\n");
  });

  it("writes tables with a heading row as GFM and the others as HTML", () => {
    const { markdown } = convert(blocks, "Table");
    expect(markdown).toContain("| Header label | Header label |\n| --- | --- |\n| Cell 1 | Cell 2 |\n| Cell 3 | Cell 4 |\n\nCaption\n");
    expect(markdown).toContain("<table><tbody><tr><td>Cell 1</td><td>Cell 2</td></tr><tr><td>Cell 3</td><td>Cell 4</td></tr></tbody></table>\n\nCaption\n");
  });

  it("runs the [gallery] and [audio] of a shortcode block", () => {
    const { markdown } = convert(blocks, "Shortcode");
    expect(figures(markdown)).toHaveLength(2);
    expect(markdown).toContain("[Audio: originaldixielandjazzbandwithalbernard-stlouisblues.mp3](https://");
  });
});

describe("every body of both exports", () => {
  const md = createMarkdown("/", {}, { embedHosts: EMBED_HOSTS });
  const all = [...classic.posts.map((p) => ({ p, from: classic })), ...blocks.posts.map((p) => ({ p, from: blocks }))];

  it("converts to tidy, safe Markdown that renders and passes the site's HTML review", () => {
    expect(all.length).toBeGreaterThan(140);
    for (const { p, from } of all) {
      // Every third photo missing, so both forms are exercised.
      let n = 0;
      const options = recordingOptions({ wordpress: from.wordpress });
      const found = options.resolvePhoto;
      const converted = convertBody({ format: "html", content: p.body }, { ...options, resolvePhoto: (ref) => { const local = found(ref); return ++n % 3 === 0 ? undefined : local; } });
      const { markdown } = converted;
      const context = `${p.title}:\n${markdown}`;
      expect(untidy(markdown), context).toEqual([]);
      expect(markdown, context).not.toMatch(/<script|\bon[a-z]+\s*=|javascript:|<style|style=/i);
      expect(converted.photos.length, context).toBe(options.asked.length);
      let html = "";
      expect(() => (html = md.render(markdown)), context).not.toThrow();
      expect(html, context).not.toMatch(/<script|\bonerror|javascript:/i);
      expect(reviewBodyHtml(md, markdown, EMBED_HOSTS).problems, context).toEqual([]);
    }
  });

  it("is deterministic", () => {
    for (const { p, from } of all.slice(0, 40)) {
      const once = convertBody({ format: "html", content: p.body }, recordingOptions({ wordpress: from.wordpress }));
      const twice = convertBody({ format: "html", content: p.body }, recordingOptions({ wordpress: from.wordpress }));
      expect(twice).toEqual(once);
    }
  });
});
