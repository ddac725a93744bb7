/**
 * Reading one article field from a source record: the map's key, template or
 * list of them, else the default aliases. Source values are untrusted: text is
 * text, numbers become their digits, anything else is reported by field.
 */
import { ARTICLE_FIELDS, FIELD_ALIASES, isTemplate, parseTemplate, type ArticleField, type ImportMap, type TemplatePart } from "../importMap.ts";

export type SourceObject = Record<string, unknown>;

export function isSourceObject(value: unknown): value is SourceObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A reason to skip the record, thrown while reading it and turned into a SkippedRecord. */
export class SkipRecord extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly categories?: string[],
  ) {
    super(message);
  }
}

type Source = { key: string } | { template: string; parts: TemplatePart[] };

/** Each field's sources, in the order they are tried, worked out once per import. */
export type CompiledFields = Record<ArticleField, Source[]>;

export function compileFields(map: ImportMap): CompiledFields {
  const compiled = {} as CompiledFields;
  for (const field of ARTICLE_FIELDS) {
    const spec = map.fields?.[field];
    const specs = spec === null ? [] : spec === undefined ? [...FIELD_ALIASES[field]] : typeof spec === "string" ? [spec] : spec;
    compiled[field] = specs.map((one): Source => {
      if (!isTemplate(one)) return { key: one.trim() };
      const parts = parseTemplate(one);
      // loadImportMap refuses bad templates; a map built in code gets the same words here.
      if ("error" in parts) throw new Error(`fields.${field}: template ${JSON.stringify(one)}: ${parts.error}`);
      return { template: one, parts };
    });
  }
  return compiled;
}

function property(object: SourceObject, key: string): unknown {
  if (Object.hasOwn(object, key)) return object[key];
  const folded = key.toLowerCase();
  for (const own of Object.keys(object)) if (own.toLowerCase() === folded) return object[own];
  return undefined;
}

function walk(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? "";
    if (Array.isArray(current)) {
      if (/^\d+$/.test(segment)) {
        current = current[Number(segment)];
        continue;
      }
      // `authors.name` over a list of objects: the list of their names.
      const rest = segments.slice(i);
      const values = current.flatMap((item) => {
        const found = walk(item, rest);
        return found === undefined || found === null ? [] : Array.isArray(found) ? found : [found];
      });
      return values.length > 0 ? values : undefined;
    }
    if (!isSourceObject(current)) return undefined;
    current = property(current, segment);
  }
  return current;
}

/** A key's value: the key itself first (a CSV column may be named `author.name`), then as a dotted path. */
export function valueAt(source: SourceObject, key: string): unknown {
  const whole = property(source, key);
  if (whole !== undefined || !key.includes(".")) return whole;
  return walk(source, key.split("."));
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
}

export type Lookup =
  | { found: true; value: unknown; from: string }
  | { found: false; tried: string[]; empty: string[]; gaps: string[] };

/** A JSON number as text, refusing integers JSON.parse has already rounded. */
function numberText(value: number, field: string, from: string): string {
  if (!Number.isFinite(value)) throw new SkipRecord("not text", `${field} (from "${from}"): is not a number that can be written`);
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new SkipRecord(
      "imprecise number",
      `${field} (from "${from}"): the number ${String(value)} is too large to read exactly: write it as text ("...") in the source`,
    );
  }
  return String(value);
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? "a list" : "a mapping";
}

/** A scalar as text; a list or mapping where text is expected skips the record. */
export function asText(value: unknown, field: string, from: string, lists = false): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value, field, from);
  if (typeof value === "boolean") return String(value);
  const hint = isSourceObject(value) ? ` (name a key inside it in the map, e.g. "${field}": "${from}.name")` : "";
  throw new SkipRecord("not text", `${field} (from "${from}"): is ${kindOf(value)}, expected text${lists ? " or a list of text" : ""}${hint}`);
}

function renderTemplate(source: SourceObject, parts: readonly TemplatePart[], field: string): string | { gap: string } {
  let out = "";
  for (const part of parts) {
    if ("text" in part) {
      out += part.text;
      continue;
    }
    const value = valueAt(source, part.key);
    if (isBlank(value)) return { gap: part.key };
    out += asText(value, field, part.key);
  }
  return out;
}

/** The first of the field's sources that the record has (not blank), or what was tried. */
export function lookup(source: SourceObject, compiled: CompiledFields, field: ArticleField): Lookup {
  const tried: string[] = [];
  const empty: string[] = [];
  const gaps: string[] = [];
  for (const one of compiled[field]) {
    if ("key" in one) {
      tried.push(one.key);
      const value = valueAt(source, one.key);
      if (!isBlank(value)) return { found: true, value, from: one.key };
      if (value !== undefined && value !== null) empty.push(one.key);
    } else {
      tried.push(one.template);
      const text = renderTemplate(source, one.parts, field);
      if (typeof text !== "string") gaps.push(`the template "${one.template}" needs "${text.gap}", which the record does not have`);
      else if (text.trim() === "") empty.push(one.template);
      else return { found: true, value: text, from: one.template };
    }
  }
  return { found: false, tried, empty, gaps };
}

/** `missing (looked for "title", "headline"; "title" is empty)`: why a required field was not found. */
export function describeMissing(missing: Extract<Lookup, { found: false }>): string {
  if (missing.tried.length === 0) return "missing (the map says not to read it)";
  const details = [
    ...missing.empty.map((key) => `"${key}" is empty`),
    ...missing.gaps,
  ];
  const looked = `looked for ${missing.tried.map((key) => `"${key}"`).join(", ")}`;
  return `missing (${[looked, ...details].join("; ")})`;
}

/** A field's text, trimmed; undefined when the record does not have it. */
export function optionalText(source: SourceObject, compiled: CompiledFields, field: ArticleField): { text: string; from: string } | undefined {
  const found = lookup(source, compiled, field);
  if (!found.found) return undefined;
  const text = asText(found.value, field, found.from).trim();
  return text ? { text, from: found.from } : undefined;
}

/** A list field: a source list as it is, one string split at the map's separator; blanks dropped. */
export function listOf(source: SourceObject, compiled: CompiledFields, field: ArticleField, separator: string): { items: string[]; from: string } | undefined {
  const found = lookup(source, compiled, field);
  if (!found.found) return undefined;
  const texts = Array.isArray(found.value)
    ? found.value.flatMap((item: unknown, i) => (item === null || item === undefined ? [] : [asText(item, `${field}[${i}]`, found.from)]))
    : asText(found.value, field, found.from, true).split(separator);
  const items = texts.map(oneLine).filter((item) => item.length > 0);
  return items.length > 0 ? { items, from: found.from } : undefined;
}

/** Names, tags and headlines are shown on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
