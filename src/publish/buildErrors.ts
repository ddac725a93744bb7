/**
 * Failures that know what state the published site is in. `reportError`
 * prints their `siteState` instead of the default "Nothing was published; the
 * previous site is unchanged", which is only true before the commit point.
 */
export class SiteStateError extends Error {
  constructor(
    message: string,
    /** One or two sentences for the maintainer: what the site looks like now, and what the next build does. */
    readonly siteState: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SiteStateError";
  }
}

/** The output folder may not be used (it holds sources, or files this tool did not write), or another build holds it. */
export class OutputRefusedError extends SiteStateError {
  constructor(message: string) {
    super(message, "Nothing was written.");
    this.name = "OutputRefusedError";
  }
}
