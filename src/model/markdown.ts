/**
 * The one Markdown renderer. Archive text is data, not code: raw HTML in a
 * body is shown as text (markdown-it `html: false`), link schemes such as
 * `javascript:` are refused by markdown-it's link validation, and links to
 * site paths (`/2023/...`) get the hosting sub-path.
 */
import MarkdownIt, { type MarkdownIt as MarkdownRenderer } from "markdown-it";
import { withPrefix } from "./urls.ts";
import { escapeHtml } from "./escape.ts";

/** One token of markdown-it's parse. */
export type MarkdownToken = ReturnType<MarkdownRenderer["parse"]>[number];

/**
 * What a reader sees of an inline token: its text and code, line breaks as
 * spaces, markup left out. Excerpts and the search index both read it.
 */
export function inlineText(token: MarkdownToken): string {
  let out = "";
  for (const child of token.children ?? []) {
    if (child.type === "text" || child.type === "code_inline") out += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") out += " ";
  }
  return out;
}

export function createMarkdown(pathPrefix = "/"): MarkdownRenderer {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
  const defaultLinkOpen =
    md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const href = token?.attrGet("href");
    if (token && href) token.attrSet("href", withPrefix(String(href), pathPrefix));
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
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
