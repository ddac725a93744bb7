/**
 * The one Markdown renderer. Archive text is data, not code: raw HTML in a
 * body goes through the allow-list of src/model/safeHtml.ts (no script, no
 * third-party embeds unless listed), link schemes such as `javascript:` are
 * refused by markdown-it's link validation, and links to site paths
 * (`/2023/...`) get the hosting sub-path.
 */
import MarkdownIt, { type MarkdownIt as MarkdownRenderer } from "markdown-it";
import { withPrefix } from "./urls.ts";
import { escapeHtml } from "./escape.ts";
import { htmlToText, sanitizeBodyHtml, type HtmlPolicy } from "./safeHtml.ts";
import { figurePlugin, type FigureOptions } from "./figureSyntax.ts";

/** One token of markdown-it's parse. */
export type MarkdownToken = ReturnType<MarkdownRenderer["parse"]>[number];

/**
 * What a reader sees of an inline token: its text and code, line breaks as
 * spaces, markup left out (raw HTML as its sanitised text: never a script's).
 * Excerpts and the search index both read it.
 */
export function inlineText(token: MarkdownToken): string {
  const children = token.children ?? [];
  if (children.some((child) => child.type === "html_inline")) {
    let html = "";
    for (const child of children) {
      if (child.type === "html_inline") html += child.content;
      else if (child.type === "text" || child.type === "code_inline") html += escapeHtml(child.content);
      else if (child.type === "softbreak" || child.type === "hardbreak") html += " ";
    }
    return htmlToText(html);
  }
  let out = "";
  for (const child of children) {
    if (child.type === "text" || child.type === "code_inline") out += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") out += " ";
  }
  return out;
}

export interface MarkdownOptions {
  /** Hosts whose iframes are kept (`embedHosts` in `_data/site.json`); others become link cards. */
  embedHosts?: readonly string[];
}

/** Marks a run of Markdown output inside raw inline HTML while the HTML is sanitised; never in the source (stripped). */
const SLOT = /\uE000(\d+)\uE001/g;
const SLOT_CHARACTERS = /[\uE000\uE001]/g;

/**
 * `figures` shows body photos (src/photos/figureSyntax.ts); without it a photo shows as its alt text.
 * `html` is the raw HTML policy's site settings (embedHosts).
 */
export function createMarkdown(pathPrefix = "/", figures: FigureOptions = {}, html: MarkdownOptions = {}): MarkdownRenderer {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: true });
  md.use(figurePlugin, figures);
  const defaultLinkOpen =
    md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const href = token?.attrGet("href");
    if (token && href) token.attrSet("href", withPrefix(String(href), pathPrefix));
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  // A local <img> in raw HTML is shown by the same callback as a Markdown photo.
  const policy: HtmlPolicy = { embedHosts: html.embedHosts ?? [], pathPrefix, ...(figures.picture ? { picture: figures.picture } : {}) };
  // Consecutive blocks (a table with a blank line inside) are sanitised as one, so the table stays whole.
  md.renderer.rules.html_block = (tokens, idx) => {
    if (tokens[idx - 1]?.type === "html_block") return "";
    let block = "";
    for (let i = idx; tokens[i]?.type === "html_block"; i++) block += tokens[i]?.content ?? "";
    return sanitizeBodyHtml(block, policy);
  };
  const renderInline = md.renderer.renderInline.bind(md.renderer);
  md.renderer.renderInline = (tokens, renderOptions, env) => {
    if (!tokens.some((token) => token.type === "html_inline")) return renderInline(tokens, renderOptions, env);
    const { html: tags, runs } = inlineHtmlWithSlots(tokens, (run) => renderInline(run, renderOptions, env));
    return sanitizeBodyHtml(tags, { ...policy, inline: true }).replace(SLOT, (_m, n: string) => runs[Number(n)] ?? "");
  };
  return md;
}

/**
 * A paragraph's raw HTML tags with each run of Markdown between them as a
 * slot: the tags are sanitised together (an `<abbr>` and its `</abbr>` are
 * separate tokens), the Markdown output (already safe) is put back after.
 */
