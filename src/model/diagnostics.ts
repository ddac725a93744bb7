/**
 * Problems found in the archive's input, reported the way a compiler does:
 * `articles/2023/12/x.md:4: date: "2023-13-45" is not a valid date`.
 */
export type Severity = "error" | "warning";

export interface Diagnostic {
  severity: Severity;
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** Front matter field or data key the problem is about. */
  field?: string;
  message: string;
}

/** One line for a terminal or a log. Values quoted into it are shown with their control characters made visible. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line ? `${d.file}:${d.line}` : d.file;
  const field = d.field ? `${d.field}: ` : "";
  const prefix = d.severity === "warning" ? "warning: " : "";
  return showInvisible(`${where}: ${prefix}${field}${d.message}`);
}

/**
 * Characters a terminal acts on or that change how the rest of a line reads:
 * C0 and C1 controls (ESC starts escape sequences, CR rewrites the line), DEL,
 * line separators, bidirectional embeddings, overrides and isolates, the byte
 * order mark, lone surrogates.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069\ufeff\p{Cs}]/gu;

/** `\x1b[2K` becomes the text `\u001b[2K`: a message quoting a field can neither rewrite the terminal nor hide a character. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${hex(c)}`);
}

/** Characters that have no place in a headline, a name or a paragraph: invalid in XML 1.0 (feeds), or terminal controls. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff\p{Cs}]/u;
/** Overrides show the text after them in reverse (or forced) order: `txt.exe` can read as `exe.txt`. */
const OVERRIDE = /[\u202d\u202e]/u;
/** Either: one test, no match object, for the usual text that has neither. */
const SUSPICIOUS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202d\u202e\ufffe\uffff\p{Cs}]/u;

/** SUSPICIOUS but for lone surrogates (`\p{Cs}`), which `isWellFormed` finds: a pattern without the `u` flag scans twice as fast. */
const SUSPICIOUS_UNITS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202d\u202e\ufffe\uffff]/;

/** Whether `characterProblem` can find anything in `text`: one quick scan (every body is scanned). */
export function hasSuspiciousCharacter(text: string): boolean {
  return SUSPICIOUS_UNITS.test(text) || !(text as string & { isWellFormed(): boolean }).isWellFormed();
}

/**
 * What is wrong with the characters of a text field, for a warning; undefined when nothing is.
 * `index` is where the character is (to find its line in a body).
 */
export function characterProblem(text: string, options: { overrides?: boolean } = {}): { index: number; message: string } | undefined {
  if (!(options.overrides === false ? CONTROL : SUSPICIOUS).test(text)) return undefined;
  const control = CONTROL.exec(text);
  if (control) {
    return { index: control.index, message: `contains the control character U+${hex(control[0]).toUpperCase()}, which is invisible and not allowed in feeds: remove it` };
  }
  const override = options.overrides === false ? null : OVERRIDE.exec(text);
  if (override) {
    const name = override[0] === "\u202e" ? "RIGHT-TO-LEFT OVERRIDE" : "LEFT-TO-RIGHT OVERRIDE";
    return { index: override.index, message: `contains U+${hex(override[0]).toUpperCase()} ${name}, which shows the text after it in another order than it is written: remove it` };
  }
  return undefined;
}

function hex(c: string): string {
  return (c.codePointAt(0) ?? 0).toString(16).padStart(4, "0");
}

export function countErrors(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter((d) => d.severity === "error").length;
}

/** What an error was caused by: its `cause`, or the `originalError` under which Eleventy wraps a template's error. */
export function causeOf(error: unknown): unknown {
  return error instanceof Error ? (error.cause ?? (error as { originalError?: unknown }).originalError) : undefined;
}

/** Thrown when the archive cannot be built; carries every diagnostic, not just the first. */
export class ArchiveValidationError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const shown = errors.slice(0, 50).map(formatDiagnostic);
    const more = errors.length > shown.length ? [`... and ${errors.length - shown.length} more`] : [];
    super(
      [`The archive has ${errors.length} error${errors.length === 1 ? "" : "s"}:`, ...shown, ...more].join("\n"),
    );
    this.name = "ArchiveValidationError";
    this.diagnostics = diagnostics;
  }
}

/** One order for every report (check, build, dev server): by file, then line. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}
