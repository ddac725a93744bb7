/**
 * A WordPress body (post_content) as plain HTML: block-editor comments removed, shortcodes expanded, addresses
 * alone on their line embedded (WordPress's auto-embed), and classic-editor text paragraphed (wpautop).
 */
import { embedHtml } from "./embeds.ts";
import { decodeEntities } from "./htmlSource.ts";
import type { NoteList } from "./notes.ts";
import { expandShortcodes, type WordPressAttachments } from "./shortcodes.ts";
import { wpautop } from "./wpautop.ts";

export interface WordPressContext {
  wordpress: WordPressAttachments;
  embedHosts: readonly string[];
  notes: NoteList;
}

/** `<!-- wp:paragraph -->`, `<!-- /wp:paragraph -->`, `<!-- wp:image {"id":1} /-->`, and the editor's page markers. */
const EDITOR_COMMENT = /<!--\s*\/?wp:[\s\S]*?-->|<!--(?:more|nextpage|noteaser)\b[\s\S]*?-->/g;

export function prepareWordPress(html: string, context: WordPressContext): string {
  const text = html.replace(/\r\n?/g, "\n");
  // WordPress skips wpautop for block-editor content: its markup is already complete HTML.
  const blocks = /<!--\s+wp:/.test(text);
  const expanded = expandShortcodes(text.replace(EDITOR_COMMENT, ""), context);
  const embedded = embedBareAddresses(expanded, context.embedHosts);
  return blocks ? embedded : wpautop(embedded);
}

const ADDRESS_LINE = /^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gim;
const ADDRESS_PARAGRAPH = /<p(?:\s[^>]*)?>\s*(https?:\/\/[^\s<>"]+)\s*<\/p>/gi;

/** An address alone on its line, or alone in a paragraph, is an embed in WordPress (outside `<pre>`). */
function embedBareAddresses(html: string, embedHosts: readonly string[]): string {
  const embed = (_line: string, url: string): string => embedHtml(decodeEntities(url), embedHosts);
  return html
    .split(/(<pre\b[\s\S]*?<\/pre\s*>)/i)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(ADDRESS_LINE, embed).replace(ADDRESS_PARAGRAPH, embed)))
    .join("");
}
