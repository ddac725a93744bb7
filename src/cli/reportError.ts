import { ArchiveValidationError, causeOf, countErrors, formatDiagnostic, showInvisible } from "../model/diagnostics.ts";
import { OutputRefusedError, SiteStateError } from "../publish/buildErrors.ts";

const UNCHANGED = "Nothing was published; the previous site is unchanged.";

/**
 * Prints a failure for a maintainer: every archive diagnostic, or the whole
 * cause chain of a wrapped error (Eleventy wraps template errors several deep),
 * then what state the site is in: unchanged, unless the error says otherwise
 * (a failure past the commit point). Never a stack trace.
 */
export function reportError(error: unknown, options: { publishes?: boolean } = {}): void {
  // The dev server publishes nothing: only the build says what state the site is in.
  const publishes = options.publishes ?? true;
  if (error instanceof ArchiveValidationError) {
    for (const d of error.diagnostics) console.error(formatDiagnostic(d));
    const errors = countErrors(error.diagnostics);
    console.error(`\nBuild stopped: ${errors} error${errors === 1 ? "" : "s"} in the archive.${publishes ? " Nothing was published." : ""}`);
    return;
  }
  if (error instanceof OutputRefusedError) {
    // A refusal is the whole message (it says why and what to do); nothing was started.
    console.error(error.message);
    return;
  }
  let siteState: string | undefined;
  let current: unknown = error;
  let depth = 0;
  while (current && depth < 10) {
    if (current instanceof ArchiveValidationError) {
      reportError(current, options);
      return;
    }
    if (current instanceof SiteStateError) siteState ??= current.siteState;
    // Messages can quote file names and values: control characters shown, never acted on by the terminal.
    const message = showInvisible(current instanceof Error ? current.message : String(current));
    console.error(depth === 0 ? `Build failed: ${message}` : `  caused by: ${message}`);
    current = causeOf(current);
    depth++;
  }
  if (publishes) console.error(siteState ?? UNCHANGED);
}
