import type { RecordNote } from "../importRecord.ts";

/** The notes of one body, each message once, in the order first met. */
export class NoteList {
  private readonly seen = new Set<string>();
  readonly notes: RecordNote[] = [];

  add(message: string): void {
    if (this.seen.has(message)) return;
    this.seen.add(message);
    this.notes.push({ message });
  }
}
