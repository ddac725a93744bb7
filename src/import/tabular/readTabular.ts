/**
 * The readers of tabular sources: JSON Lines, a JSON array of objects, CSV.
 * Each streams its file (an export can be gigabytes), knows the line every
 * record starts on, and yields ImportRecords through the import map.
 */
import fs from "node:fs";
import readline from "node:readline";
import { Transform, type TransformCallback } from "node:stream";
import { CsvError, parse, type InfoRecord, type Parser } from "csv-parse";
import type { SiteData } from "../../content/siteData.ts";
import { checkImportMapSections, type ImportMap } from "../importMap.ts";
import type { ReadResult, SourcePosition } from "../importRecord.ts";
import { isSourceObject, type SourceObject } from "./fields.ts";
import { JsonArrayScanner } from "./jsonArrayScanner.ts";
import { LineIndex, lineBreaks } from "./lineIndex.ts";
import { checkFormat, csvDelimiter, sniff, TabularInputError, type Sniffed, type TabularFormat } from "./sniff.ts";
import { prepareReading, toRecord } from "./toRecord.ts";

export { detectFormat, TabularInputError, type SourceFormat, type TabularFormat } from "./sniff.ts";

/** A record as found in the file, before the map is applied; `positionId` stands in for a missing id. */
type SourceItem = { position: SourcePosition; positionId: string } & (
  | { value: SourceObject }
  | { invalid: { reason: string; message: string } }
);

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return `a ${typeof value}`;
}

async function* jsonLinesItems(file: string): AsyncGenerator<SourceItem> {
  const input = fs.createReadStream(file, { encoding: "utf8" });
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of lines) {
      line++;
      const text = line === 1 ? raw.replace(/^\uFEFF/, "") : raw;
      if (text.trim() === "") continue;
      const position = { line };
      const positionId = `line-${line}`;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        yield { position, positionId, invalid: { reason: "invalid JSON", message: `the line is not valid JSON: ${(error as Error).message}` } };
        continue;
      }
      if (isSourceObject(value)) yield { position, positionId, value };
      else yield { position, positionId, invalid: { reason: "invalid JSON", message: `the line is ${kindOf(value)}, not an object ({...})` } };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

/** JSON.parse counts from the element's start; say the file's line too. */
function jsonErrorMessage(error: Error, element: { text: string; line: number }): string {
  const at = /at position (\d+)/.exec(error.message);
  if (!at) return error.message;
  const line = element.line + lineBreaks(element.text.slice(0, Number(at[1])));
  return `${error.message.replace(/ \(line \d+ column \d+\)/, "")} (line ${line} of the file)`;
}

async function* jsonArrayItems(file: string): AsyncGenerator<SourceItem> {
  const input = fs.createReadStream(file, { encoding: "utf8" });
  const scanner = new JsonArrayScanner(file);
  const item = (element: { text: string; line: number; item: number }): SourceItem => {
    const position = { line: element.line, item: element.item };
    const positionId = `item-${element.item}`;
    let value: unknown;
    try {
      value = JSON.parse(element.text);
    } catch (error) {
      return { position, positionId, invalid: { reason: "invalid JSON", message: `the record is not valid JSON: ${jsonErrorMessage(error as Error, element)}` } };
    }
    if (isSourceObject(value)) return { position, positionId, value };
    return { position, positionId, invalid: { reason: "invalid JSON", message: `the array's item ${element.item} is ${kindOf(value)}, not an object ({...})` } };
  };
  try {
    for await (const chunk of input) {
      const { elements, failure } = scanner.push(String(chunk));
      // The records completed before a structural error are still read.
      for (const element of elements) yield item(element);
      if (failure) throw failure;
    }
    const { element, truncation } = scanner.end();
    if (element) yield item(element);
    if (truncation) {
      const { line, item: n, message } = truncation;
      yield { position: { line, item: n }, positionId: `item-${n}`, invalid: { reason: "invalid JSON", message } };
    }
  } finally {
    input.destroy();
  }
}

/** Column names, trimmed; a name given twice would silently lose one column. */
function checkHeader(file: string, header: unknown[]): string[] {
  const names = header.map((name) => String(name).trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (name === "__proto__") throw new TabularInputError(`${file}:1: "__proto__" cannot be a column name`);
    if (name !== "" && seen.has(name)) throw new TabularInputError(`${file}:1: the header names the column "${name}" twice: rename one`);
    seen.add(name);
  }
  return names;
}

/** csv-parse's own line numbers drift on CRLF inside quoted fields: the file's line is given separately. */
function withoutParserLine(message: string): string {
  return message.replace(/ (?:at|on) line \d+/g, "");
}

