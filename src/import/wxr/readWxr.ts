/**
 * WordPress exports (WXR) as import records: the second streaming pass, one
 * item at a time, each parsed on its own so a malformed item is skipped with
 * its item number and line while the rest goes on.
 */
import { createHash } from "node:crypto";
import slugify from "@sindresorhus/slugify";
import { decodeHTML } from "entities";
import { DateTime } from "luxon";
import { htmlToText } from "../../model/safeHtml.ts";
import { SLUG_PATTERN } from "../../model/urls.ts";
import type { ArchiveTime } from "../../model/dates.ts";
import { slugForTitle, MAX_SLUG_LENGTH } from "../../content/newArticle.ts";
import type { SiteData } from "../../content/siteData.ts";
import type { ImportRecord, ReadResult, RecordNote, SourcePosition } from "../importRecord.ts";
import { resolveSection, type ImportMap } from "../importMap.ts";
import { scanWxr } from "./itemScanner.ts";
import { readWxrChannel, postMeta, type WxrChannel } from "./wxrChannel.ts";
import { child, childrenNamed, childText, parseXml, type XmlElement } from "./xmlTree.ts";

/** Post types imported unless `--post-types` widens them. */
export const DEFAULT_POST_TYPES = ["post"];
/** Statuses that were never public: imported as drafts, never published by accident. */
const DRAFT_STATUSES = new Set(["draft", "pending", "private", "future"]);
/** Not content at all: WordPress's bin, and the placeholders it makes when an editor opens "Add New". */
const IGNORED_STATUSES = new Set(["trash", "auto-draft"]);

/** Which WordPress time a publication time was read from, for the summary. */
export type DateSource = "gmt" | "local";

export interface WxrOptions {
  map: ImportMap;
  site: SiteData;
  postTypes?: readonly string[];
  /** Called once the first pass has counted the items. */
  onChannel?: (channel: WxrChannel) => void;
}

const ZERO_DATE = /^0000-00-00/;

/** `2019-03-04 09:30:00` read in `zone`, as an ArchiveTime in the site's zone; undefined when absent or impossible. */
function wordpressTime(text: string, zone: string, siteZone: string): ArchiveTime | undefined {
  if (!text || ZERO_DATE.test(text)) return undefined;
  const time = DateTime.fromFormat(text, "yyyy-MM-dd HH:mm:ss", { zone });
  if (!time.isValid) return undefined;
  const inSite = time.setZone(siteZone);
  const iso = inSite.toISO({ suppressMilliseconds: true, includeOffset: true });
  return iso ? { millis: inSite.toMillis(), iso, hasTime: true } : undefined;
}

/**
 * The publication time. `wp:post_date_gmt` is the instant (UTC) and wins; it
 * is `0000-00-00 00:00:00` for posts never published, and then
 * `wp:post_date`, the blog's wall-clock time, is read in the map's zone.
 */
function publicationTime(item: XmlElement, localZone: string, siteZone: string): { time: ArchiveTime; source: DateSource } | undefined {
  const gmt = wordpressTime(childText(item, "wp:post_date_gmt"), "UTC", siteZone);
  if (gmt) return { time: gmt, source: "gmt" };
  const local = wordpressTime(childText(item, "wp:post_date"), localZone, siteZone);
  return local ? { time: local, source: "local" } : undefined;
}

function modifiedTime(item: XmlElement, localZone: string, siteZone: string): ArchiveTime | undefined {
  return wordpressTime(childText(item, "wp:post_modified_gmt"), "UTC", siteZone) ?? wordpressTime(childText(item, "wp:post_modified"), localZone, siteZone);
}

/** `wp:post_name` is percent-encoded UTF-8 for non-Latin slugs (`%d0%bf%d1%80...`). */
function decodedSlug(postName: string): string {
  try {
    return decodeURIComponent(postName);
  } catch {
    return postName;
  }
}

function slugFor(postName: string, title: string, id: string): string {
  const fromName = slugify(decodedSlug(postName)).slice(0, MAX_SLUG_LENGTH).replace(/-+$/, "");
  if (fromName && SLUG_PATTERN.test(fromName)) return fromName;
  const fromTitle = title ? slugForTitle(title) : "";
  return fromTitle && SLUG_PATTERN.test(fromTitle) ? fromTitle : `post-${id}`;
}

/** WordPress keeps titles as HTML (`Caf&eacute;`, `<em>`): the archive's titles are text. */
function textOf(html: string): string {
  return htmlToText(decodeHTML(html)).replace(/\s+/g, " ").trim();
}

/**
 * Former addresses of the post, as paths on the old site: its permalink and
 * the `/?p=ID` shortlink WordPress answers for every post.
 */
function formerUrls(item: XmlElement, id: string): string[] {
  const urls: string[] = [];
  const link = childText(item, "link");
  if (link) {
    try {
      const url = new URL(link);
      urls.push(url.pathname + url.search);
    } catch {
      // A link that is not a URL names no address a reader could have kept.
    }
  }
  urls.push(`/?p=${id}`);
  return [...new Set(urls)];
}

function terms(item: XmlElement, domain: string): Array<{ slug: string; name: string }> {
  return childrenNamed(item, "category")
    .filter((c) => c.attributes.domain === domain)
    .map((c) => ({ slug: decodedSlug(c.attributes.nicename ?? ""), name: textOf(c.text) }));
}

type ItemResult = ReadResult | { kind: "wxr-record"; record: ImportRecord; dateSource: DateSource };

