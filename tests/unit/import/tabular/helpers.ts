/** Site data, temporary source files and result collection for the import reader tests. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadSiteData, type SiteData } from "../../../../src/content/siteData.ts";
import type { Diagnostic } from "../../../../src/model/diagnostics.ts";
import { parseImportMap, type ImportMap } from "../../../../src/import/importMap.ts";
import type { ImportRecord, ReadResult, SkippedRecord } from "../../../../src/import/importRecord.ts";
import { createFixtureArchive, makeTempDir } from "../../../support/fixtureArchive.ts";

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../fixtures/import");

/** The Gullhaven Gazette's data files as the build reads them: Asia/Karachi, sections news, opinion, editorial, sport. */
export function testSite(site: Record<string, unknown> = {}): SiteData {
  const diagnostics: Diagnostic[] = [];
  const data = loadSiteData(createFixtureArchive({ site, articles: [] }), diagnostics);
  if (!data) throw new Error(`fixture site data: ${diagnostics.map((d) => d.message).join("; ")}`);
  return data;
}

/** A map from its JSON form, validated as `--map` would be. */
export function mapOf(value: unknown = {}): ImportMap {
  const map = parseImportMap(value, "map.json");
  if ("problems" in map) throw new Error(map.problems.join("\n"));
  return map;
}

let tempDir: string | undefined;
/** Writes a source file into this test run's temporary folder and returns its path. */
export function sourceFile(name: string, content: string | Buffer): string {
  tempDir ??= makeTempDir("import-source");
  const file = path.join(tempDir, name);
  fs.writeFileSync(file, content);
  return file;
}

export async function collect(results: AsyncIterable<ReadResult>): Promise<ReadResult[]> {
  const all: ReadResult[] = [];
  for await (const result of results) all.push(result);
  return all;
}

export function recordsOf(results: readonly ReadResult[]): ImportRecord[] {
  return results.flatMap((r) => (r.kind === "record" ? [r.record] : []));
}

export function skippedOf(results: readonly ReadResult[]): SkippedRecord[] {
  return results.flatMap((r) => (r.kind === "skipped" ? [r.skipped] : []));
}
