/**
 * The tally of one import and its printed summary: what was imported,
 * updated, unchanged, left alone and skipped (by reason, with the first few
 * positions), photos copied and missing, redirects written.
 */
import { formatPosition, type SourcePosition } from "./importRecord.ts";

/** Positions listed per reason; the rest are counted. */
const SHOWN_PER_REASON = 5;
/** Article notes printed in full; the rest are counted. */
const SHOWN_NOTES = 20;

export interface ImportTally {
  imported: number;
  updated: number;
  unchanged: number;
  /** Renamed because their slug was taken: `file` (wanted slug). */
  renamed: string[];
  leftAlone: Map<string, string[]>;
  skipped: Map<string, Array<{ position: SourcePosition; message: string }>>;
  ignored: Map<string, number>;
  photosCopied: number;
  photosMissing: number;
  redirects: number;
  notes: string[];
  /** WordPress: publication times read from `wp:post_date_gmt` (UTC) and from `wp:post_date` (local). */
  dateSources: { gmt: number; local: number; localZone?: string };
  /** Source categories that mapped to no section, with their record counts. */
  unmappedCategories: Map<string, number>;
}

export function emptyTally(): ImportTally {
  return {
    imported: 0,
    updated: 0,
    unchanged: 0,
    renamed: [],
    leftAlone: new Map(),
    skipped: new Map(),
    ignored: new Map(),
    photosCopied: 0,
    photosMissing: 0,
    redirects: 0,
    notes: [],
    dateSources: { gmt: 0, local: 0 },
    unmappedCategories: new Map(),
  };
}

export function skippedCount(tally: ImportTally): number {
  let count = 0;
  for (const list of tally.skipped.values()) count += list.length;
  return count;
}

function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function noteSkipped(tally: ImportTally, reason: string, position: SourcePosition, message: string): void {
  addTo(tally.skipped, reason, { position, message });
}

export function noteLeftAlone(tally: ImportTally, why: string, file: string): void {
  addTo(tally.leftAlone, why, file);
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** The summary, one line a fact; `file` names the source in positions. */
export function formatSummary(tally: ImportTally, file: string, dryRun: boolean): string[] {
  const lines: string[] = [];
  const verb = dryRun ? "would be " : "";
  lines.push(dryRun ? "Dry run: nothing was written." : "Import finished.");
  lines.push(`  ${plural(tally.imported, "article")} ${verb}imported, ${tally.updated.toLocaleString("en")} ${verb}updated, ${tally.unchanged.toLocaleString("en")} unchanged`);
  for (const [why, files] of tally.leftAlone) {
    lines.push(`  ${plural(files.length, "article")} left alone, ${why}: ${files.slice(0, SHOWN_PER_REASON).join(", ")}${files.length > SHOWN_PER_REASON ? ", ..." : ""}`);
  }
  const skipped = skippedCount(tally);
  if (skipped > 0) {
    lines.push(`  ${plural(skipped, "record")} skipped:`);
    for (const [reason, list] of [...tally.skipped].sort((a, b) => b[1].length - a[1].length)) {
      lines.push(`    ${reason}: ${list.length.toLocaleString("en")}`);
      for (const { position, message } of list.slice(0, SHOWN_PER_REASON)) lines.push(`      ${formatPosition(file, position)}: ${message}`);
      if (list.length > SHOWN_PER_REASON) lines.push(`      ... and ${(list.length - SHOWN_PER_REASON).toLocaleString("en")} more`);
    }
  }
  if (tally.unmappedCategories.size > 0) {
    const listed = [...tally.unmappedCategories].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} (${n})`);
    lines.push(`  categories mapped to no section: ${listed.join(", ")}`);
  }
  if (tally.ignored.size > 0) {
    const listed = [...tally.ignored].sort((a, b) => b[1] - a[1]).map(([what, n]) => `${what} ${n.toLocaleString("en")}`);
    lines.push(`  not articles, not imported: ${listed.join(", ")}`);
  }
  if (tally.renamed.length > 0) {
    lines.push(`  ${plural(tally.renamed.length, "slug")} already taken, numbered: ${tally.renamed.slice(0, SHOWN_PER_REASON).join(", ")}${tally.renamed.length > SHOWN_PER_REASON ? ", ..." : ""}`);
  }
  lines.push(`  photos: ${tally.photosCopied.toLocaleString("en")} ${verb}copied, ${tally.photosMissing.toLocaleString("en")} missing (in a body: a link to the old address; a lead photo: left out)`);
  lines.push(`  redirects: ${tally.redirects.toLocaleString("en")} former URLs ${verb}kept as redirect_from`);
  const { gmt, local, localZone } = tally.dateSources;
  if (gmt + local > 0) {
    lines.push(`  dates: ${gmt.toLocaleString("en")} from wp:post_date_gmt (UTC), ${local.toLocaleString("en")} from wp:post_date read in ${localZone ?? "the site's zone"} (posts never published have no UTC time)`);
  }
  if (tally.notes.length > 0) {
    lines.push(`  notes (${tally.notes.length.toLocaleString("en")}):`);
    for (const note of tally.notes.slice(0, SHOWN_NOTES)) lines.push(`    ${note}`);
    if (tally.notes.length > SHOWN_NOTES) lines.push(`    ... and ${(tally.notes.length - SHOWN_NOTES).toLocaleString("en")} more (--verbose lists them all)`);
  }
  return lines;
}
