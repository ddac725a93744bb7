/**
 * An imported article body (HTML, Markdown or plain text, as a reader found it) as the archive's Markdown: safe
 * (the site's HTML policy runs before anything is converted), photos pointing at their local copies in the
 * archive's figure syntax, and nothing silently lost (what cannot be shown is a link or a note).
 */
import type { PhotoReference, RecordNote, SourceBody } from "../importRecord.ts";
import { convertHtml } from "./htmlBody.ts";
import { normaliseMarkdown } from "./markdownText.ts";
import { rewriteMarkdownPhotos } from "./markdownBody.ts";
import { NoteList } from "./notes.ts";
import { textToMarkdown } from "./textBody.ts";

/** A photo's local copy: its file name relative to the article's file, e.g. "harbour.jpg". */
export interface LocalPhoto {
  src: string;
}

export interface BodyOptions {
  /** Finds the local copy of a photo; undefined when it is missing (the caller records the miss). Called once per image, in document order. */
  resolvePhoto(ref: PhotoReference): LocalPhoto | undefined;
  /** WordPress specifics: attachments by id and by URL (alt, caption, credit from the media library), for [caption], [gallery ids=...] and <img class="wp-image-123">. */
  wordpress?: { attachmentById(id: string): PhotoReference | undefined; attachmentByUrl(url: string): PhotoReference | undefined };
  /** Hosts whose iframes the archive keeps (`embedHosts` in `_data/site.json`). */
  embedHosts: readonly string[];
}

export interface ConvertedBody {
  /** LF line endings, no trailing spaces, at most one blank line in a row, one final newline ("" for an empty body). */
  markdown: string;
  notes: RecordNote[];
  /** Every photo of the body in document order, with its local copy when found. */
  photos: { ref: PhotoReference; local?: LocalPhoto }[];
}

export function convertBody(body: SourceBody, options: BodyOptions): ConvertedBody {
  const notes = new NoteList();
  switch (body.format) {
    case "html": {
      const { markdown, photos } = convertHtml(body.content, options, notes);
      return { markdown, notes: notes.notes, photos };
    }
    case "markdown": {
      const { markdown, photos } = rewriteMarkdownPhotos(body.content, options, notes);
      return { markdown: normaliseMarkdown(markdown, { fromHtml: false }), notes: notes.notes, photos };
    }
    case "text":
      return { markdown: normaliseMarkdown(textToMarkdown(body.content), { fromHtml: false }), notes: notes.notes, photos: [] };
  }
}
