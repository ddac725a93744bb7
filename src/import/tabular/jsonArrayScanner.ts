/**
 * Splits a top-level JSON array into its elements' text as chunks arrive, so a
 * file of gigabytes is read one record at a time, and each record's first
 * line is known. It only finds where elements start and end (strings with
 * escapes, nested brackets); JSON.parse checks each element.
 */
import { TabularInputError } from "./sniff.ts";

export interface ScannedElement {
  text: string;
  /** Line of the element's first character. */
  line: number;
  /** 1-based position in the array. */
  item: number;
}

/** The file ended inside an element or before the closing `]`: reported as a skipped record, not a failure. */
export interface Truncation {
  line: number;
  item: number;
  message: string;
}

type State = "start" | "beforeElement" | "inElement" | "afterElement" | "done";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xfeff;
}

const CLOSER: Record<string, string> = { "{": "}", "[": "]" };

export class JsonArrayScanner {
  private state: State = "start";
  private line = 1;
  private item = 0;
  private afterComma = false;
  // The element being read.
  private parts: string[] = [];
  private startLine = 0;
  private openers: Array<{ char: string; line: number }> = [];
  /** The element is a bare scalar (number, true, false, null). */
  private bare = false;
  private inString = false;
  private escaped = false;

  constructor(private readonly file: string) {}

  private fail(message: string): never {
    throw new TabularInputError(`${this.file}:${this.line}: ${message}; the file is not valid JSON from here (the records before it were read)`);
  }

  /**
   * The elements completed in this chunk, in order; `failure` when the chunk
   * breaks the array's structure (the elements before it are still given).
   */
  push(chunk: string): { elements: ScannedElement[]; failure?: TabularInputError } {
    const done: ScannedElement[] = [];
    try {
      this.scan(chunk, done);
    } catch (error) {
      if (error instanceof TabularInputError) return { elements: done, failure: error };
      throw error;
    }
    return { elements: done };
  }

  private scan(chunk: string, done: ScannedElement[]): void {
    let start = 0; // where the current element's text begins in this chunk
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const code = chunk.charCodeAt(i);
      if (this.state === "inElement") {
        if (this.inString) {
          if (code === NEWLINE) this.line++;
          if (this.escaped) this.escaped = false;
          else if (code === BACKSLASH) this.escaped = true;
          else if (code === QUOTE) {
            this.inString = false;
            if (this.openers.length === 0 && !this.bare) this.finish(chunk, start, i + 1, done);
          }
          continue;
        }
        if (this.bare) {
          if (isSpace(code) || code === 0x2c || code === 0x5d) {
            this.finish(chunk, start, i, done);
            i--; // the delimiter is the next state's
          }
          continue;
        }
        if (code === NEWLINE) this.line++;
        else if (code === QUOTE) this.inString = true;
        else if (code === 0x7b || code === 0x5b) this.openers.push({ char: chunk[i] ?? "", line: this.line });
        else if (code === 0x7d || code === 0x5d) {
          const open = this.openers.pop();
          const char = chunk[i] ?? "";
          if (!open || CLOSER[open.char] !== char) this.fail(`"${char}" does not close the "${open?.char ?? ""}" opened on line ${open?.line ?? this.startLine}`);
          if (this.openers.length === 0) this.finish(chunk, start, i + 1, done);
        }
        continue;
      }
      if (code === NEWLINE) {
        this.line++;
        continue;
      }
      if (isSpace(code)) continue;
      const char = chunk[i] ?? "";
      switch (this.state) {
        case "start":
          if (char !== "[") this.fail(`expected the "[" that starts the array of records, found ${JSON.stringify(char)}`);
          this.state = "beforeElement";
          this.afterComma = false;
          break;
        case "beforeElement":
          if (char === "]") {
            // `[1, 2, ]`: a trailing comma harms nothing.
            this.state = "done";
            break;
          }
          if (char === ",") this.fail(this.afterComma ? "two commas in a row" : 'a "," before the first record');
          this.item++;
          this.state = "inElement";
          this.startLine = this.line;
          this.parts = [];
          start = i;
          this.bare = false;
          if (char === '"') this.inString = true;
          else if (char === "{" || char === "[") this.openers.push({ char, line: this.line });
          else this.bare = true;
          break;
        case "afterElement":
          if (char === ",") {
            this.state = "beforeElement";
            this.afterComma = true;
          } else if (char === "]") this.state = "done";
          else this.fail(`expected "," or "]" after the record that starts on line ${this.startLine}, found ${JSON.stringify(char)}`);
          break;
        case "done":
          this.fail(`text after the "]" that closes the array of records (found ${JSON.stringify(char)})`);
      }
    }
    if (this.state === "inElement") this.parts.push(chunk.slice(start));
  }

  private finish(chunk: string, start: number, end: number, done: ScannedElement[]): void {
    this.parts.push(chunk.slice(start, end));
    done.push({ text: this.parts.join(""), line: this.startLine, item: this.item });
    this.parts = [];
    this.bare = false;
    this.state = "afterElement";
  }

  /** At the end of the file: the last bare element, or the truncation the file ends with. */
  end(): { element?: ScannedElement; truncation?: Truncation } {
    if (this.state === "inElement" && this.bare && !this.inString) {
      const element = { text: this.parts.join(""), line: this.startLine, item: this.item };
      this.state = "afterElement";
      return { element, truncation: this.truncated() };
    }
    return { truncation: this.truncated() };
  }

  private truncated(): Truncation | undefined {
    switch (this.state) {
      case "inElement":
        return { line: this.startLine, item: this.item, message: "the file ends inside this record: is it truncated?" };
      case "beforeElement":
      case "afterElement":
        return { line: this.line, item: this.item + 1, message: 'the file ends before the "]" that closes the array of records: is it truncated?' };
      default:
        return undefined;
    }
  }
}
