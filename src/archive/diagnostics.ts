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

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line ? `${d.file}:${d.line}` : d.file;
  const field = d.field ? `${d.field}: ` : "";
  const prefix = d.severity === "warning" ? "warning: " : "";
  return `${where}: ${prefix}${field}${d.message}`;
}

export function countErrors(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter((d) => d.severity === "error").length;
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
