/**
 * The import ledger, `.import/ledger.jsonl` in the project: for each source
 * record imported, the file written from it, the record's hash and the file's
 * hash when written. It is what makes a re-import idempotent (same record,
 * same file: nothing to do), notices a record changed at the source, and
 * never overwrites an article edited by hand since (its hash no longer
 * matches). Commit it with the articles.
 *
 * One JSON line per write, appended as each article is written, so a killed
 * import loses at most the line of the article being written (and that
 * article is then found again by its content, see ArticleWriter). The file is
 * rewritten compactly, atomically, when an import finishes.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const LEDGER_FILE = ".import/ledger.jsonl";

export interface LedgerEntry {
  sourceKey: string;
  /** `articles/2019/03/harbour.md`, relative to the project. */
  file: string;
  sourceHash: string;
  fileHash: string;
}

export const hashText = (text: string | Buffer): string => createHash("sha256").update(text).digest("hex");

export class ImportLedger {
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly byFile = new Map<string, string>();
  private appendFd: number | undefined;

  private constructor(
    private readonly root: string,
    private readonly writes: boolean,
  ) {}

  /** A ledger that knows nothing and writes nothing: a render worker's, which never decides. */
  static inMemory(): ImportLedger {
    return new ImportLedger("", false);
  }

  /** Reads the ledger of `root`; `writes: false` (a dry run) keeps every change in memory. */
  static open(root: string, writes: boolean): ImportLedger {
    const ledger = new ImportLedger(root, writes);
    let text = "";
    try {
      text = fs.readFileSync(path.join(root, LEDGER_FILE), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as LedgerEntry;
        if (typeof entry.sourceKey === "string" && typeof entry.file === "string") ledger.remember(entry);
      } catch {
        // A line cut by a kill: its article is found again by content.
      }
    }
    return ledger;
  }

  private remember(entry: LedgerEntry): void {
    this.entries.set(entry.sourceKey, entry);
    this.byFile.set(entry.file, entry.sourceKey);
  }

  get(sourceKey: string): LedgerEntry | undefined {
    return this.entries.get(sourceKey);
  }

  /** The source record a file was written from, if the import wrote it. */
  ownerOf(file: string): string | undefined {
    return this.byFile.get(file);
  }

  record(entry: LedgerEntry): void {
    this.remember(entry);
    if (!this.writes) return;
    if (this.appendFd === undefined) {
      fs.mkdirSync(path.join(this.root, path.dirname(LEDGER_FILE)), { recursive: true });
      this.appendFd = fs.openSync(path.join(this.root, LEDGER_FILE), "a");
    }
    fs.writeSync(this.appendFd, `${JSON.stringify(entry)}\n`);
  }

  /** Rewrites the ledger with one line per record, sorted, atomically. */
  close(): void {
    if (this.appendFd !== undefined) fs.closeSync(this.appendFd);
    this.appendFd = undefined;
    if (!this.writes || this.entries.size === 0) return;
    const file = path.join(this.root, LEDGER_FILE);
    const lines = [...this.entries.values()].sort((a, b) => (a.sourceKey < b.sourceKey ? -1 : a.sourceKey > b.sourceKey ? 1 : 0)).map((e) => JSON.stringify(e));
    const temporary = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(temporary, `${lines.join("\n")}\n`);
    fs.renameSync(temporary, file);
  }
}
