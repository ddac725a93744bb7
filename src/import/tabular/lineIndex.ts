/**
 * Line numbers of byte offsets in a stream, for csv-parse: its own `lines`
 * count drifts on CRLF line breaks inside quoted fields, but its byte counts
 * are exact. Bytes pass through `observe` before the parser sees them; offsets
 * are asked for in increasing order, so only the breaks not yet passed are kept.
 */
const LF = 0x0a;
const CR = 0x0d;

export class LineIndex {
  /** Offsets of line breaks (an LF, or a CR not followed by LF) not yet passed by a query. */
  private breaks: number[] = [];
  private head = 0;
  private passed = 0;
  private offset = 0;
  /** A CR that ended the last chunk: a break unless the next byte is LF. */
  private pendingCr = -1;

  observe(chunk: Buffer): void {
    let i = 0;
    if (this.pendingCr >= 0) {
      if (chunk[0] !== LF) this.breaks.push(this.pendingCr);
      this.pendingCr = -1;
    }
    const n = chunk.length;
    // Each search runs again only once passed: a chunk without CR is scanned for it once.
    let lf = chunk.indexOf(LF, i);
    let cr = chunk.indexOf(CR, i);
    for (;;) {
      if (lf >= 0 && lf < i) lf = chunk.indexOf(LF, i);
      if (cr >= 0 && cr < i) cr = chunk.indexOf(CR, i);
      if (lf < 0 && cr < 0) break;
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        if (cr === n - 1) this.pendingCr = this.offset + cr;
        else if (chunk[cr + 1] !== LF) this.breaks.push(this.offset + cr);
        i = cr + 1;
      } else {
        this.breaks.push(this.offset + lf);
        i = lf + 1;
      }
    }
    this.offset += n;
  }

  end(): void {
    if (this.pendingCr >= 0) this.breaks.push(this.pendingCr);
    this.pendingCr = -1;
  }

  /** 1-based line of the byte at `offset` (a break belongs to the line it ends). */
  lineAt(offset: number): number {
    while (this.head < this.breaks.length && (this.breaks[this.head] ?? Infinity) < offset) {
      this.head++;
      this.passed++;
    }
    if (this.head > 4096) {
      this.breaks = this.breaks.slice(this.head);
      this.head = 0;
    }
    return this.passed + 1;
  }
}

/** Line breaks inside a text (CRLF is one). */
export function lineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === LF) n++;
    else if (code === CR && text.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}