function inlineHtmlWithSlots(tokens: MarkdownToken[], render: (run: MarkdownToken[]) => string): { html: string; runs: string[] } {
  const runs: string[] = [];
  let html = "";
  let run: MarkdownToken[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    html += `\uE000${runs.length}\uE001`;
    runs.push(render(run));
    run = [];
  };
  for (const token of tokens) {
    if (token.type !== "html_inline") run.push(token);
    else {
      flush();
      html += token.content.replace(SLOT_CHARACTERS, "");
    }
  }
  flush();
  return { html, runs };
}

/** Something the HTML policy removed from a body, at a 0-based line of the body. */
export interface BodyHtmlProblem {
  line: number;
  message: string;
}

/** A local `<img>` in a body's raw HTML (a photo of the article), at a 0-based line of the body; `alt` undefined when missing. */
export interface BodyHtmlPhoto {
  line: number;
  src: string;
  alt?: string;
}

/**
 * What the HTML policy removes from a body, each at the line where its element
 * starts, in body order (one message a line). Parses the body: call it only
 * when the body contains `<`.
 */
export function bodyHtmlProblems(md: MarkdownRenderer, body: string, embedHosts: readonly string[]): BodyHtmlProblem[] {
  return reviewBodyHtml(md, body, embedHosts).problems;
}

/**
 * What the HTML policy removes from a body (as bodyHtmlProblems) and the local
 * photos of its `<img>` elements, each at its line, in body order.
 */
export function reviewBodyHtml(md: MarkdownRenderer, body: string, embedHosts: readonly string[]): { problems: BodyHtmlProblem[]; photos: BodyHtmlPhoto[] } {
  const problems: BodyHtmlProblem[] = [];
  const photos: BodyHtmlPhoto[] = [];
  const seen = new Set<string>();
  const review = (segments: Array<{ text: string; line: number }>, inline: boolean): void => {
    const html = segments.map((s) => s.text).join("");
    const lineAt = (index: number): number => {
      let start = 0;
      for (const segment of segments) {
        if (index < start + segment.text.length) return segment.line + countLines(segment.text, index - start);
        start += segment.text.length;
      }
      return segments[segments.length - 1]?.line ?? 0;
    };
    sanitizeBodyHtml(
      html,
      { embedHosts, inline },
      ({ index, message }) => {
        const line = lineAt(index);
        const key = `${line}\n${message}`;
        if (!seen.has(key)) problems.push({ line, message }), seen.add(key);
      },
      ({ index, src, alt }) => photos.push({ line: lineAt(index), src, ...(alt !== undefined ? { alt } : {}) }),
    );
  };
  const tokens = md.parse(body, {});
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token?.type === "html_block" && tokens[i - 1]?.type !== "html_block") {
      const segments: Array<{ text: string; line: number }> = [];
      for (let j = i; tokens[j]?.type === "html_block"; j++) segments.push({ text: tokens[j]?.content ?? "", line: tokens[j]?.map?.[0] ?? 0 });
      review(segments, false);
    } else if (token?.type === "inline" && token.children?.some((child) => child.type === "html_inline")) {
      // Lines inside a paragraph advance at its line breaks; the Markdown between tags is a slot of no length.
      let line = token.map?.[0] ?? 0;
      const segments: Array<{ text: string; line: number }> = [];
      for (const child of token.children) {
        if (child.type === "softbreak" || child.type === "hardbreak") line++;
        else if (child.type === "html_inline") {
          segments.push({ text: child.content.replace(SLOT_CHARACTERS, ""), line });
          line += countLines(child.content, child.content.length);
        } else if (child.type === "text") line += countLines(child.content, child.content.length);
      }
      review(segments, true);
    }
  }
  return { problems: problems.sort((a, b) => a.line - b.line), photos: photos.sort((a, b) => a.line - b.line) };
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * Renders an article body, with the dateline ("YEREVAN: ") opening the first
 * paragraph as newspapers print it.
 */
export function renderArticleBody(md: MarkdownRenderer, body: string, dateline?: string): string {
  const html = md.render(body);
  if (!dateline) return html;
  const label = `<span class="dateline">${escapeHtml(dateline)}:</span> `;
  const firstParagraph = html.indexOf("<p>");
  if (firstParagraph === -1) return `<p>${label}</p>\n${html}`;
  const at = firstParagraph + "<p>".length;
  return html.slice(0, at) + label + html.slice(at);
}
