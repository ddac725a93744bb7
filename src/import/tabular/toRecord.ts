/**
 * One source record (a JSON object, a CSV row) → an ImportRecord in the
 * archive's terms, or the reason it is skipped.
 */
import { createHash } from "node:crypto";
import { VISIBLE } from "../../content/articleSchema.ts";
import { slugForTitle } from "../../content/newArticle.ts";
import type { SiteData } from "../../content/siteData.ts";
import type { ArchiveTime } from "../../model/dates.ts";
import type { ImportRecord, PhotoReference, ReadResult, RecordNote, SkippedRecord, SourcePosition } from "../importRecord.ts";
import { resolveSection, sourceZone, type ImportMap } from "../importMap.ts";
import { asText, compileFields, describeMissing, listOf, lookup, oneLine, optionalText, SkipRecord, type CompiledFields, type SourceObject } from "./fields.ts";
import type { TabularFormat } from "./sniff.ts";
import { readSourceDate } from "./sourceDate.ts";

/** What every record of one import is read with, worked out once. */
export interface Reading {
  format: TabularFormat;
  map: ImportMap;
  site: SiteData;
  fields: CompiledFields;
  sourceZone: string;
  draftValues: Set<string>;
}

export function prepareReading(format: TabularFormat, map: ImportMap, site: SiteData): Reading {
  return {
    format,
    map,
    site,
    fields: compileFields(map),
    sourceZone: sourceZone(map, site),
    draftValues: new Set(map.draftValues.map((v) => v.trim().toLowerCase())),
  };
}

/** JSON with object keys sorted at every level: the same record gives the same text, whatever its key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object)
      .filter((key) => object[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function sourceHash(source: SourceObject): string {
  return createHash("sha256").update(canonicalJson(source)).digest("hex");
}

function readDate(reading: Reading, source: SourceObject, field: "date" | "updated", notes: RecordNote[]): ArchiveTime | undefined {
  const found = optionalText(source, reading.fields, field);
  if (!found) return undefined;
  const parsed = readSourceDate(found.text, reading.sourceZone, reading.site.site.timezone);
  if (!parsed.ok) {
    if (field === "date") throw new SkipRecord("unparsable date", `date (from "${found.from}"): ${parsed.reason}`);
    notes.push({ message: `updated (from "${found.from}"): ${parsed.reason}; left out` });
    return undefined;
  }
  if (parsed.warning) notes.push({ message: `${field} (from "${found.from}"): ${parsed.warning}` });
  return parsed.time;
}

function readSection(reading: Reading, source: SourceObject): string {
  const found = listOf(source, reading.fields, "section", reading.map.listSeparator);
  const resolved = resolveSection(reading.map, reading.site.sections, found?.items ?? []);
  if ("section" in resolved) return resolved.section;
  const sections = reading.site.sections.map((s) => s.slug).join(", ");
  if (!found) {
    const missing = lookup(source, reading.fields, "section");
    const why = missing.found ? "missing" : describeMissing(missing);
    throw new SkipRecord("unmapped category", `section: ${why}, and the map has no "defaultSection" (sections: ${sections})`, ["(none)"]);
  }
  const values = resolved.unmapped.map((v) => JSON.stringify(v)).join(", ");
  throw new SkipRecord(
    "unmapped category",
    `section (from "${found.from}"): ${values} ${resolved.unmapped.length > 1 ? "are" : "is"} not a section (${sections}) nor in the map's "sections"; map ${resolved.unmapped.length > 1 ? "one" : "it"} there, or set "defaultSection"`,
    resolved.unmapped,
  );
}

function readDraft(reading: Reading, source: SourceObject): boolean {
  const found = lookup(source, reading.fields, "draft");
  if (!found.found) return false;
  if (typeof found.value === "boolean") return found.value;
  return reading.draftValues.has(asText(found.value, "draft", found.from).trim().toLowerCase());
}

function readPhoto(reading: Reading, source: SourceObject): PhotoReference | undefined {
  const url = optionalText(source, reading.fields, "image");
  if (!url) return undefined;
  const photo: PhotoReference = { url: url.text, alt: oneLine(optionalText(source, reading.fields, "imageAlt")?.text ?? "") };
  const caption = optionalText(source, reading.fields, "imageCaption");
  if (caption) photo.caption = oneLine(caption.text);
  const credit = optionalText(source, reading.fields, "imageCredit");
  if (credit) photo.credit = oneLine(credit.text);
  return photo;
}

/**
 * The record, or why it is skipped. `positionId` stands in for a missing id
 * (`line-12`): stable only while the file's order is. `id` is the source's
 * own id, for the reader's duplicate check.
 */
