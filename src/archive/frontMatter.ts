/**
 * Splits an article file into YAML front matter and Markdown body.
 *
 * The YAML is read with the core schema, so dates stay strings (the default
 * schema would turn `2026-13-45` into a date in 2027, and a bare day into UTC
 * midnight) and we validate them ourselves. Each key's line is kept so that
 * messages can point at it.
 */
import { isMap, isScalar, parseDocument } from "yaml";

export type FrontMatterResult =
  | {
      ok: true;
      data: Record<string, unknown>;
      /** 1-based line in the file of each top-level key. */
      lines: Record<string, number>;
      /** Character offset in the file where the Markdown body starts. */
      bodyOffset: number;
      body: string;
    }
  | { ok: false; line?: number; message: string };

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*$/m;

export function parseFrontMatter(source: string): FrontMatterResult {
  const opening = OPENING.exec(source);
  if (!opening) return { ok: false, line: 1, message: "front matter is missing: the file must start with a line of three dashes (---)" };
  const rest = source.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) return { ok: false, line: 1, message: "front matter is not closed: add a line of three dashes (---) after it" };

  const yamlText = rest.slice(0, closing.index);
  let bodyOffset = opening[0].length + closing.index + closing[0].length;
  if (source[bodyOffset] === "\r") bodyOffset++;
  if (source[bodyOffset] === "\n") bodyOffset++;

  const doc = parseDocument(yamlText, { schema: "core", prettyErrors: false, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const line = (firstError.linePos?.[0]?.line ?? 0) + 1;
    const reason = firstError.message.split("\n")[0] ?? "syntax error";
    return { ok: false, line, message: `YAML syntax error in front matter: ${reason}` };
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return { ok: true, data: {}, lines: {}, bodyOffset, body: source.slice(bodyOffset) };
  }
  if (!isMap(contents)) return { ok: false, line: 2, message: "front matter must be a list of `field: value` lines" };

  const lines: Record<string, number> = {};
  const lineStarts = lineStartOffsets(yamlText);
  for (const pair of contents.items) {
    if (isScalar(pair.key) && pair.key.range) {
      // +1 for 1-based lines, +1 for the opening `---` line.
      lines[String(pair.key.value)] = lineAt(lineStarts, pair.key.range[0]) + 2;
    }
  }
  const data = doc.toJS() as Record<string, unknown>;
  return { ok: true, data, lines, bodyOffset, body: source.slice(bodyOffset) };
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
