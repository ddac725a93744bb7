/**
 * WordPress shortcodes, read as WordPress reads them (get_shortcode_regex, shortcode_parse_atts): `[name attrs]`,
 * `[name attrs /]`, `[name attrs]content[/name]`, and `[[name]]` to print `[name]`. Known ones become HTML the rest
 * of the converter understands; unknown ones stay as text, reported once by name.
 */
import { escapeHtml } from "../../model/escape.ts";
import type { PhotoReference } from "../importRecord.ts";
import { embedHtml, mediaLinkHtml } from "./embeds.ts";
import { decodeEntities, webAddress } from "./htmlSource.ts";
import type { NoteList } from "./notes.ts";

export interface WordPressAttachments {
  attachmentById(id: string): PhotoReference | undefined;
  attachmentByUrl(url: string): PhotoReference | undefined;
}

export interface ShortcodeContext {
  wordpress: WordPressAttachments;
  embedHosts: readonly string[];
  notes: NoteList;
}

export interface ShortcodeAttributes {
  named: Record<string, string>;
  positional: string[];
}

/**
 * Groups: 1 an extra `[` (escaped form), 2 the name, 3 the attribute text, 4 `/` of a self-closing tag, 5 the
 * content of an enclosing one, 6 an extra `]`. The attribute text cannot hold brackets, as in WordPress.
 */
const SHORTCODE = /\[(\[?)([A-Za-z][\w-]*)(?![\w-])((?:[^[\]/]|\/(?!\]))*)(?:(\/)\]|\](?:([\s\S]*?)\[\/\2\])?)(\]?)/g;

const ATTRIBUTE = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|'([^']*)'|(\S+)/g;

export function parseAttributes(text: string): ShortcodeAttributes {
  const named: Record<string, string> = {};
  const positional: string[] = [];
  for (const m of text.matchAll(ATTRIBUTE)) {
    const name = m[1] ?? m[3] ?? m[5];
    if (name !== undefined) named[name.toLowerCase()] = decodeEntities(m[2] ?? m[4] ?? m[6] ?? "");
    else positional.push(decodeEntities(m[7] ?? m[8] ?? m[9] ?? ""));
  }
  return { named, positional };
}

/** Every shortcode of `text` replaced by its HTML (known ones) or kept as written (unknown ones). */
export function expandShortcodes(text: string, context: ShortcodeContext): string {
  return text.replace(SHORTCODE, (whole, open: string, name: string, attributeText: string, slash: string | undefined, content: string | undefined, close: string) => {
    if (open === "[" && close === "]") return whole.slice(1, -1);
    const shortcode = { name: name.toLowerCase(), attributes: parseAttributes(attributeText), content };
    const html = knownShortcode(shortcode, context) ?? unknownShortcode(name, attributeText, slash, content, context);
    return open + html + close;
  });
}

interface Shortcode {
  name: string;
  attributes: ShortcodeAttributes;
  content: string | undefined;
}

function knownShortcode(shortcode: Shortcode, context: ShortcodeContext): string | undefined {
  switch (shortcode.name) {
    case "caption":
    case "wp_caption":
      return captionFigure(shortcode, context);
    case "gallery":
      return galleryFigures(shortcode.attributes, context);
    case "embed":
      return embedShortcode(shortcode.content, context);
    case "audio":
    case "video":
      return mediaShortcode(shortcode.name === "audio" ? "audio" : "video", shortcode.attributes, context);
    default:
      return undefined;
  }
}

/**
 * Kept as written (its content still read for shortcodes), and reported when it looks like one: attributes with
 * `=`, a closing tag or `/]`. A bare `[sic]` or `[Editor's note]` is text, not worth a note.
 */
function unknownShortcode(name: string, attributeText: string, slash: string | undefined, content: string | undefined, context: ShortcodeContext): string {
  if (attributeText.includes("=") || slash !== undefined || content !== undefined) context.notes.add(`unknown shortcode [${name}] kept as text`);
  const tag = `[${name}${attributeText}${slash ?? ""}]`;
  return content === undefined ? tag : `${tag}${expandShortcodes(content, context)}[/${name}]`;
}

const CAPTIONED_IMAGE = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i;

/**
 * `[caption id="attachment_12"]<a><img></a> Caption text[/caption]` (or the older `caption="..."` attribute) as
 * `<figure>` with `<figcaption>`; the attachment id rides on the image so its record (credit, alt) is found.
 */
function captionFigure(shortcode: Shortcode, context: ShortcodeContext): string {
  const content = expandShortcodes(shortcode.content ?? "", context);
  const match = CAPTIONED_IMAGE.exec(content);
  if (!match) return content;
  const id = /^attachment_(\d+)$/.exec(shortcode.attributes.named.id ?? "")?.[1];
  const image = id ? (match[1] ?? "").replace(/<img\b/i, `<img data-wp-attachment="${id}"`) : (match[1] ?? "");
  const caption = (shortcode.attributes.named.caption ?? match[2] ?? "").trim();
  return `<figure>${image}${caption ? `<figcaption>${caption}</figcaption>` : ""}</figure>`;
}

/** `[gallery ids="1,2,3"]` (or `include=`) as one figure per attachment, in the order given. */
function galleryFigures(attributes: ShortcodeAttributes, context: ShortcodeContext): string {
  const ids = (attributes.named.ids ?? attributes.named.include ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter((id) => /^\d+$/.test(id));
  if (ids.length === 0) {
    context.notes.add("[gallery] without ids: nothing to show (WordPress listed the photos attached to the post, which the body does not name)");
    return "";
  }
  const figures: string[] = [];
  for (const id of ids) {
    const photo = context.wordpress.attachmentById(id);
    if (!photo) context.notes.add(`[gallery] photo ${id} is not among the export's attachments`);
    else figures.push(`<figure><img src="${escapeHtml(photo.url)}" alt="${escapeHtml(photo.alt)}" data-wp-attachment="${id}"></figure>`);
  }
  return figures.join("\n");
}

function embedShortcode(content: string | undefined, context: ShortcodeContext): string {
  const url = webAddress(decodeEntities(content ?? ""));
  return url ? embedHtml(url, context.embedHosts) : "";
}

/** File attributes of [audio] and [video] besides `src`, as WordPress lists them. */
const MEDIA_TYPES = ["mp3", "ogg", "flac", "m4a", "wav", "mp4", "m4v", "webm", "ogv", "wmv", "flv"];

/** `[audio src=...]`, `[audio mp3=...]`, `[audio https://...]`: a link to the file. */
function mediaShortcode(kind: "audio" | "video", attributes: ShortcodeAttributes, context: ShortcodeContext): string {
  const candidates = [attributes.named.src, ...MEDIA_TYPES.map((type) => attributes.named[type]), ...attributes.positional];
  const url = candidates.map((value) => (value ? webAddress(value) : undefined)).find(Boolean);
  if (!url) {
    context.notes.add(`[${kind}] without a file address: nothing to show`);
    return "";
  }
  return `<p>${mediaLinkHtml(kind, url)}</p>`;
}