async function* csvItems(file: string, delimiter: string): AsyncGenerator<SourceItem> {
  const lines = new LineIndex();
  let columns = 0;
  let headerEnd = 0;
  // Rows with the wrong number of fields, queued as the parser finds them (it runs ahead of this loop).
  const wrongRows: Array<{ bytes: number; fields: string[] }> = [];
  // A row the parser cannot delimit (a stray quote): rows after it are guesses, so reading stops there.
  let fatal: { message: string; bytes: number } | undefined;
  const input = fs.createReadStream(file);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      lines.observe(chunk);
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      lines.end();
      done();
    },
  });
  const parser: Parser = parse({
    columns: (header: string[]) => {
      const names = checkHeader(file, header);
      columns = names.length;
      headerEnd = parser.info.bytes;
      return names;
    },
    bom: true,
    delimiter,
    relax_column_count: false,
    info: true,
    skip_empty_lines: true,
    // Spreadsheets end exports with rows of empty cells.
    skip_records_with_empty_values: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (fatal) return undefined;
      if (error?.code === "CSV_RECORD_INCONSISTENT_COLUMNS") {
        const fields = Array.isArray(error.record) ? error.record.map(String) : [];
        wrongRows.push({ bytes: Number(error.bytes), fields });
        return undefined;
      }
      fatal = { message: withoutParserLine(error?.message ?? "unreadable row"), bytes: Math.max(Number(error?.bytes_records ?? 0), headerEnd) };
      // Ending the parser's input (not destroying it) lets the rows read before this one through.
      setImmediate(() => {
        input.unpipe(counter);
        if (!counter.writableEnded) counter.end();
      });
      return undefined;
    },
  });
  input.on("error", (error) => parser.destroy(error));
  input.pipe(counter).pipe(parser);

  /** The row ending at byte `bytes` (after its line break) starts `breaks` lines before the line it ends on. */
  const startLine = (bytes: number, fields: readonly string[]): number => lines.lineAt(bytes - 1) - fields.reduce((n, f) => n + lineBreaks(f), 0);
  function* wrongRowsBefore(bytes: number): Generator<SourceItem> {
    while (wrongRows.length > 0 && (wrongRows[0]?.bytes ?? Infinity) <= bytes) {
      const row = wrongRows.shift();
      if (!row) break;
      const line = startLine(row.bytes, row.fields);
      const message = `the row has ${row.fields.length} field${row.fields.length === 1 ? "" : "s"} and the header ${columns} column${columns === 1 ? "" : "s"}: a field holding the delimiter ("${delimiter === "\t" ? "\\t" : delimiter}") or a line break must be in double quotes`;
      yield { position: { line }, positionId: `line-${line}`, invalid: { reason: "wrong number of columns", message } };
    }
  }

  try {
    for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: InfoRecord }>) {
      if (fatal && row.info.bytes > fatal.bytes) break;
      yield* wrongRowsBefore(row.info.bytes - 1);
      const line = startLine(row.info.bytes, Object.values(row.record));
      yield { position: { line }, positionId: `line-${line}`, value: row.record };
    }
    yield* wrongRowsBefore(fatal ? fatal.bytes : Infinity);
  } catch (error) {
    if (error instanceof CsvError) throw new TabularInputError(`${file}: cannot be read as CSV: ${withoutParserLine(error.message)}`);
    throw error;
  } finally {
    input.destroy();
    parser.destroy();
  }
  if (fatal) throw new TabularInputError(`${file}:${lines.lineAt(fatal.bytes)}: the row starting here cannot be read as CSV: ${fatal.message}`);
}

/**
 * Reads a JSON Lines, JSON array or CSV file through the import map, in file
 * order. Fails at once (TabularInputError) when the file is not that format or
 * the map names a section the site lacks; a record that cannot be imported is
 * yielded as skipped, with its position, and reading goes on.
 */
export async function* readTabular(file: string, format: TabularFormat, map: ImportMap, site: SiteData): AsyncGenerator<ReadResult> {
  let sniffed: Sniffed;
  try {
    sniffed = sniff(file);
  } catch (error) {
    throw new TabularInputError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  checkFormat(file, format, sniffed);
  const mapProblems = checkImportMapSections(map, site.sections);
  if (mapProblems.length > 0) throw new TabularInputError(`the import map: ${mapProblems.join("; ")}`);
  const reading = prepareReading(format, map, site);

  const items = format === "jsonl" ? jsonLinesItems(file) : format === "json" ? jsonArrayItems(file) : csvItems(file, csvDelimiter(file, sniffed));
  // Two records with one id would write one file: the second is reported, naming the first.
  const firstWithId = new Map<string, SourcePosition>();
  for await (const item of items) {
    if ("invalid" in item) {
      yield { kind: "skipped", skipped: { position: item.position, ...item.invalid } };
      continue;
    }
    const { result, id } = toRecord(reading, item.value, item.position, item.positionId);
    if (id !== undefined && result.kind === "record") {
      const first = firstWithId.get(id);
      if (first) {
        const where = first.item === undefined ? `line ${first.line}` : `line ${first.line} (item ${first.item})`;
        yield { kind: "skipped", skipped: { position: item.position, reason: "duplicate id", message: `id: "${id}" is also the id of the record on ${where}; only the first is imported` } };
        continue;
      }
      firstWithId.set(id, item.position);
    }
    yield result;
  }
}
