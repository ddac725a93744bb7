/**
 * How many records a JSON Lines, JSON or CSV file holds, by one quick
 * streaming scan (JSON arrays with the reader's own element scanner; nothing is
 * parsed), so the progress line can say how much is left. WordPress exports
 * are counted by their first pass.
 */
import fs from "node:fs";
import { JsonArrayScanner } from "./tabular/jsonArrayScanner.ts";

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const isWhite = (byte: number): boolean => byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a;

/** JSON Lines: lines with something on them, found by jumping from newline to newline. */
function countLines(chunk: Buffer, state: { lineHasText: boolean }): number {
  let count = 0;
  let start = 0;
  while (start < chunk.length) {
    const end = chunk.indexOf(NEWLINE, start);
    const stop = end === -1 ? chunk.length : end;
    if (!state.lineHasText) {
      for (let i = start; i < stop; i++) {
        if (!isWhite(chunk[i] as number)) {
          state.lineHasText = true;
          break;
        }
      }
    }
    if (end === -1) break;
    if (state.lineHasText) count++;
    state.lineHasText = false;
    start = end + 1;
  }
  return count;
}

/** A JSON array's elements, found by the reader's own scanner (one definition of where an element starts and ends). */
async function countArrayElements(file: string): Promise<number> {
  const scanner = new JsonArrayScanner(file);
  let count = 0;
  for await (const chunk of fs.createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    const pushed = scanner.push(chunk);
    count += pushed.elements.length;
    // The reader reports what follows a break; the total is only for the progress line.
    if (pushed.failure) return count;
  }
  return count + (scanner.end().element ? 1 : 0);
}

export async function countRecords(file: string, format: "jsonl" | "json" | "csv"): Promise<number> {
  if (format === "json") return countArrayElements(file);
  let count = 0;
  // JSON Lines: lines with something on them. CSV: line ends outside quotes, less the header.
  let inString = false;
  const lines = { lineHasText: false };
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (format === "jsonl") {
      count += countLines(chunk, lines);
      continue;
    }
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (byte === QUOTE) inString = !inString;
      else if (byte === NEWLINE && !inString) {
        if (lines.lineHasText) count++;
        lines.lineHasText = false;
      } else if (!isWhite(byte)) lines.lineHasText = true;
    }
  }
  if (lines.lineHasText) count++;
  return format === "csv" ? Math.max(0, count - 1) : count;
}
