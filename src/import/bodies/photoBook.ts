/**
 * The photos of one body: what the source says of each (its HTML, else its WordPress attachment record), the
 * caller's local copy (asked once per photo, in document order), and how each is written in Markdown.
 */
import { escapeHtml } from "../../model/escape.ts";
import { formatCredit } from "../../model/figureSyntax.ts";
import type { PhotoReference } from "../importRecord.ts";
import type { BodyOptions, LocalPhoto } from "./convertBody.ts";
import { escapeMarkdownText, linkDestination, oneLine } from "./markdownText.ts";
import type { NoteList } from "./notes.ts";
import type { SourcePhoto } from "./photoMarkers.ts";
import type { WordPressAttachments } from "./shortcodes.ts";

export interface ResolvedPhoto {
  ref: PhotoReference;
  local?: LocalPhoto;
}

/** A caption from the HTML (`<figcaption>`): as text for the reference, as Markdown for the figure. */
export interface HtmlCaption {
  text: string;
  markdown: string;
}

const unique = (values: string[]): string[] => [...new Set(values)];

/**
 * The address and the ones its WordPress attachment may be recorded under: without the query (`?w=604`), the
 * original of a resized copy (`name-300x200.jpg` is `name.jpg`, or `name-scaled.jpg` for a large upload), and each
 * with the other scheme (exports mix http and https).
 */
