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

/**
 * A first block of letters, digits, spaces and plain punctuation only: Markdown makes it one paragraph whose text
 * is the block itself, line breaks aside. Anything Markdown reads otherwise is left out: markup (`*_[]<>&\\`),
 * lists and headings (`-`, `+`, `#`, `=`, `1.` at a line's start), the typographer's quotes and replacements (`'"`,
 * `--`, `...`, `(c)`), and links found in text (`word.word`, `word:word`).
 */
const PLAIN_BLOCK = /^[\p{L}\p{N} \n,.;:?()-]+$/u;
const NOT_PLAIN = /(?:^|\n) *(?:-|\d+[.)])|\n *\n|--|\.\.|,,|\?\?\?|\.[\p{L}\p{N}]|:[^ \n]|\((?:c|r|tm|p)\)/iu;

/** The first block when it is plain text (see PLAIN_BLOCK), undefined when Markdown must read it. */
export function plainFirstBlock(body: string): string | undefined {
  const start = body.search(/\S/);
  if (start === -1) return undefined;
  const end = body.indexOf("\n\n", start);
  const block = end === -1 ? body.slice(start) : body.slice(start, end);
  // A long block goes to Markdown too: the patterns' cost stays bounded.
  if (block.length > 4000 || !PLAIN_BLOCK.test(block) || NOT_PLAIN.test(block)) return undefined;
  return block;
}

export function deriveExcerpt(markdown: MarkdownIt, body: string, maxLength: number): string {
  // Parsing Markdown for a plain first paragraph was a tenth of a cold load (100,000 articles): read it directly.
  return truncateAtWord(plainFirstBlock(body) ?? firstParagraphText(markdown, body), maxLength);
}
