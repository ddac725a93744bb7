import { ArchiveValidationError, formatDiagnostic } from "../archive/diagnostics.ts";

/**
 * Prints a failure for a maintainer: every archive diagnostic, or the whole
 * cause chain of a wrapped error (Eleventy wraps template errors several deep).
 */
export function reportError(error: unknown): void {
  if (error instanceof ArchiveValidationError) {
    for (const d of error.diagnostics) console.error(formatDiagnostic(d));
    const errors = error.diagnostics.filter((d) => d.severity === "error").length;
    console.error(`\nBuild stopped: ${errors} error${errors === 1 ? "" : "s"} in the archive. Nothing was published.`);
    return;
  }
  let current: unknown = error;
  let depth = 0;
  while (current && depth < 10) {
    if (current instanceof ArchiveValidationError) {
      reportError(current);
      return;
    }
    const message = current instanceof Error ? current.message : String(current);
    console.error(depth === 0 ? `Build failed: ${message}` : `  caused by: ${message}`);
    current = current instanceof Error ? current.cause : undefined;
    depth++;
  }
  console.error("Nothing was published; the previous site is unchanged.");
}
