/**
 * Writes the Pagefind index for a built site. Only article pages carry
 * `data-pagefind-body`, so listings, sidebars, header and footer are never
 * indexed. Pagefind's Node API reports problems in `errors` arrays instead of
 * throwing: every one is checked.
 */
import fs from "node:fs";
import path from "node:path";
import * as pagefind from "pagefind";

export interface SearchIndexReport {
  pagesIndexed: number;
}

/** Pages in the written index (Pagefind's own count; `addDirectory` counts every file it read). */
function indexedPageCount(siteDir: string): number {
  const entry = JSON.parse(fs.readFileSync(path.join(siteDir, "pagefind", "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

function check(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Search index (${step}) failed:\n${errors.join("\n")}`);
}

export async function writeSearchIndex(siteDir: string, language: string): Promise<SearchIndexReport> {
  const created = await pagefind.createIndex({ forceLanguage: language.split("-")[0] });
  try {
    check("create", created.errors);
    const index = created.index;
    if (!index) throw new Error("Search index (create) failed: Pagefind returned no index");
    const added = await index.addDirectory({ path: siteDir });
    check("add pages", added.errors);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, "pagefind") });
    check("write", written.errors);
    return { pagesIndexed: indexedPageCount(siteDir) };
  } finally {
    await pagefind.close();
  }
}
