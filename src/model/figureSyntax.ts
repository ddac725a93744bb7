/**
 * Photos in article bodies, as markdown-it reads them.
 *
 * A plain photo is Markdown's `![alt](src)`, `src` relative to the article's
 * file. A figure is a photo alone on its line, opening a paragraph whose next
 * lines start with `Caption:` and/or `Credit:`:
 *
 *     ![The harbour at dawn](harbour.jpg)
 *     Caption: Fishing boats leave the east quay at dawn.
 *     Credit: Rachel Michetti / CC0
 *
 * Chosen over the image's title (`![alt](src "caption | credit")`) because a
 * maintainer types it without quoting (captions hold quotes), a long caption
 * may wrap over several lines, the caption keeps Markdown emphasis and links,
 * and the labels are the front matter's own field names. markdown-it reads
 * the block as one paragraph (lines joined by soft breaks), so the rule below
 * only regroups tokens the parser already made: nothing of the parser changes,
 * and a paragraph that does not match stays a paragraph.
 */
import type { MarkdownIt } from "markdown-it";
import { escapeHtml } from "./escape.ts";

/** One token of markdown-it's parse (declared here: src/model/markdown.ts registers this plugin). */
type MarkdownToken = ReturnType<MarkdownIt["parse"]>[number];

export interface FigureOptions {
  /**
   * The `<picture>` of a body photo, or undefined when it cannot be shown (a remote address; no
   * processed photos, as in the dev server). Set by the renderer for the article being rendered.
   */
  picture?: (src: string, alt: string) => string | undefined;
}

export interface FigureMeta {
  image: MarkdownToken;
  /** Inline tokens of the caption, its label removed. */
  caption?: MarkdownToken[];
  credit?: string;
}

const LABEL = /^(caption|credit):[ \t]*/i;

function isBreak(token: MarkdownToken): boolean {
  return token.type === "softbreak" || token.type === "hardbreak";
}

/** Splits a paragraph's inline tokens into its source lines. */
function linesOf(children: MarkdownToken[]): MarkdownToken[][] {
  const lines: MarkdownToken[][] = [[]];
  for (const child of children) {
    if (isBreak(child)) lines.push([]);
    else lines[lines.length - 1]?.push(child);
  }
  return lines;
}

const plainText = (tokens: MarkdownToken[]): string =>
  tokens.map((t) => (t.type === "text" || t.type === "code_inline" ? t.content : "")).join("");

/** The figure a paragraph's inline tokens make, if they do: a lone photo, then only Caption: and Credit: lines. */
export function figureOf(children: MarkdownToken[], newToken: (type: string) => MarkdownToken): FigureMeta | undefined {
  const [first, ...rest] = linesOf(children);
  const visible = (first ?? []).filter((t) => !(t.type === "text" && t.content.trim() === ""));
  const image = visible[0];
  if (visible.length !== 1 || image?.type !== "image") return undefined;
  const caption: MarkdownToken[] = [];
  const credit: string[] = [];
  let current: "caption" | "credit" | undefined;
  for (const line of rest) {
    const head = line[0];
    const label = head?.type === "text" ? LABEL.exec(head.content) : null;
    if (label && head) {
      current = (label[1] ?? "").toLowerCase() === "caption" ? "caption" : "credit";
      const stripped = newToken("text");
      stripped.content = head.content.slice(label[0].length);
      line.splice(0, 1, stripped);
    } else if (!current) return undefined;
    // A line without a label continues the one above (a long caption wrapped by the editor).
    if (current === "caption") {
      if (caption.length > 0) caption.push(newToken("softbreak"));
      caption.push(...line);
    } else credit.push(plainText(line).trim());
  }
  const meta: FigureMeta = { image };
  if (plainText(caption).trim() !== "" || caption.some((t) => t.type !== "text" && t.type !== "softbreak")) meta.caption = caption;
  const creditText = credit.filter(Boolean).join(" ");
  if (creditText) meta.credit = creditText;
  return meta;
}

const srcOf = (image: MarkdownToken): string => String(image.attrGet("src") ?? "");

/** Alt text of an image token: what its brackets hold, as text. */
export function altOf(image: MarkdownToken): string {
  return plainText(image.children ?? []) || image.content;
}

export function figurePlugin(md: MarkdownIt, options: FigureOptions): void {
  md.core.ruler.push("figures", (state) => {
    const tokens = state.tokens;
    for (let i = 0; i + 2 < tokens.length; i++) {
      const open = tokens[i];
      const inline = tokens[i + 1];
      if (open?.type !== "paragraph_open" || open.hidden || inline?.type !== "inline" || tokens[i + 2]?.type !== "paragraph_close") continue;
      const meta = figureOf(inline.children ?? [], (type) => new state.Token(type, "", 0));
      if (!meta) continue;
      const figure = new state.Token("figure", "figure", 0);
      figure.block = true;
      figure.map = open.map;
      figure.level = open.level;
      figure.meta = { figure: meta };
      tokens.splice(i, 3, figure);
    }
  });

  const defaultImage = md.renderer.rules.image ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
  // A photo that cannot be shown as a picture: a link to a remote address (never fetched by the page), else its alt text.
  const unprocessed = (image: MarkdownToken): string => {
    const src = srcOf(image);
    const alt = escapeHtml(altOf(image));
    return /^https?:\/\//i.test(src) ? `<a href="${escapeHtml(src)}">${alt || escapeHtml(src)}</a>` : `<span class="photo-missing">${alt}</span>`;
  };
  md.renderer.rules.image = (tokens, idx, opts, env, self) => {
    const image = tokens[idx];
    if (!image) return defaultImage(tokens, idx, opts, env, self);
    return options.picture?.(srcOf(image), altOf(image)) ?? unprocessed(image);
  };
  md.renderer.rules.figure = (tokens, idx, opts, env, self) => {
    const { image, caption, credit } = tokens[idx]?.meta?.figure as FigureMeta;
    const picture = options.picture?.(srcOf(image), altOf(image)) ?? unprocessed(image);
    const parts = [caption ? self.renderInline(caption, opts, env).trim() : "", credit ? `<span class="credit">${escapeHtml(formatCredit(credit))}</span>` : ""].filter(Boolean);
    const figcaption = parts.length > 0 ? `<figcaption>${parts.join(" ")}</figcaption>` : "";
    return `<figure class="figure">${picture}${figcaption}</figure>\n`;
  };
}

/** Every photo of a body as markdown-it parsed it: `src`, alt text, and the body line (0-based) it is on. */
export function bodyImages(tokens: MarkdownToken[]): Array<{ src: string; alt: string; line: number }> {
  const found: Array<{ src: string; alt: string; line: number }> = [];
  let line = 0;
  for (const token of tokens) {
    if (token.map) line = token.map[0];
    if (token.type === "figure") {
      const { image } = token.meta?.figure as FigureMeta;
      found.push({ src: srcOf(image), alt: altOf(image), line });
    } else if (token.type === "inline") {
      let at = line;
      for (const child of token.children ?? []) {
        if (isBreak(child)) at++;
        else if (child.type === "image") found.push({ src: srcOf(child), alt: altOf(child), line: at });
      }
    }
  }
  return found;
}

/** A credit already labelled ("Photo: …", "Graphic: …", "Map: …") is kept; a bare name or agency gets "Photo: ". */
export function formatCredit(credit: string): string {
  const value = credit.trim();
  return /^[\p{L}][\p{L} ]{0,24}:\s/u.test(value) ? value : `Photo: ${value}`;
}
