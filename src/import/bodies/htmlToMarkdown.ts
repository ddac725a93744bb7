/**
 * Sanitised HTML to Markdown with turndown and the GFM plugin's tables and strikethrough: ATX headings, `-`
 * bullets, fenced code, `*`/`**` emphasis, `\` hard breaks (a trailing-space break would not survive the clean-up),
 * photos in the archive's figure syntax, and HTML kept where Markdown would lose something (keptHtml.ts).
 */
import TurndownService from "turndown";
import { strikethrough, tables } from "@joplin/turndown-plugin-gfm";
import { escapeHtml } from "../../model/escape.ts";
import { childElements, closest, isElement, photoIndexOf, photosIn, preformattedText, textOutside } from "./dom.ts";
import { keptHtml } from "./keptHtml.ts";
import { isGfmTable } from "./tables.ts";
import { escapeMarkdownText, linkDestination, linkParagraph } from "./markdownText.ts";
import { figureMarkdown, inlinePhotoMarkdown, type PhotoBook } from "./photoBook.ts";

const names = (...list: string[]): ReadonlySet<string> => new Set(list);

/** Where a photo can only be inline: no caption lines, no blank lines (a GFM cell, a heading...). */
const INLINE_ONLY = names("H1", "H2", "H3", "H4", "H5", "H6", "TD", "TH", "CAPTION", "DT", "DD", "SUMMARY", "PRE", "CODE");
const LINK = names("A");
const FIGURE = names("FIGURE");
const CODE = names("CODE", "PRE");
const HEADING = names("H1", "H2", "H3", "H4", "H5", "H6");
const CELL = names("TD", "TH");
const ITALIC = names("EM", "I", "CITE");
const FIGCAPTION = names("FIGCAPTION");
/** Text-level elements Markdown has no syntax for, kept as HTML tags around Markdown content. */
const INLINE_HTML = names("SUP", "SUB", "ABBR", "MARK", "INS", "U", "Q", "KBD", "SAMP", "VAR");
/** Block elements kept whole as HTML. */
const BLOCK_HTML = names("DL", "IFRAME");

const BASE_OPTIONS: TurndownService.Options = {
  headingStyle: "atx",
  hr: "---",
  bulletListMarker: "-",
  codeBlockStyle: "fenced",
  fence: "```",
  emDelimiter: "*",
  strongDelimiter: "**",
  br: "\\",
  linkStyle: "inlined",
};

const blankLines = (content: string): boolean => /\n\s*\n/.test(content);
const block = (markdown: string): string => `\n\n${markdown}\n\n`;
const hasText = (node: Node): boolean => (node.textContent ?? "").trim() !== "";

function attributesHtml(node: HTMLElement): string {
  return Array.from(node.attributes)
    .map((attribute) => ` ${attribute.name}="${escapeHtml(attribute.value)}"`)
    .join("");
}

/** Emphasis-like markup: nothing when empty, when around blocks, or inside the same markup (`<b>a<b>b</b></b>`). */
function wrapInline(content: string, node: HTMLElement, mark: string, same: ReadonlySet<string>): string {
  if (!content.trim() || blankLines(content) || closest(node, same)) return content;
  return `${mark}${content}${mark}`;
}

/** A photo that must stay inline: in a cell, a heading, or a link that also has text. */
function inlinePhoto(img: HTMLElement): boolean {
  const link = closest(img, LINK);
  return closest(img, INLINE_ONLY) !== undefined || (link !== undefined && hasText(link));
}

/** The `<figcaption>` of the figure a photo is alone in. */
function ownCaption(img: HTMLElement): HTMLElement | undefined {
  if (inlinePhoto(img)) return undefined;
  const figure = closest(img, FIGURE);
  if (!figure || photosIn(figure).length !== 1) return undefined;
  return childElements(figure).find((child) => child.nodeName === "FIGCAPTION");
}

/** Whether a `<figcaption>` is the caption of the one photo of its figure (written on the photo's Caption: line). */
function isCaptionOfItsPhoto(figcaption: HTMLElement): boolean {
  const figure = figcaption.parentNode;
  if (!isElement(figure) || figure.nodeName !== "FIGURE") return false;
  const photos = photosIn(figure);
  return photos.length === 1 && photos[0] !== undefined && ownCaption(photos[0]) === figcaption;
}

