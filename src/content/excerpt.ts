/**
 * Excerpts for listings, sidebars, feeds, search, JSON-LD and meta
 * descriptions: the article's own `excerpt`, or its first paragraph as plain
 * text cut at a word boundary.
 */
import type { MarkdownIt } from "markdown-it";
import { inlineText } from "../model/markdown.ts";
import { htmlToText } from "../model/safeHtml.ts";

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** The last boundary between user-perceived characters at or before `index`: a cut there keeps emoji, flags and accents whole. */
function characterBoundary(text: string, index: number): number {
  // Two code units below U+0300 (before the combining marks) are never one character, nor halves of a surrogate pair.
  if (text.charCodeAt(index - 1) < 0x300 && text.charCodeAt(index) < 0x300) return index;
  const segment = graphemes.segment(text).containing(index);
  return segment && segment.index < index ? segment.index : index;
}

/** Cuts text at the last word boundary before `max` characters (UTF-16 units) and adds an ellipsis. */
export function truncateAtWord(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const limit = characterBoundary(clean, max);
  // The text at `limit` ends a word if the next character is not a letter or digit.
  const endsWord = !/^[\p{L}\p{N}\p{M}]/u.test(clean.slice(limit, limit + 2));
  const lastSpace = clean.lastIndexOf(" ", limit);
  const end = endsWord ? limit : lastSpace > max * 0.5 ? lastSpace : limit;
  const base = clean.slice(0, end).replace(/[\s,;:.\-–—]+$/u, "");
  return `${base}…`;
}

/**
 * Plain text of the first paragraph of a Markdown body (headings, lists and
 * quotes before it are skipped). Only the first blocks are parsed, one more at
 * a time until a paragraph appears (usually the first block alone), so cost
 * does not grow with the article's length. Parsing the growing prefix, not
 * each block apart, keeps constructs with blank lines (fenced code) whole.
 */
export function firstParagraphText(markdown: MarkdownIt, body: string): string {
  const blocks = leadingBlocks(body, 6);
  for (let count = 1; count <= blocks.length; count++) {
    const tokens = markdown.parse(blocks.slice(0, count).join("\n\n"), {});
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token?.type === "paragraph_open" && token.level === 0) {
        const inline = tokens[i + 1];
        const text = inline ? inlineText(inline).trim() : "";
        if (text) return text;
      }
      // A CMS body in HTML starts with its own <p>: its sanitised text, never a script's.
      if (token?.type === "html_block" && token.level === 0 && /^<p[\s>]/i.test(token.content)) {
        const text = htmlToText(token.content.split(/<\/p\s*>/i)[0] ?? "");
        if (text) return text;
      }
    }
  }
  return "";
}

/** The first `count` blank-line separated blocks of a Markdown text. */
function leadingBlocks(body: string, count: number): string[] {
  return body.replace(/\r\n/g, "\n").trimStart().split(/\n[ \t]*\n/, count);
}

export function deriveExcerpt(markdown: MarkdownIt, body: string, maxLength: number): string {
  return truncateAtWord(firstParagraphText(markdown, body), maxLength);
}