function skipped(position: SourcePosition, reason: string, message: string): ReadResult {
  return { kind: "skipped", skipped: { position, reason, message } };
}

function readItem(item: XmlElement, xml: string, position: SourcePosition, channel: WxrChannel, options: WxrOptions): ItemResult {
  const postTypes = options.postTypes ?? DEFAULT_POST_TYPES;
  const type = childText(item, "wp:post_type") || "post";
  if (!postTypes.includes(type)) return { kind: "ignored", position, what: type };
  const status = childText(item, "wp:status") || "publish";
  if (IGNORED_STATUSES.has(status)) return { kind: "ignored", position, what: `${type} (${status})` };

  const id = childText(item, "wp:post_id");
  if (!id) return skipped(position, "no post id", "wp:post_id: is missing, so a re-import could not find this post again");
  const title = textOf(childText(item, "title"));
  if (!title) return skipped(position, "no title", `title: is empty (post ${id}${childText(item, "wp:post_name") ? `, "${childText(item, "wp:post_name")}"` : ""})`);

  const siteZone = options.site.site.timezone;
  const localZone = options.map.timezone ?? siteZone;
  const published = publicationTime(item, localZone, siteZone);
  if (!published) {
    return skipped(position, "unparsable date", `wp:post_date: "${childText(item, "wp:post_date")}" is not a date (post ${id})`);
  }
  const modified = modifiedTime(item, localZone, siteZone);

  const categories = terms(item, "category");
  const section = resolveSection(options.map, options.site.sections, categories.flatMap((c) => [c.slug, c.name]));
  if ("unmapped" in section) {
    const names = categories.map((c) => c.slug).join(", ") || "none";
    const result = skipped(position, "unmapped category", `category: ${names} maps to no section (post ${id}): map it in --map's "sections", or name a "defaultSection"`);
    if (result.kind === "skipped") result.skipped.categories = categories.length > 0 ? categories.map((c) => c.name) : ["(none)"];
    return result;
  }

  const notes: RecordNote[] = [];
  const password = childText(item, "wp:post_password");
  if (password) notes.push({ message: "was password-protected on the old site: imported as a draft" });
  if (childText(item, "wp:is_sticky") === "1") notes.push({ message: "was sticky (pinned to the front page) on the old site" });
  const draft = DRAFT_STATUSES.has(status) || password !== "";

  const login = childText(item, "dc:creator");
  const author = login ? channel.authorsByLogin.get(login) : undefined;
  if (login && !author) notes.push({ message: `author login "${login}" is not among the export's authors: used as the byline` });
  const usedForSection = new Set([section.section]);
  const tags = [
    ...terms(item, "post_tag").map((t) => t.name),
    // Other categories stay findable as tags; WordPress's catch-all says nothing.
    ...categories.filter((c) => c.slug !== "uncategorized" && !usedForSection.has(c.slug)).map((c) => c.name),
  ].filter((tag, i, all) => tag && all.indexOf(tag) === i);

  const excerpt = textOf(childText(item, "excerpt:encoded", false));
  const thumbnailId = postMeta(item, "_thumbnail_id")?.trim();
  const leadPhoto = thumbnailId ? channel.attachmentsById.get(thumbnailId) : undefined;
  if (thumbnailId && !leadPhoto) notes.push({ message: `featured image (attachment ${thumbnailId}) is not in the export` });

  const record: ImportRecord = {
    sourceKey: `wxr:${id}`,
    position,
    sourceHash: createHash("sha256").update(xml).digest("hex"),
    title,
    published: published.time,
    authors: [author ?? login].filter((name): name is string => Boolean(name)),
    section: section.section,
    tags,
    slug: slugFor(childText(item, "wp:post_name"), title, id),
    draft,
    body: { format: "html", content: childText(item, "content:encoded", false) },
    redirectFrom: formerUrls(item, id),
    notes,
  };
  if (modified && modified.millis > published.time.millis) record.updated = modified;
  if (excerpt) record.excerpt = excerpt;
  if (leadPhoto) record.leadPhoto = leadPhoto;
  return { kind: "wxr-record", record, dateSource: published.source };
}

export interface WxrRead {
  result: ReadResult;
  /** For records: which WordPress time gave the publication time. */
  dateSource?: DateSource;
}

/** Reads `file` in two streaming passes; the channel (authors, media library) is given to `onChannel` first. */
export async function* readWxr(file: string, options: WxrOptions): AsyncGenerator<WxrRead> {
  const channel = await readWxrChannel(file);
  options.onChannel?.(channel);
  for await (const event of scanWxr(file)) {
    if (event.kind === "header") continue;
    if (event.kind === "unclosed") {
      yield { result: skipped({ line: event.line, item: event.number }, "invalid XML", "item: has no </item>: the export is cut short") };
      continue;
    }
    const position = { line: event.item.line, item: event.item.number };
    const parsed = parseXml(event.item.xml);
    if (!parsed.ok) {
      yield { result: skipped({ line: event.item.line + parsed.line - 1, item: event.item.number }, "invalid XML", `item: is not valid XML: ${parsed.message}`) };
      continue;
    }
    const item = child(parsed.root, "item");
    if (!item) continue;
    const read = readItem(item, event.item.xml, position, channel, options);
    if (read.kind === "wxr-record") yield { result: { kind: "record", record: read.record }, dateSource: read.dateSource };
    else yield { result: read };
  }
}
