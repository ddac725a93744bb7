/**
 * How many records a JSON Lines, JSON or CSV file holds, by one quick
 * streaming scan of its bytes (no parsing), so the progress line can say how
 * much is left. WordPress exports are counted by their first pass.
 */
import fs from "node:fs";

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }
const COMMA = 0x2c;
const WHITESPACE = new Set([0x20, 0x09, 0x0d, 0x0a]);

export async function countRecords(file: string, format: "jsonl" | "json" | "csv"): Promise<number> {
  let count = 0;
  // JSON Lines: lines with something on them. CSV: line ends outside quotes, less the header.
  let lineHasText = false;
  let inString = false;
  let escaped = false;
  let depth = 0;
  let sawElement = false;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (format === "jsonl") {
        if (byte === NEWLINE) {
          if (lineHasText) count++;
          lineHasText = false;
        } else if (!WHITESPACE.has(byte)) lineHasText = true;
      } else if (format === "csv") {
        if (byte === QUOTE) inString = !inString;
        else if (byte === NEWLINE && !inString) {
          if (lineHasText) count++;
          lineHasText = false;
        } else if (!WHITESPACE.has(byte)) lineHasText = true;
      } else {
        if (inString) {
          if (escaped) escaped = false;
          else if (byte === BACKSLASH) escaped = true;
          else if (byte === QUOTE) inString = false;
          continue;
        }
        if (byte === QUOTE) inString = true;
        if (OPEN.has(byte)) depth++;
        else if (CLOSE.has(byte)) depth--;
        else if (byte === COMMA && depth === 1) count++;
        if (depth === 1 && !WHITESPACE.has(byte) && !OPEN.has(byte) && byte !== COMMA) sawElement = true;
        if (depth === 2 && OPEN.has(byte)) sawElement = true;
      }
    }
  }
  if (lineHasText) count++;
  if (format === "csv") return Math.max(0, count - 1);
  if (format === "json") return sawElement ? count + 1 : 0;
  return count;
}
