import { afterEach, describe, expect, it, vi } from "vitest";
import { ArchiveValidationError } from "../../../src/model/diagnostics.ts";
import { reportError } from "../../../src/cli/reportError.ts";

/** What reportError printed, one string per console.error call. */
function printed(error: unknown, options?: { publishes?: boolean }): string[] {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
  try {
    reportError(error, options);
  } finally {
    spy.mockRestore();
  }
  return lines;
}

/** Eleventy's template errors keep what the template threw under `originalError`, not `cause`. */
class EleventyLikeError extends Error {
  constructor(
    message: string,
    readonly originalError: unknown,
  ) {
    super(message);
  }
}

describe("reportError", () => {
  afterEach(() => vi.restoreAllMocks());

  it("finds an archive error that Eleventy wrapped as originalError and prints its file line", () => {
    const inner = new ArchiveValidationError([
      { severity: "error", file: "articles/2023/12/x.md", message: "changed during the build; run the build again" },
    ]);
    const lines = printed(new Error("Having trouble writing to _site", { cause: new EleventyLikeError("Having trouble rendering njk template", inner) }));
    expect(lines.join("\n")).toContain("articles/2023/12/x.md: changed during the build; run the build again");
    expect(lines.join("\n")).toContain("Nothing was published.");
  });

  it("shows control characters in a failure's message instead of sending them to the terminal", () => {
    const lines = printed(new Error("cannot write /tmp/\u001b[2K\r\u001b[32mAll good"));
    for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f]/);
    expect(lines.join("\n")).toContain("\\u001b[2K\\u000d");
  });

  it("says nothing about publishing for the dev server, which publishes nothing", () => {
    const text = printed(new Error("port in use"), { publishes: false }).join("\n");
    expect(text).toContain("Build failed: port in use");
    expect(text).not.toContain("published");
  });
});
