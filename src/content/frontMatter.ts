/**
 * Splits an article file into YAML front matter and Markdown body.
 *
 * The YAML is read with the core schema, so dates stay strings (the default
 * schema would turn `2026-13-45` into a date in 2027, and a bare day into UTC
 * midnight) and we validate them ourselves. Each key's line is kept so that
 * messages can point at it.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type YAMLError } from "yaml";
import { parseSimpleFrontMatter } from "./simpleFrontMatter.ts";

export type FrontMatterResult =
  | {
      ok: true;
      data: Record<string, unknown>;
      /** 1-based line in the file of each top-level key (an object without prototype: keys may be `__proto__`). */
      lines: Record<string, number>;
      /** Character offset in the file where the Markdown body starts. */
      bodyOffset: number;
      body: string;
    }
  | { ok: false; line?: number; message: string };

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*$/m;

/**
 * Aliases expanded at most (`*name` repeats `&name`): nine nested lists of nine
 * aliases would otherwise expand to 387 million values. Front matter needs few or none.
 */
export const MAX_ALIASES = 100;

/** Fields that are not text. YAML reads `title: 007` as 7 and `title: True` as true; every other field keeps what was written. */
const TYPED_FIELDS: ReadonlySet<string> = new Set(["draft"]);

export function parseFrontMatter(source: string, options: { fullYaml?: boolean } = {}): FrontMatterResult {
  const opening = OPENING.exec(source);
  if (!opening) return { ok: false, line: 1, message: "front matter is missing: the file must start with a line of three dashes (---)" };
  const rest = source.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) return { ok: false, line: 1, message: "front matter is not closed: add a line of three dashes (---) after it" };

  const yamlText = rest.slice(0, closing.index);
  let bodyOffset = opening[0].length + closing.index + closing[0].length;
  if (source[bodyOffset] === "\r") bodyOffset++;
  if (source[bodyOffset] === "\n") bodyOffset++;

  // Most front matter is plain `key: value` lines: read without building a YAML document (same result, tested).
  const simple = options.fullYaml ? undefined : parseSimpleFrontMatter(yamlText, TYPED_FIELDS);
  if (simple) {
    const lines = Object.create(null) as Record<string, number>;
    for (const [key, line] of simple.keyLines) lines[key] = line + 2;
    return { ok: true, data: simple.data, lines, bodyOffset, body: source.slice(bodyOffset) };
  }
  return parseFullYaml(source, yamlText, bodyOffset);
}

/** The full YAML reader: any front matter, with the line of an error. */
function parseFullYaml(source: string, yamlText: string, bodyOffset: number): FrontMatterResult {
  const doc = parseDocument(yamlText, { schema: "core", prettyErrors: false, uniqueKeys: true });
  const lineStarts = lineStartOffsets(yamlText);
  // +1 for 1-based lines, +1 for the opening `---` line.
  const fileLine = (offset: number): number => lineAt(lineStarts, offset) + 2;
  const firstError = doc.errors[0];
  if (firstError) {
    return { ok: false, line: fileLine(errorOffset(doc, firstError)), message: `YAML syntax error in front matter: ${describeYamlError(yamlText, firstError)}` };
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return { ok: true, data: {}, lines: Object.create(null) as Record<string, number>, bodyOffset, body: source.slice(bodyOffset) };
  }
  if (!isMap(contents)) return { ok: false, line: 2, message: "front matter must be a list of `field: value` lines" };

  // No prototype: a key `__proto__` or `toString` must not read Object.prototype's.
  const lines = Object.create(null) as Record<string, number>;
  for (const pair of contents.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (pair.key.range) lines[key] = fileLine(pair.key.range[0]);
    if (!TYPED_FIELDS.has(key)) keepWrittenText(pair.value);
  }
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES }) as Record<string, unknown>;
  } catch (error) {
    // The only throw left after parsing: the alias limit (an "alias bomb").
    const line = fileLine(firstAliasOffset(doc));
    if (error instanceof ReferenceError) {
      return { ok: false, line, message: `yaml: too many aliases (more than ${MAX_ALIASES} values repeated with *name): write the values out` };
    }
    return { ok: false, line, message: `yaml: ${(error as Error).message}` };
  }
  return { ok: true, data, lines, bodyOffset, body: source.slice(bodyOffset) };
}

/** Puts back the text of plain scalars that YAML read as numbers or booleans (`007`, `1.10`, `0x1F`, `.inf`, `True`). */
function keepWrittenText(node: unknown): void {
  if (isScalar(node)) {
    if ((typeof node.value === "number" || typeof node.value === "boolean") && typeof node.source === "string") node.value = node.source;
  } else if (isMap(node) || isSeq(node)) {
    for (const item of node.items) keepWrittenText(isPair(item) ? item.value : item);
  }
}

/** Where an error is in the YAML text: for an unclosed quote, where the quote opens (the parser reports where it gave up). */
function errorOffset(doc: Document, error: YAMLError): number {
  const offset = error.pos[0];
  if (error.code !== "MISSING_CHAR") return offset;
  let opened = offset;
  visit(doc, {
    Scalar(_key, node) {
      const range = node.range;
      if ((node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") && range && range[0] <= offset && offset <= range[1]) {
        opened = range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return opened;
}

function describeYamlError(yamlText: string, error: YAMLError): string {
  const reason = error.message.split("\n")[0] ?? "syntax error";
  switch (error.code) {
    case "DUPLICATE_KEY": {
      const key = /^[^:\n]*/.exec(yamlText.slice(error.pos[0]))?.[0].trim();
      return key ? `${key} is given twice (each field may appear once)` : reason;
    }
    case "BLOCK_AS_IMPLICIT_KEY":
      return `${reason} (quote the value if it contains ": ")`;
    case "TAB_AS_INDENT":
      return `${reason} (indent with spaces)`;
    case "RESOURCE_EXHAUSTION":
      return `nested too deeply (${reason})`;
    default:
      return reason;
  }
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) offset = node.range[0];
      return visit.BREAK;
    },
  });
  return offset;
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based line containing the offset. */
function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
