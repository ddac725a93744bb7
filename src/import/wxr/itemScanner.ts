/**
 * Cuts a WordPress export (WXR) into its channel header and its `<item>`
 * elements, streaming, without parsing the XML: each item is then parsed on
 * its own (src/import/wxr/xmlTree.ts), so one malformed item is reported and
 * skipped instead of ending the import, and memory holds one item at a time
 * (exports run to hundreds of MB). The scanner knows just enough XML to not be
 * fooled: an `</item>` inside a CDATA section or a comment (a post about RSS)
 * is text.
 */
import fs from "node:fs";

export interface ScannedItem {
  /** The item's XML, `<item>` to `</item>`. */
  xml: string;
  /** 1-based line of `<item>` in the file. */
  line: number;
  /** 1-based number among the file's items. */
  number: number;
}

export type ScanEvent = { kind: "header"; xml: string } | { kind: "item"; item: ScannedItem } | { kind: "unclosed"; line: number; number: number };

const ITEM_OPEN = /<item[\s>]/g;

/** Counts `\n` in text[from, to). */
function newlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

/**
 * Where the next `</item>` ends that is not inside CDATA or a comment, or -1
 * when the buffer does not hold it yet (`safeEnd`: how far the search may be
 * resumed from without cutting a marker in two).
 */
function findItemEnd(text: string, from: number): { end: number; resumeAt: number } {
  let at = from;
  for (;;) {
    const close = text.indexOf("</item>", at);
    const cdata = text.indexOf("<![CDATA[", at);
    const comment = text.indexOf("<!--", at);
    const nextSkip = [cdata, comment].filter((i) => i !== -1 && (close === -1 || i < close));
    if (nextSkip.length === 0) {
      if (close !== -1) return { end: close + "</item>".length, resumeAt: at };
      return { end: -1, resumeAt: Math.max(at, text.length - 16) };
    }
    const start = Math.min(...nextSkip);
    const terminator = start === cdata ? "]]>" : "-->";
    const stop = text.indexOf(terminator, start + 4);
    if (stop === -1) return { end: -1, resumeAt: start };
    at = stop + terminator.length;
  }
}

/**
 * The export's events in file order: the header once (everything before the first item), then each item.
 * `chunkBytes`: how much is read at a time (tests make it tiny to cut markers in two).
 */
export async function* scanWxr(file: string, chunkBytes = 1 << 20): AsyncGenerator<ScanEvent> {
  const stream = fs.createReadStream(file, { encoding: "utf8", highWaterMark: chunkBytes });
  let buffer = "";
  let line = 1;
  let number = 0;
  let headerDone = false;
  // Inside an item: where it starts in the buffer and where the end search resumes.
  let itemStart = -1;
  let itemLine = 0;
  let resumeAt = 0;
  for await (const chunk of stream as AsyncIterable<string>) {
    buffer += chunk;
    let consumed = 0;
    for (;;) {
      if (itemStart === -1) {
        ITEM_OPEN.lastIndex = consumed;
        const open = ITEM_OPEN.exec(buffer);
        if (!open) break;
        if (!headerDone) {
          headerDone = true;
          yield { kind: "header", xml: buffer.slice(0, open.index) };
        }
        line += newlines(buffer, consumed, open.index);
        itemStart = open.index;
        itemLine = line;
        resumeAt = open.index;
        number++;
      }
      const found = findItemEnd(buffer, resumeAt);
      if (found.end === -1) {
        resumeAt = found.resumeAt;
        break;
      }
      const xml = buffer.slice(itemStart, found.end);
      yield { kind: "item", item: { xml, line: itemLine, number } };
      line += newlines(buffer, itemStart, found.end);
      consumed = found.end;
      itemStart = -1;
    }
    // Keep only what may still matter: the open item, or a tail that may hold a cut `<item`.
    // The header is still being read: keep all of it (its lines are counted when the first item is found).
    if (!headerDone) continue;
    const keepFrom = itemStart !== -1 ? itemStart : Math.max(consumed, buffer.length - 8);
    if (itemStart === -1) line += newlines(buffer, consumed, keepFrom);
    buffer = buffer.slice(keepFrom);
    if (itemStart !== -1) {
      resumeAt -= itemStart;
      itemStart = 0;
    }
  }
  if (!headerDone) yield { kind: "header", xml: buffer };
  else if (itemStart !== -1) yield { kind: "unclosed", line: itemLine, number };
}