export function addressVariants(url: string): string[] {
  const bare = url.split(/[?#]/)[0] ?? url;
  const original = bare.replace(/-\d+x\d+(?=\.[a-z0-9]+$)/i, "");
  const unscaled = original.replace(/-scaled(?=\.[a-z0-9]+$)/i, "");
  const scaled = unscaled.replace(/(?=\.[a-z0-9]+$)/i, "-scaled");
  const variants = unique([url, bare, original, unscaled, scaled]);
  const otherScheme = (u: string): string => (/^https:/i.test(u) ? u.replace(/^https:/i, "http:") : u.replace(/^http:/i, "https:"));
  return unique([...variants, ...variants.map(otherScheme)]);
}

/** The WordPress attachment record of a photo: by id (`wp-image-123`, `[caption id=...]`), else by address. */
export function attachmentOf(source: SourcePhoto, wordpress: WordPressAttachments | undefined): PhotoReference | undefined {
  if (!wordpress) return undefined;
  const byId = source.attachmentId ? wordpress.attachmentById(source.attachmentId) : undefined;
  if (byId) return byId;
  for (const url of addressVariants(source.src)) {
    const record = wordpress.attachmentByUrl(url);
    if (record) return record;
  }
  return undefined;
}

/** The path of a photo's file whatever its size: what two addresses of one photo share. */
function photoPath(url: string): string {
  let path: string;
  try {
    path = decodeURI(new URL(url, "https://host.invalid/").pathname);
  } catch {
    path = url.split(/[?#]/)[0] ?? url;
  }
  return path.replace(/-\d+x\d+(?=\.[a-z0-9]+$)/i, "").replace(/-scaled(?=\.[a-z0-9]+$)/i, "").toLowerCase();
}

/**
 * A WordPress attachment page: its slug is the photo's file name without extension or size
 * (`.../post-format-gallery/canola2/` for `canola2-300x200.jpg`).
 */
function isAttachmentPage(href: string, src: string): boolean {
  const slug = photoPath(href).replace(/\/+$/, "").split("/").pop() ?? "";
  const base = (photoPath(src).split("/").pop() ?? "").replace(/\.[a-z0-9]+$/, "").replace(/[^a-z0-9_-]+/g, "-");
  return slug !== "" && !slug.includes(".") && slug === base;
}

function photoReference(source: SourcePhoto, record: PhotoReference | undefined, caption: HtmlCaption | undefined): PhotoReference {
  const captionText = oneLine(caption?.text ?? "") || oneLine(record?.caption ?? "");
  // A news photo's caption says what it shows: the best alt text there is when none was written.
  const ref: PhotoReference = { url: source.src, alt: oneLine(source.alt ?? "") || oneLine(record?.alt ?? "") || captionText };
  if (captionText) ref.caption = captionText;
  const credit = oneLine(record?.credit ?? "");
  if (credit) ref.credit = credit;
  return ref;
}

export class PhotoBook {
  private readonly resolved = new Map<number, ResolvedPhoto>();
  /** In the order they were resolved: document order. */
  readonly photos: ResolvedPhoto[] = [];

  constructor(
    private readonly sources: readonly SourcePhoto[],
    private readonly options: BodyOptions,
    private readonly notes: NoteList,
  ) {}

  /** The photo at `index`, resolved the first time it is asked for (with its HTML caption, if any). */
  resolve(index: number, caption?: HtmlCaption): ResolvedPhoto | undefined {
    const done = this.resolved.get(index);
    if (done) return done;
    const source = this.sources[index];
    if (!source) return undefined;
    const ref = photoReference(source, attachmentOf(source, this.options.wordpress), caption);
    const local = this.options.resolvePhoto(ref);
    if (!local) this.notes.add(`photo not found in --media: ${ref.url}`);
    const photo: ResolvedPhoto = local ? { ref, local } : { ref };
    this.resolved.set(index, photo);
    this.photos.push(photo);
    return photo;
  }

  /** A photo with neither alt text nor caption is kept as a decorative `<img alt="">` and said: no description is invented. */
  noteMissingAlt(photo: ResolvedPhoto): void {
    if (photo.local && photo.ref.alt === "") this.notes.add(missingAltNote(photo.ref.url));
  }

  /**
   * Photos still in the sanitised HTML that the conversion did not reach (none expected): asked for after the
   * others, so the caller still hears of them. Photos the policy removed (an `<img>` in `<noscript>`) are not.
   */
  resolveRest(present: Iterable<number>): void {
    for (const index of [...present].sort((a, b) => a - b)) this.resolve(index);
  }

  /** Whether a link around the photo points at the photo itself: its file in any size, or its attachment page. */
  isSamePhoto(index: number, href: string): boolean {
    const source = this.sources[index];
    if (!source) return false;
    if (/[?&]attachment_id=\d+/.test(href) || photoPath(href) === photoPath(source.src) || isAttachmentPage(href, source.src)) return true;
    const wordpress = this.options.wordpress;
    const record = attachmentOf(source, wordpress);
    const linked = wordpress ? addressVariants(href).map((url) => wordpress.attachmentByUrl(url)).find(Boolean) : undefined;
    return record !== undefined && linked !== undefined && photoPath(linked.url) === photoPath(record.url);
  }
}

export const missingAltNote = (url: string): string => `photo without alt text or caption, kept as decorative (alt=""): describe it for readers who cannot see it: ${url}`;

/**
 * A local photo without alt text: `npm run check` refuses `![](photo.jpg)` (alt text is required of editors), so
 * an imported one is written as HTML with alt="", which marks it decorative, and the import says so.
 */
export const decorativePhotoHtml = (src: string): string => `<img src="${escapeHtml(src)}" alt="">`;

const altText = (ref: PhotoReference): string => escapeMarkdownText(oneLine(ref.alt));
const missingLink = (ref: PhotoReference): string => `[${ref.alt ? `Photo: ${altText(ref)}` : "Photo"}](${linkDestination(ref.url)})`;

/**
 * A photo as its own block. Found: the figure syntax (src/model/figureSyntax.ts), `Caption:` and `Credit:` lines
 * when known. Missing: a link to the old address, the caption (and credit) as the next paragraph.
 */
export function figureMarkdown(photo: ResolvedPhoto, captionMarkdown?: string): string {
  const { ref, local } = photo;
  const caption = captionMarkdown ?? (ref.caption ? escapeMarkdownText(ref.caption) : undefined);
  const credit = ref.credit ? escapeMarkdownText(ref.credit) : undefined;
  if (local) {
    const lines = [ref.alt ? `![${altText(ref)}](${linkDestination(local.src)})` : decorativePhotoHtml(local.src)];
    if (caption) lines.push(`Caption: ${caption}`);
    if (credit) lines.push(`Credit: ${credit}`);
    return lines.join("\n");
  }
  const after = [caption, ref.credit ? `(${escapeMarkdownText(formatCredit(ref.credit))})` : undefined].filter(Boolean).join(" ");
  return after ? `${missingLink(ref)}\n\n${after}` : missingLink(ref);
}

/** A photo inside a line (a table cell, a heading, a link with text): no caption there. */
export function inlinePhotoMarkdown(photo: ResolvedPhoto, insideLink: boolean): string {
  const { ref, local } = photo;
  if (local) return ref.alt ? `![${altText(ref)}](${linkDestination(local.src)})` : decorativePhotoHtml(local.src);
  // A link cannot hold another link.
  return insideLink ? (ref.alt ? `Photo: ${altText(ref)}` : "Photo") : missingLink(ref);
}
