/**
 * An HTML body to Markdown: WordPress specifics first (when a WordPress export), media as links, photos marked,
 * then the site's own HTML policy (sanitizeBodyHtml) before anything is converted, so nothing it refuses reaches
 * the Markdown.
 */
import { sanitizeBodyHtml } from "../../model/safeHtml.ts";
import type { BodyOptions } from "./convertBody.ts";
import { htmlToMarkdown } from "./htmlToMarkdown.ts";
import { normaliseMarkdown } from "./markdownText.ts";
import type { NoteList } from "./notes.ts";
import { PhotoBook, type ResolvedPhoto } from "./photoBook.ts";
import { markPhotos, mediaAsLinks, placeholderPicture } from "./photoMarkers.ts";
import { prepareWordPress } from "./wordpress.ts";

/**
 * What the policy removed that a maintainer should hear of: code, forms, plugins, embeds shown as links, unsafe
 * addresses. Not the routine (classes, styles, widths, unknown wrapper elements whose text stays).
 */
const WORTH_A_NOTE = /^<(script|noscript|style|link|object|embed|applet|iframe|form|input|button|select|textarea|svg|math|audio|video)>|^on\w+ attribute|addresses are not allowed|shown as a link/;

export function convertHtml(html: string, options: BodyOptions, notes: NoteList): { markdown: string; photos: ResolvedPhoto[] } {
  const prepared = options.wordpress ? prepareWordPress(html, { wordpress: options.wordpress, embedHosts: options.embedHosts, notes }) : html;
  const report = (message: string): void => {
    if (WORTH_A_NOTE.test(message)) notes.add(`HTML: ${message}`);
  };
  const marked = markPhotos(mediaAsLinks(prepared, report), report);
  const clean = sanitizeBodyHtml(marked.html, { embedHosts: options.embedHosts, picture: placeholderPicture }, (removal) => report(removal.message));
  const book = new PhotoBook(marked.photos, options, notes);
  const markdown = htmlToMarkdown(clean, book);
  book.resolveRest(Array.from(clean.matchAll(/<img src="import-photo-(\d+)"/g), (match) => Number(match[1])));
  return { markdown: normaliseMarkdown(markdown, { fromHtml: true }), photos: book.photos };
}
