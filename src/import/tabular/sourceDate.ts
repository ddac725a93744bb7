import { parseArchiveDate, type ParseResult } from "../../model/dates.ts";

/** `2021-03-04 10:00:00` (SQL dumps, spreadsheets): an ISO time with a space for the `T`. */
const SPACED = /^(\d{4}-\d{2}-\d{2}) +(\d{2}:\d{2})/;
/** `... 10:00:00 UTC`: a zone name that means offset zero. */
const UTC_NAME = / *(?:UTC|GMT)$/i;

/**
 * A source time as the archive keeps it: a time with an offset is that
 * instant; one without is wall-clock time in `sourceZone`; either way the
 * result is in the site's zone (its `iso` carries the site's offset). A bare
 * `YYYY-MM-DD` stays a day: no time is invented.
 */
export function readSourceDate(input: string, sourceZone: string, siteZone: string): ParseResult {
  let text = input.trim().replace(SPACED, "$1T$2");
  if (text.includes("T") && UTC_NAME.test(text)) text = `${text.replace(UTC_NAME, "")}Z`;
  const read = parseArchiveDate(text, sourceZone);
  if (!read.ok || !read.time.hasTime || sourceZone === siteZone) return read;
  // The instant is known; its text (with the source zone's offset) read again gives the site's offset.
  const inSite = parseArchiveDate(read.time.iso, siteZone);
  if (!inSite.ok) return inSite;
  return read.warning ? { ok: true, time: inSite.time, warning: read.warning } : inSite;
}
