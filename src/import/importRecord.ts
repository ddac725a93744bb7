/**
 * The shape every import reader (WordPress WXR, JSON Lines, JSON, CSV) gives:
 * one record per article, already in the archive's terms (a section slug, a
 * time in the site's zone, names not logins), so writing articles is one step
 * whatever the source.
 */
import type { ArchiveTime } from "../model/dates.ts";

/** Where a record is in its source file: the line it starts on, and the item number (1-based) in an XML export. */
export interface SourcePosition {
  line: number;
  item?: number;
}

export function formatPosition(file: string, position: SourcePosition): string {
  return position.item === undefined ? `${file}:${position.line}` : `${file}:${position.line} (item ${position.item})`;
}

/** A photo as the source names it: its old URL, with what the CMS knew about it. */
export interface PhotoReference {
  /** The old address (`https://example.com/wp-content/uploads/2019/03/harbour.jpg`) or a path. */
  url: string;
  alt: string;
  caption?: string;
  credit?: string;
}

/** A body as the source holds it. `text`: plain paragraphs separated by blank lines. */
export interface SourceBody {
  format: "html" | "markdown" | "text";
  content: string;
}

/** A problem with one record that does not stop it from being imported (an unknown shortcode, a missing photo). */
export interface RecordNote {
  message: string;
}

export interface ImportRecord {
  /** Stable identity in the source (`wxr:1234`, `jsonl:<id>`): how a re-import finds the file it wrote. */
  sourceKey: string;
  position: SourcePosition;
  /** SHA-256 of the source record as read: a changed record has a changed hash. */
  sourceHash: string;
  title: string;
  published: ArchiveTime;
  /** Only when later than `published`. */
  updated?: ArchiveTime;
  authors: string[];
  /** A section slug from `_data/sections.json`. */
  section: string;
  tags: string[];
  excerpt?: string;
  /** The wanted slug; the writer makes it unique in its folder. */
  slug: string;
  dateline?: string;
  draft: boolean;
  body: SourceBody;
  leadPhoto?: PhotoReference;
  /** Former URLs of the article on the old site (paths or absolute URLs on the old host). */
  redirectFrom: string[];
  /** Notes to report with the record (the sticky flag, which time a WordPress date was read from...). */
  notes: RecordNote[];
}

/** A record that cannot be imported: reported with its position and skipped; the import goes on. */
export interface SkippedRecord {
  position: SourcePosition;
  /** A short, stable reason used to group the summary ("no title", "unparsable date", "unmapped category"). */
  reason: string;
  /** The whole message, naming the field. */
  message: string;
  /** For "unmapped category": the source's categories that map to no section, for the summary's count of each. */
  categories?: string[];
}

/** What a reader yields, in source order. `ignored`: not an article (a page, an attachment): counted, not reported. */
export type ReadResult =
  | { kind: "record"; record: ImportRecord }
  | { kind: "skipped"; skipped: SkippedRecord }
  | { kind: "ignored"; position: SourcePosition; what: string };
