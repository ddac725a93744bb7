/**
 * Shared by the body converter's tests: options with a recording photo resolver, and WordPress exports read with
 * plain regular expressions (enough for tests: bodies from <content:encoded>, attachments from their items).
 */
import fs from "node:fs";
import path from "node:path";
import type { PhotoReference } from "../../../../src/import/importRecord.ts";
import type { BodyOptions, LocalPhoto } from "../../../../src/import/bodies/convertBody.ts";

export const EMBED_HOSTS = ["www.youtube-nocookie.com"];

/** Options whose resolver records each call; photos whose address contains "missing" are not found. */
export function recordingOptions(extra: Partial<BodyOptions> = {}): BodyOptions & { asked: PhotoReference[] } {
  const asked: PhotoReference[] = [];
  const resolvePhoto = (ref: PhotoReference): LocalPhoto | undefined => {
    asked.push(ref);
    if (ref.url.includes("missing")) return undefined;
    const name = ref.url.split(/[?#]/)[0]?.split("/").pop() ?? "photo.jpg";
    return { src: name };
  };
  return { resolvePhoto, embedHosts: EMBED_HOSTS, ...extra, asked };
}

/** A small media library for hand-written WordPress bodies. */
export function attachments(records: Record<string, PhotoReference>): NonNullable<BodyOptions["wordpress"]> {
  const byUrl = new Map(Object.values(records).map((ref) => [ref.url, ref]));
  return { attachmentById: (id) => records[id], attachmentByUrl: (url) => byUrl.get(url) };
}

const FIXTURES = path.resolve(import.meta.dirname, "../../../../../shared/fixtures/wordpress");

export interface ExportPost {
  title: string;
  type: string;
  body: string;
}

export interface WordPressExport {
  posts: ExportPost[];
  wordpress: NonNullable<BodyOptions["wordpress"]>;
  attachmentCount: number;
}

const cdata = (value: string | undefined): string => (value ?? "").replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, "$1").replace(/\]\]\]\]><!\[CDATA\[>/g, "]]>");
const field = (item: string, tag: string): string => cdata(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(item)?.[1]);
const meta = (item: string, key: string): string | undefined =>
  new RegExp(`<wp:meta_key><!\\[CDATA\\[${key}\\]\\]></wp:meta_key>\\s*<wp:meta_value><!\\[CDATA\\[([\\s\\S]*?)\\]\\]></wp:meta_value>`).exec(item)?.[1];

/** Posts and pages (title, raw post_content) and the attachments of one export of ../shared/fixtures/wordpress. */
export function readExport(name: string): WordPressExport {
  const xml = fs.readFileSync(path.join(FIXTURES, name), "utf8");
  const items = xml.split("<item>").slice(1);
  const byId = new Map<string, PhotoReference>();
  const byUrl = new Map<string, PhotoReference>();
  const posts: ExportPost[] = [];
  for (const item of items) {
    const type = field(item, "wp:post_type");
    if (type === "attachment") {
      const caption = field(item, "excerpt:encoded");
      const ref: PhotoReference = { url: field(item, "wp:attachment_url"), alt: meta(item, "_wp_attachment_image_alt") ?? "", ...(caption ? { caption } : {}) };
      byId.set(field(item, "wp:post_id"), ref);
      byUrl.set(ref.url, ref);
    } else if (type === "post" || type === "page") {
      posts.push({ title: field(item, "title"), type, body: field(item, "content:encoded") });
    }
  }
  return { posts, attachmentCount: byId.size, wordpress: { attachmentById: (id) => byId.get(id), attachmentByUrl: (url) => byUrl.get(url) } };
}

/** What breaks the output contract: CR, trailing spaces, two blank lines in a row (outside code), no final newline. */
export function untidy(markdown: string): string[] {
  if (markdown === "") return [];
  const problems: string[] = [];
  if (markdown.includes("\r")) problems.push("carriage return");
  if (/[ \t]+$/m.test(markdown)) problems.push("trailing space");
  if (!/[^\n]\n$/.test(markdown)) problems.push("does not end in exactly one newline");
  const outsideCode = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "code");
  if (/\n\n\n/.test(outsideCode)) problems.push("two blank lines in a row");
  return problems;
}
