/**
 * What a WordPress export says once for all its posts: the authors (login to
 * display name), the old site's address, and the media library (attachments:
 * alt text, caption and credit by id and by URL), read in a first streaming
 * pass so that posts, read in the second, can find a featured image listed
 * after them.
 */
import type { PhotoReference } from "../importRecord.ts";
import { scanWxr } from "./itemScanner.ts";
import { child, childrenNamed, childText, parseXml, type XmlElement } from "./xmlTree.ts";

export interface WxrChannel {
  /** `https://example.com` (no trailing slash), from `<link>` or `wp:base_blog_url`. */
  siteUrl: string;
  authorsByLogin: Map<string, string>;
  attachmentsById: Map<string, PhotoReference>;
  /** By the attachment's URL path (`/wp-content/uploads/2019/03/harbour.jpg`), host left out: exports mix hosts. */
  attachmentsByPath: Map<string, PhotoReference>;
  /** Items in the file, for the progress line. */
  itemCount: number;
}

export class NotWxrError extends Error {}

/** The postmeta value for a key (`_thumbnail_id`, `_wp_attachment_image_alt`). */
export function postMeta(item: XmlElement, key: string): string | undefined {
  for (const meta of childrenNamed(item, "wp:postmeta")) {
    if (childText(meta, "wp:meta_key") === key) return child(meta, "wp:meta_value")?.text;
  }
  return undefined;
}

/**
 * The credit WordPress keeps in `_wp_attachment_metadata` (a PHP-serialised
 * array; `image_meta.credit` comes from the photo's IPTC byline): the one
 * string read by pattern rather than unserialising PHP.
 */
function creditFromMetadata(serialized: string | undefined): string | undefined {
  const match = serialized && /s:6:"credit";s:\d+:"([^"]*)"/.exec(serialized);
  const credit = match?.[1]?.trim();
  return credit || undefined;
}

export function urlPath(url: string): string {
  try {
    return decodeURI(new URL(url, "https://placeholder.invalid").pathname);
  } catch {
    return url;
  }
}

function readAttachment(item: XmlElement): { id: string; ref: PhotoReference } | undefined {
  const url = childText(item, "wp:attachment_url") || childText(item, "guid");
  const id = childText(item, "wp:post_id");
  if (!url || !id) return undefined;
  const caption = childText(item, "excerpt:encoded");
  const credit = creditFromMetadata(postMeta(item, "_wp_attachment_metadata"));
  const ref: PhotoReference = { url, alt: (postMeta(item, "_wp_attachment_image_alt") ?? "").trim() };
  if (caption) ref.caption = caption;
  if (credit) ref.credit = credit;
  return { id, ref };
}

function readAuthors(header: XmlElement): Map<string, string> {
  const authors = new Map<string, string>();
  const channel = child(header, "rss") ? child(child(header, "rss") as XmlElement, "channel") : undefined;
  for (const author of channel ? childrenNamed(channel, "wp:author") : []) {
    const login = childText(author, "wp:author_login");
    const display = childText(author, "wp:author_display_name");
    const full = [childText(author, "wp:author_first_name"), childText(author, "wp:author_last_name")].filter(Boolean).join(" ");
    if (login) authors.set(login, display || full || login);
  }
  return authors;
}

/** The first pass: the header and the attachments. Throws NotWxrError when the file is not a WordPress export. */
export async function readWxrChannel(file: string): Promise<WxrChannel> {
  const channel: WxrChannel = { siteUrl: "", authorsByLogin: new Map(), attachmentsById: new Map(), attachmentsByPath: new Map(), itemCount: 0 };
  for await (const event of scanWxr(file)) {
    if (event.kind === "header") {
      const start = event.xml.trimStart().slice(0, 200);
      if (!start.startsWith("<?xml") && !start.startsWith("<rss") && !start.startsWith("<!--")) {
        throw new NotWxrError(`${file}: line 1 is not XML (it starts with ${JSON.stringify(start.slice(0, 20))}): is it JSON Lines or CSV? use --format jsonl, json or csv`);
      }
      if (!/<wp:wxr_version>|xmlns:wp=/.test(event.xml)) {
        throw new NotWxrError(`${file}: is XML but not a WordPress export (no wp:wxr_version in its channel): export it from WordPress with Tools > Export`);
      }
      // A fragment parser accepts no XML declaration; the export is UTF-8 whatever it says.
      const parsed = parseXml(event.xml.replace(/^\s*<\?xml[^>]*\?>/, ""), false);
      if (!parsed.ok) throw new NotWxrError(`${file}:${parsed.line}: the export's header is not valid XML: ${parsed.message}`);
      channel.authorsByLogin = readAuthors(parsed.root);
      const rss = child(parsed.root, "rss");
      const head = rss ? child(rss, "channel") : undefined;
      const link = head ? childText(head, "wp:base_blog_url") || childText(head, "link") : "";
      channel.siteUrl = link.replace(/\/+$/, "");
      continue;
    }
    if (event.kind !== "item") continue;
    channel.itemCount++;
    // Only attachments are parsed in this pass; a cheap look at the text first.
    if (!/<wp:post_type>(?:<!\[CDATA\[)?attachment/.test(event.item.xml)) continue;
    const parsed = parseXml(event.item.xml);
    if (!parsed.ok) continue; // reported in the second pass, with the posts
    const item = child(parsed.root, "item");
    const attachment = item && readAttachment(item);
    if (!attachment) continue;
    channel.attachmentsById.set(attachment.id, attachment.ref);
    channel.attachmentsByPath.set(urlPath(attachment.ref.url), attachment.ref);
  }
  return channel;
}

/** WordPress's media library, as the body converter asks for it: by attachment id, and by address (a resized copy's too). */
export function wordpressLookups(byId: ReadonlyMap<string, PhotoReference>, byPath: ReadonlyMap<string, PhotoReference>) {
  return {
    attachmentById: (id: string) => byId.get(id),
    attachmentByUrl: (url: string) => byPath.get(urlPath(url)) ?? byPath.get(urlPath(url.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, "$1"))),
  };
}