/** A list whose every item is one photo (a gallery): written as a run of figures, not a list. */
function isPhotoList(node: Node | null): boolean {
  if (!isElement(node) || (node.nodeName !== "UL" && node.nodeName !== "OL")) return false;
  const items = childElements(node);
  return items.length > 0 && items.every((item) => item.nodeName === "LI" && photosIn(item).length === 1 && textOutside(item, FIGCAPTION).trim() === "");
}

function fencedCode(code: string): string {
  const longest = Math.max(0, ...Array.from(code.matchAll(/`+/g), (run) => run[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}\n${code}\n${fence}`;
}

function linkTitle(node: HTMLElement): string {
  const title = (node.getAttribute("title") ?? "").replace(/\s+/g, " ").trim();
  return title ? ` "${title.replace(/["\\]/g, "\\$&")}"` : "";
}

/** Rules shared by bodies and captions: escaping, emphasis, inline HTML, links (photos aside), line breaks. */
function addTextRules(service: TurndownService, lineBreak: (node: HTMLElement) => string): void {
  service.escape = escapeMarkdownText;
  service.use(strikethrough);
  service.addRule("emphasis", { filter: ["em", "i"], replacement: (content, node) => wrapInline(content, node, "*", ITALIC) });
  service.addRule("strong", { filter: ["strong", "b"], replacement: (content, node) => wrapInline(content, node, "**", names("STRONG", "B")) });
  service.addRule("cite", { filter: ["cite"], replacement: (content, node) => wrapInline(content, node, "*", ITALIC) });
  service.addRule("inlineHtml", {
    filter: (node) => INLINE_HTML.has(node.nodeName),
    replacement: (content, node) => {
      if (!content.trim() || blankLines(content) || closest(node, CODE)) return content;
      const name = node.nodeName.toLowerCase();
      return `<${name}${attributesHtml(node)}>${content}</${name}>`;
    },
  });
  service.addRule("lineBreak", { filter: "br", replacement: (_content, node) => lineBreak(node) });
  service.addRule("cardSource", { filter: (node) => /\bembed-card-source\b/.test(node.getAttribute("class") ?? ""), replacement: () => "" });
}

/** A link: to the anchor of a lost id it is text; around blocks it follows them; its own address is an autolink. */
function textLink(content: string, node: HTMLElement): string {
  const href = node.getAttribute("href") ?? "";
  if (!href || href.startsWith("#")) return content;
  if (!content.trim()) return "";
  if (blankLines(content)) return `${content}\n\n${linkParagraph(href)}\n\n`;
  const plain = Array.from(node.childNodes).every((child) => child.nodeType === 3);
  if (plain && (node.textContent ?? "").trim() === href && /^https?:\/\/[^\s<>]+$/i.test(href)) return `<${href}>`;
  return `[${content}](${linkDestination(href)}${linkTitle(node)})`;
}

/** A link around photos only (WordPress's link to the full-size file): the photos; the link only when elsewhere. */
function photoLink(content: string, node: HTMLElement, book: PhotoBook): string {
  const href = node.getAttribute("href") ?? "";
  const same = photosIn(node).every((img) => book.isSamePhoto(photoIndexOf(img) ?? -1, href));
  if (same || !href) return content;
  if (closest(node, INLINE_ONLY)) return `[${content}](${linkDestination(href)}${linkTitle(node)})`;
  return `${content}\n\n${linkParagraph(href)}\n\n`;
}

function addPhotoRules(service: TurndownService, book: PhotoBook, captions: TurndownService): void {
  const captionMarkdown = (figcaption: HTMLElement): string => captions.turndown(figcaption).replace(/\s*\n\s*/g, " ").trim();
  service.addRule("photo", {
    filter: (node) => node.nodeName === "IMG",
    replacement: (_content, node) => {
      const index = photoIndexOf(node);
      if (index === undefined) return "";
      if (inlinePhoto(node)) {
        const photo = book.resolve(index);
        if (photo && !closest(node, CELL)) book.noteMissingAlt(photo);
        return photo ? inlinePhotoMarkdown(photo, closest(node, LINK) !== undefined) : "";
      }
      const figcaption = ownCaption(node);
      const caption = figcaption ? { text: preformattedText(figcaption), markdown: captionMarkdown(figcaption) } : undefined;
      const photo = book.resolve(index, caption?.markdown ? caption : undefined);
      if (photo) book.noteMissingAlt(photo);
      return photo ? block(figureMarkdown(photo, caption?.markdown || undefined)) : "";
    },
  });
  service.addRule("link", {
    filter: "a",
    replacement: (content, node) => (photosIn(node).length > 0 && !hasText(node) ? photoLink(content, node, book) : textLink(content, node)),
  });
  service.addRule("figcaption", { filter: "figcaption", replacement: (content, node) => (isCaptionOfItsPhoto(node) ? "" : block(content)) });
  service.addRule("photoList", { filter: (node) => isPhotoList(node), replacement: (content) => block(content) });
}

function listItem(content: string, node: HTMLElement): string {
  const list = node.parentNode;
  if (isPhotoList(list)) return block(content);
  let marker = "- ";
  if (isElement(list) && list.nodeName === "OL") {
    const start = Number.parseInt(list.getAttribute("start") ?? "1", 10);
    const position = childElements(list).filter((item) => item.nodeName === "LI").indexOf(node);
    marker = `${(Number.isFinite(start) ? start : 1) + position}. `;
  }
  const loose = /\n$/.test(content);
  const body = content.replace(/^\n+/, "").replace(/\n+$/, "") + (loose ? "\n" : "");
  return marker + body.replace(/\n/g, `\n${" ".repeat(marker.length)}`) + (node.nextSibling ? "\n" : "");
}

function addBlockRules(service: TurndownService, book: PhotoBook, captions: TurndownService): void {
  service.use(tables);
  service.addRule("listItem", { filter: "li", replacement: listItem });
  service.addRule("preformatted", {
    filter: "pre",
    replacement: (_content, node) => {
      const code = preformattedText(node).replace(/^\n/, "").replace(/\s+$/, "");
      return code.trim() ? block(fencedCode(code)) : "";
    },
  });
  // Added after the GFM plugin so that it decides, in place of the plugin's own table rule.
  service.addRule("table", {
    filter: "table",
    replacement: (content, node) => {
      if (!isGfmTable(node)) return block(keptHtml(node, book));
      const captionElement = childElements(node).find((child) => child.nodeName === "CAPTION");
      const caption = captionElement ? captions.turndown(captionElement).replace(/\s*\n\s*/g, " ").trim() : "";
      return block([caption, content.replace(/\n+/g, "\n").trim()].filter(Boolean).join("\n\n"));
    },
  });
  service.addRule("blockHtml", { filter: (node) => BLOCK_HTML.has(node.nodeName), replacement: (_content, node) => block(keptHtml(node, book)) });
}

/** A line break: a space in a heading, `<br>` in a GFM cell, nothing in code (turndown makes it a space). */
function bodyLineBreak(node: HTMLElement): string {
  if (closest(node, names("CODE"))) return "\n";
  if (closest(node, CELL)) return "<br>";
  if (closest(node, HEADING)) return " ";
  return "\\\n";
}

/** Captions are one line: a break is a space, a photo inside one is left out (the photo itself is kept). */
function captionService(): TurndownService {
  const service = new TurndownService(BASE_OPTIONS);
  addTextRules(service, () => "\n");
  service.addRule("link", { filter: "a", replacement: textLink });
  service.addRule("photo", { filter: "img", replacement: () => "" });
  return service;
}

/** The Markdown of a sanitised body; its photos are resolved through `book` in document order. */
export function htmlToMarkdown(html: string, book: PhotoBook): string {
  const service = new TurndownService(BASE_OPTIONS);
  const captions = captionService();
  addTextRules(service, bodyLineBreak);
  addBlockRules(service, book, captions);
  addPhotoRules(service, book, captions);
  return service.turndown(html);
}
