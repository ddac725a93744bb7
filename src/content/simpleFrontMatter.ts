/**
 * A fast reader for the front matter most articles have: top-level `key: value` lines, lists (block `- item` or
 * flow `["a", "b"]` of simple strings) and one level of nested `key: value` (the `image` block). It gives exactly
 * what the full YAML reader (src/content/frontMatter.ts, with the core schema and values kept as written) gives
 * for those, or undefined for anything else (comments, anchors, escapes, multi-line values, nulls, tabs...), which
 * then goes to the full reader. The full reader builds a document with positions for every node; on a cold load of
 * 100,000 articles that was most of the parse time, for files that almost never need it.
 */

/** What the full reader turns into something other than the text as written, or reads another way: left to it. */
const UNSAFE_TEXT = /[\t\r\0-\x08\x0b\x0c\x0e-\x1f\x7f\u0085\u2028\u2029\ufeff]/;
const TOP_KEY = /^([A-Za-z][A-Za-z0-9_]*):(?: (.*))?$/;
const NESTED_KEY = /^( +)([A-Za-z][A-Za-z0-9_]*):(?: (.*))?$/;
const LIST_ITEM = /^( *)- (.*)$/;
const DOUBLE_QUOTED = /^"([^"\\]*)" *$/;
const SINGLE_QUOTED = /^'([^']*)' *$/;
const FLOW_LIST = /^\[(.*)\] *$/;
const FLOW_MAP = /^\{(.*)\} *$/;
const FLOW_QUOTED = /^ *"([^"\\]*)" *$/;
/** A plain scalar inside `[...]` or `{...}`: no flow indicators, quotes, colons or hashes at all. */
const FLOW_PLAIN = /^ *([A-Za-z0-9][^,[\]{}:#"'\\]*?) *$/;
const FLOW_PAIR = /^ *([A-Za-z][A-Za-z0-9_]*): (.*)$/;
/** A plain scalar may not start with an indicator, nor hold `: ` or ` #` (a mapping and a comment to YAML). */
const PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
const NULLS = new Set(["~", "null", "Null", "NULL"]);

export interface SimpleFrontMatter {
  data: Record<string, unknown>;
  /** 0-based line in the YAML text of each top-level key. */
  keyLines: Map<string, number>;
}

function scalar(text: string): string | undefined {
  if (text.startsWith('"')) return DOUBLE_QUOTED.exec(text)?.[1];
  if (text.startsWith("'")) return SINGLE_QUOTED.exec(text)?.[1];
  const plain = text.trim();
  if (plain === "" || PLAIN_START.test(plain) || plain.includes(": ") || plain.includes(" #") || plain.endsWith(":") || NULLS.has(plain)) return undefined;
  return plain;
}

/** The parts of a flow collection's inside, split at commas outside double quotes; undefined for single quotes. */
function flowParts(inner: string): string[] | undefined {
  if (inner.includes("'")) return undefined;
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i];
    if (char === '"') quoted = !quoted;
    else if (char === "," && !quoted) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted) return undefined;
  parts.push(inner.slice(start));
  return parts;
}

function flowScalar(part: string): string | undefined {
  const quoted = FLOW_QUOTED.exec(part);
  if (quoted) return quoted[1];
  const plain = FLOW_PLAIN.exec(part)?.[1];
  return plain === undefined || NULLS.has(plain) ? undefined : plain;
}

function value(text: string, typed: boolean): unknown {
  if (typed) return text === "true" ? true : text === "false" ? false : undefined;
  const list = FLOW_LIST.exec(text)?.[1];
  if (list !== undefined) {
    if (list.trim() === "") return [];
    const items: string[] = [];
    for (const part of flowParts(list) ?? [undefined]) {
      const item = part === undefined ? undefined : flowScalar(part);
      if (item === undefined) return undefined;
      items.push(item);
    }
    return items;
  }
  const map = FLOW_MAP.exec(text)?.[1];
  if (map !== undefined) {
    const entries = new Map<string, string>();
    if (map.trim() === "") return {};
    for (const part of flowParts(map) ?? [undefined]) {
      const pair = part === undefined ? null : FLOW_PAIR.exec(part);
      const item = pair ? flowScalar(pair[2] as string) : undefined;
      if (!pair || item === undefined || entries.has(pair[1] as string)) return undefined;
      entries.set(pair[1] as string, item);
    }
    return Object.fromEntries(entries);
  }
  if (text.startsWith("[") || text.startsWith("{")) return undefined;
  return scalar(text);
}

/** The front matter's data, or undefined when it is not of the simple kind (the full reader then reads it). */
export function parseSimpleFrontMatter(yamlText: string, typedFields: ReadonlySet<string>): SimpleFrontMatter | undefined {
  if (UNSAFE_TEXT.test(yamlText)) return undefined;
  const lines = yamlText.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const data = Object.create(null) as Record<string, unknown>;
  const keyLines = new Map<string, number>();
  let i = 0;
  while (i < lines.length) {
    const match = TOP_KEY.exec(lines[i] as string);
    if (!match) return undefined;
    const key = match[1] as string;
    if (keyLines.has(key)) return undefined;
    keyLines.set(key, i);
    const rest = match[2];
    i++;
    if (rest !== undefined && rest.trim() !== "") {
      const parsed = value(rest, typedFields.has(key));
      if (parsed === undefined) return undefined;
      data[key] = parsed;
      continue;
    }
    if (typedFields.has(key)) return undefined;
    // A block under the key: a list, or a map of `key: value` lines, all at one indentation.
    const first = lines[i];
    if (first === undefined) return undefined;
    const item = LIST_ITEM.exec(first);
    if (item) {
      const indent = (item[1] as string).length;
      const items: string[] = [];
      for (let next = LIST_ITEM.exec(lines[i] ?? ""); next && (next[1] as string).length === indent; next = LIST_ITEM.exec(lines[i] ?? "")) {
        const text = scalar(next[2] as string);
        if (text === undefined) return undefined;
        items.push(text);
        i++;
      }
      data[key] = items;
      continue;
    }
    const nested = NESTED_KEY.exec(first);
    if (!nested) return undefined;
    const indent = (nested[1] as string).length;
    const map = Object.create(null) as Record<string, unknown>;
    for (let next = NESTED_KEY.exec(lines[i] ?? ""); next; next = NESTED_KEY.exec(lines[i] ?? "")) {
      if ((next[1] as string).length !== indent) return undefined;
      const name = next[2] as string;
      const text = next[3] === undefined ? undefined : scalar(next[3]);
      if (text === undefined || name in map) return undefined;
      map[name] = text;
      i++;
    }
    // The full reader gives plain objects inside.
    data[key] = { ...map };
  }
  return { data: { ...data }, keyLines };
}
