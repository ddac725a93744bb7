import { afterEach, describe, expect, it, vi } from "vitest";
import { ArchiveValidationError, formatDiagnostic } from "../../../src/model/diagnostics.ts";
import { errorChain, errorFromChain, MIN_PAGES_FOR_WORKERS, renderWorkerCount } from "../../../src/render/renderWorkers.ts";
import { searchProcessCount } from "../../../src/search/shardWorkers.ts";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("renderWorkerCount", () => {
  it("renders a small set of pages in the build's own process", () => {
    vi.stubEnv("ARCHIVE_RENDER_WORKERS", "");
    expect(renderWorkerCount(MIN_PAGES_FOR_WORKERS - 1, 0, 8)).toBe(0);
    expect(renderWorkerCount(12, 0, 64)).toBe(0);
  });

  it("uses every core for a large render, less those search indexing keeps busy beside it", () => {
    vi.stubEnv("ARCHIVE_RENDER_WORKERS", "");
    vi.stubEnv("ARCHIVE_SEARCH_WORKERS", "");
    expect(renderWorkerCount(100_000, 0, 2)).toBe(2);
    expect(renderWorkerCount(100_000, searchProcessCount(2), 2)).toBe(0);
    expect(searchProcessCount(8)).toBe(4);
    expect(renderWorkerCount(100_000, searchProcessCount(8), 8)).toBe(4);
    expect(renderWorkerCount(100_000, 0, 1)).toBe(0);
    expect(searchProcessCount(1)).toBe(1);
  });

  it("takes ARCHIVE_RENDER_WORKERS as given, 0 for the build's own process", () => {
    vi.stubEnv("ARCHIVE_RENDER_WORKERS", "3");
    expect(renderWorkerCount(5, 1, 2)).toBe(3);
    vi.stubEnv("ARCHIVE_RENDER_WORKERS", "0");
    expect(renderWorkerCount(100_000, 0, 8)).toBe(0);
    vi.stubEnv("ARCHIVE_RENDER_WORKERS", "many");
    expect(renderWorkerCount(100_000, 0, 8)).toBe(0);
    vi.stubEnv("ARCHIVE_SEARCH_WORKERS", "3");
    expect(searchProcessCount(16)).toBe(3);
  });
});

describe("a worker's error, sent as plain data", () => {
  it("keeps the cause chain, Eleventy's originalError included, and an archive error's diagnostics", () => {
    const diagnostic = { file: "articles/2024/03/bell.md", line: 1, field: "body", severity: "error" as const, message: "changed during the build; run the build again" };
    const thrown = new Error("Having trouble rendering njk template ./article.njk");
    (thrown as { originalError?: unknown }).originalError = new Error("(article.njk) [Line 12]", { cause: new ArchiveValidationError([diagnostic]) });
    const chain = structuredClone(errorChain(thrown));
    expect(chain.map((link) => link.message.split("\n")[0])).toEqual([thrown.message, "(article.njk) [Line 12]", "The archive has 1 error:"]);
    const rebuilt = errorFromChain(chain);
    expect(rebuilt.message).toBe(thrown.message);
    const archiveError = (rebuilt.cause as Error).cause;
    expect(archiveError).toBeInstanceOf(ArchiveValidationError);
    expect((archiveError as ArchiveValidationError).diagnostics.map(formatDiagnostic)).toEqual([formatDiagnostic(diagnostic)]);
  });
});
