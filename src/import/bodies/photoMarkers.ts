/**
 * Before the site's HTML policy runs: each `<img>` is recorded (its old address, alt, title, WordPress attachment
 * id) and replaced by a placeholder the policy keeps as a local photo, and `<audio>`/`<video>` (which the policy
 * removes) become links to their files. The policy would otherwise turn a remote image into a link and drop the
 * `class` that names its WordPress attachment.
 */
import sanitizeHtml from "sanitize-html";
import { mediaLinkHtml } from "./embeds.ts";
import { attributeValue, webAddress } from "./htmlSource.ts";

/** An image as the source HTML wrote it. */
export interface SourcePhoto {
  /** The old address (a protocol-relative one made https), or a path as written. */
  src: string;
  /** Undefined when the attribute is missing. */
  alt?: string;
  title?: string;
  /** From `class="wp-image-123"` or the `[caption id="attachment_123"]` around it. */
  attachmentId?: string;
}

const PLACEHOLDER_PREFIX = "import-photo-";
const PLACEHOLDER = /^import-photo-(\d+)$/;

/** The photo index a placeholder `src` stands for. */
export function placeholderIndex(src: string | null | undefined): number | undefined {
  const match = PLACEHOLDER.exec(src ?? "");
  return match ? Number(match[1]) : undefined;
}

/** What the site policy's `picture` callback returns for a placeholder: an `<img>` the converter finds again. */
export function placeholderPicture(src: string): string | undefined {
  return placeholderIndex(src) === undefined ? undefined : `<img src="${src}" alt="">`;
}

/** The address an `<img>` shows: `src`, or a lazy-loading attribute when `src` is empty or a data: stand-in. */
function imageAddress(attribs: Record<string, string>): string | undefined {
  for (const name of ["src", "data-src", "data-lazy-src", "data-original"]) {
    const value = (attribs[name] ?? "").trim();
    if (value === "" || /^data:/i.test(value)) continue;
    const web = webAddress(value);
    if (web) return web;
    // A path (relative, or on the old host): kept as written. Other schemes are left to the policy to remove.
    if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
    return undefined;
  }
  return undefined;
}

function sourcePhoto(src: string, attribs: Record<string, string>): SourcePhoto {
  const photo: SourcePhoto = { src };
  if (attribs.alt !== undefined) photo.alt = attribs.alt;
  if (attribs.title) photo.title = attribs.title;
  const attachmentId = attribs["data-wp-attachment"] ?? /\bwp-image-(\d+)\b/.exec(attribs.class ?? "")?.[1];
  if (attachmentId) photo.attachmentId = attachmentId;
  return photo;
}

/**
 * Every `<img>` with an address replaced by a placeholder, and the photos in document order. `removed` hears of
 * the event handlers dropped with the image's other attributes, as the site's policy would report them.
 */
export function markPhotos(html: string, removed?: (message: string) => void): { html: string; photos: SourcePhoto[] } {
  const photos: SourcePhoto[] = [];
  const marked = sanitizeHtml(html, {
    // Used as a parser only: every element and attribute passes; the site's policy runs next.
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    allowedSchemesAppliedToAttributes: [],
    transformTags: {
      // Obsolete elements the site's policy would drop, as their current equivalents (their meaning stays).
      strike: "s",
      tt: "code",
      acronym: "abbr",
      img: (tagName, attribs) => {
        const src = imageAddress(attribs);
        if (src === undefined) return { tagName, attribs };
        photos.push(sourcePhoto(src, attribs));
        for (const name of Object.keys(attribs)) if (/^on/i.test(name)) removed?.(`${name} attribute of <img> removed (scripts never run in the archive)`);
        return { tagName: "img", attribs: { src: `${PLACEHOLDER_PREFIX}${photos.length - 1}` } };
      },
    },
  });
  return { html: marked, photos };
}

const MEDIA_ELEMENT = /<(audio|video)\b([^>]*)>([\s\S]*?)<\/\1\s*>/gi;

/**
 * `<audio>` and `<video>` (from `src` or their first `<source>`) as links to the file; without a web address,
 * removed (and `removed` hears of it).
 */
export function mediaAsLinks(html: string, removed?: (message: string) => void): string {
  return html.replace(MEDIA_ELEMENT, (_whole, tag: string, attributes: string, inner: string) => {
    const kind = tag.toLowerCase() === "audio" ? "audio" : "video";
    const source = /<source\b([^>]*)>/i.exec(inner)?.[1] ?? "";
    const url = attributeValue(attributes, "src") ?? attributeValue(source, "src");
    const address = url ? webAddress(url) : undefined;
    if (!address) removed?.(`<${kind}> removed: no web address for its file${url ? ` (${url})` : ""}`);
    return address ? mediaLinkHtml(kind, address) : "";
  });
}
