/**
 * What a source file is, from its name and first bytes: so `--format jsonl`
 * on a WordPress export fails at once with a message saying what to use,
 * instead of skipping every line as invalid JSON.
 */
import fs from "node:fs";
import path from "node:path";

export type SourceFormat = "wxr" | "jsonl" | "json" | "csv";
export type TabularFormat = Exclude<SourceFormat, "wxr">;

/** A source file that cannot be read as the format asked for: the import stops before reading a record. */
export class TabularInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TabularInputError";
  }
}

/** Enough to see the first record's start, and to find a CSV header's delimiter. */
const SNIFF_BYTES = 64 * 1024;

export interface Sniffed {
  kind: "empty" | "binary" | "xml" | "array" | "object-line" | "object" | "text";
  /** 1-based line of the first non-blank character. */
  line: number;
  /** The first line from that character, without the BOM. */
  firstLine: string;
  /** Why the file is not text, for "binary". */
  binary?: string;
}

function readHead(file: string): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const read = fs.readSync(fd, buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

function hex(bytes: Buffer): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");
}

/** Why the head is not UTF-8 text, or undefined. */
function binaryProblem(head: Buffer): string | undefined {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return "it is a ZIP archive (a .xlsx or .ods spreadsheet?): export the sheet as CSV (UTF-8)";
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return "it is UTF-16 text: save it as UTF-8";
  if (head[0] === 0x1f && head[1] === 0x8b) return "it is gzip-compressed: decompress it first";
  if (head.includes(0)) return `it is not text (it starts with bytes ${hex(head.subarray(0, 4))})`;
  try {
    // stream: a character cut by the end of the head is not an error.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
  } catch {
    return "it is not UTF-8 text (spreadsheets often export Windows-1252 or Latin-1): save it as UTF-8";
  }
  return undefined;
}

export function sniff(file: string): Sniffed {
  const head = readHead(file);
  const binary = binaryProblem(head);
  if (binary) return { kind: "binary", line: 1, firstLine: "", binary };
  const text = head.toString("utf8").replace(/^\uFEFF/, "");
  const start = text.search(/\S/);
  if (start < 0) return { kind: "empty", line: 1, firstLine: "" };
  const line = 1 + countNewlines(text.slice(0, start));
  const end = text.indexOf("\n", start);
  const firstLine = (end < 0 ? text.slice(start) : text.slice(start, end)).replace(/\r$/, "");
  const first = text[start];
  if (first === "<") return { kind: "xml", line, firstLine };
  if (first === "[") return { kind: "array", line, firstLine };
  if (first === "{") {
    // One whole object on the first line is JSON Lines; a lone "{" is a pretty-printed object.
    try {
      const value: unknown = JSON.parse(firstLine);
      if (value !== null && typeof value === "object") return { kind: "object-line", line, firstLine };
    } catch {
      // A first line longer than the head, or a broken one: JSON Lines all the same, unless it is a lone brace.
    }
    return { kind: firstLine.trim() === "{" ? "object" : "object-line", line, firstLine };
  }
  return { kind: "text", line, firstLine };
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** `'<?xml'`: the first word of a line, short and with control characters shown, for messages. */
function startsWith(line: string): string {
  const word = line.trim().split(/\s/)[0] ?? "";
  const cut = word.length > 24 ? `${word.slice(0, 24)}...` : word;
  // Control characters are shown, not sent to the terminal.
  return `'${cut.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}'`;
}

function looksLikeCsv(line: string): boolean {
  return /[,;\t]/.test(line);
}

/** The format a file seems to be, by extension and then by its first bytes; undefined when neither says. */
export function detectFormat(file: string): SourceFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  let sniffed: Sniffed;
  try {
    sniffed = sniff(file);
  } catch {
    return byExtension(ext);
  }
  const byContent = formatOf(sniffed);
  // Content wins where it is certain: `.json` files holding JSON Lines are common.
  if (byContent && byContent !== "csv") return byContent;
  return byExtension(ext) ?? byContent;
}

function byExtension(ext: string): SourceFormat | undefined {
  switch (ext) {
    case ".xml":
    case ".wxr":
      return "wxr";
    case ".jsonl":
    case ".ndjson":
      return "jsonl";
    case ".json":
      return "json";
    case ".csv":
    case ".tsv":
      return "csv";
    default:
      return undefined;
  }
}

function formatOf(sniffed: Sniffed): SourceFormat | undefined {
  switch (sniffed.kind) {
    case "xml":
      return "wxr";
    case "array":
      return "json";
    case "object-line":
      return "jsonl";
    case "text":
      return looksLikeCsv(sniffed.firstLine) ? "csv" : undefined;
    default:
      return undefined;
  }
}

/**
 * Throws a TabularInputError saying what the file seems to be when it cannot
 * be the format asked for. An empty file passes (it has no records).
 */
export function checkFormat(file: string, format: TabularFormat, sniffed: Sniffed): void {
  const at = `${file}: line ${sniffed.line}`;
  const starts = `(it starts with ${startsWith(sniffed.firstLine)})`;
  if (sniffed.kind === "binary") throw new TabularInputError(`${file}: cannot be read as ${formatName(format)}: ${sniffed.binary ?? "it is not text"}`);
  if (sniffed.kind === "empty") return;
  if (sniffed.kind === "xml") {
    throw new TabularInputError(`${at} is not ${format === "csv" ? "CSV" : "JSON"} ${starts}: is it a WordPress export? use --format wxr`);
  }
  switch (format) {
    case "jsonl":
      if (sniffed.kind === "object-line") return;
      if (sniffed.kind === "array") throw new TabularInputError(`${at} starts a JSON array, not JSON Lines (one object a line): use --format json`);
      if (sniffed.kind === "object") {
        throw new TabularInputError(`${at} is a lone "{": the file is one pretty-printed JSON object, not JSON Lines (one whole object on each line)`);
      }
      throw new TabularInputError(`${at} is not JSON ${starts}${looksLikeCsv(sniffed.firstLine) ? ": is it CSV? use --format csv" : ""}`);
    case "json":
      if (sniffed.kind === "array") return;
      if (sniffed.kind === "object-line") throw new TabularInputError(`${at} is a whole JSON object, not the start of an array: is it JSON Lines? use --format jsonl`);
      if (sniffed.kind === "object") {
        throw new TabularInputError(`${at}: the file is one JSON object; --format json reads a top-level array of records ([{...}, {...}])`);
      }
      throw new TabularInputError(`${at} is not JSON ${starts}${looksLikeCsv(sniffed.firstLine) ? ": is it CSV? use --format csv" : ""}`);
    case "csv":
      if (sniffed.kind === "array") throw new TabularInputError(`${at} is JSON, not CSV ${starts}: use --format json`);
      if (sniffed.kind === "object-line" || sniffed.kind === "object") throw new TabularInputError(`${at} is JSON, not CSV ${starts}: use --format jsonl`);
      return;
  }
}

function formatName(format: TabularFormat): string {
  return format === "jsonl" ? "JSON Lines" : format.toUpperCase();
}

/**
 * The delimiter of a CSV file, from its header line: the most frequent of
 * comma, semicolon and tab outside quotes (spreadsheets in many locales write
 * semicolons); a comma when none appears.
 */
export function csvDelimiter(file: string, sniffed: Sniffed): string {
  if (path.extname(file).toLowerCase() === ".tsv") return "\t";
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const ch of sniffed.firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ",";
  for (const [ch, n] of counts) if (n > (counts.get(best) ?? 0)) best = ch;
  return best;
}