export function toRecord(reading: Reading, source: SourceObject, position: SourcePosition, positionId: string): { result: ReadResult; id?: string } {
  try {
    const notes: RecordNote[] = [];
    const idField = optionalText(source, reading.fields, "id");
    const id = idField?.text;
    if (!id && reading.map.fields?.id) notes.push({ message: `id: the record has none (looked for ${JSON.stringify(reading.map.fields.id)}); its position (${positionId}) is used: a re-import finds its file only while the file's order is unchanged` });

    const titleLookup = lookup(source, reading.fields, "title");
    if (!titleLookup.found) throw new SkipRecord("no title", `title: ${describeMissing(titleLookup)}`);
    const title = oneLine(asText(titleLookup.value, "title", titleLookup.from));
    if (!VISIBLE.test(title)) throw new SkipRecord("no title", `title (from "${titleLookup.from}"): has only invisible characters`);

    const dateLookup = lookup(source, reading.fields, "date");
    if (!dateLookup.found) throw new SkipRecord("unparsable date", `date: ${describeMissing(dateLookup)}`);
    const published = readDate(reading, source, "date", notes);
    if (!published) throw new SkipRecord("unparsable date", `date (from "${dateLookup.from}"): is empty`);
    let updated = readDate(reading, source, "updated", notes);
    if (updated && updated.millis <= published.millis) {
      if (updated.millis < published.millis) notes.push({ message: `updated: ${updated.iso} is before the date (${published.iso}); left out` });
      updated = undefined;
    }

    const section = readSection(reading, source);
    const separator = reading.map.listSeparator;
    const slugField = optionalText(source, reading.fields, "slug");
    const excerpt = optionalText(source, reading.fields, "excerpt");
    const dateline = optionalText(source, reading.fields, "dateline");
    const body = optionalText(source, reading.fields, "body");
    const leadPhoto = readPhoto(reading, source);

    const record: ImportRecord = {
      sourceKey: `${reading.format}:${id ?? positionId}`,
      position,
      sourceHash: sourceHash(source),
      title,
      published,
      authors: listOf(source, reading.fields, "author", separator)?.items ?? [],
      section,
      tags: listOf(source, reading.fields, "tags", separator)?.items ?? [],
      slug: slugForTitle(slugField?.text ?? title),
      draft: readDraft(reading, source),
      // The body keeps its own line breaks: they are paragraphs in text and Markdown.
      body: { format: reading.map.body, content: body?.text ?? "" },
      redirectFrom: listOf(source, reading.fields, "redirectFrom", separator)?.items ?? [],
      notes,
    };
    if (updated) record.updated = updated;
    if (excerpt) record.excerpt = oneLine(excerpt.text);
    if (dateline) record.dateline = oneLine(dateline.text);
    if (leadPhoto) record.leadPhoto = leadPhoto;
    return id ? { result: { kind: "record", record }, id } : { result: { kind: "record", record } };
  } catch (error) {
    if (error instanceof SkipRecord) {
      const skipped: SkippedRecord = { position, reason: error.reason, message: error.message };
      if (error.categories) skipped.categories = error.categories;
      return { result: { kind: "skipped", skipped } };
    }
    throw error;
  }
}
