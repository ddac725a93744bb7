/**
 * Every date the archive shows goes through this module, always in the site's
 * IANA zone: never the build machine's zone, never silent UTC.
 */
import { DateTime, IANAZone } from "luxon";

/** A point in time as the archive keeps it: slim, serialisable, zone-explicit. */
export interface ArchiveTime {
  /** Milliseconds since the epoch: the sort key. */
  millis: number;
  /**
   * ISO 8601 in the site's zone: `2023-12-09T03:30:00+05:00`, or `2023-12-09`
   * when the input named only a day (we do not invent a time).
   */
  iso: string;
  /** False when the input was a bare `YYYY-MM-DD`. */
  hasTime: boolean;
}

const BARE_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** An ISO date-time that names its offset (`Z`, `+05:00`, `+0500`). */
const HAS_OFFSET = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export type ParseResult = { ok: true; time: ArchiveTime } | { ok: false; reason: string };

/**
 * Parses a front matter date. Accepted: a bare day (`2023-12-08`, that day in
 * the site's zone) or an ISO 8601 date-time (`2023-12-08T22:30:00+05:00`); a
 * date-time without an offset is read as wall-clock time in the site's zone.
 */
export function parseArchiveDate(input: string, zone: string): ParseResult {
  const text = input.trim();
  const expected = 'expected YYYY-MM-DD or an ISO 8601 time such as "2023-12-08T22:30:00+05:00"';
  if (BARE_DAY.test(text)) {
    const day = DateTime.fromISO(text, { zone });
    if (!day.isValid) return { ok: false, reason: `"${text}" is not a valid date (${expected})` };
    return { ok: true, time: { millis: day.toMillis(), iso: text, hasTime: false } };
  }
  if (!text.includes("T")) return { ok: false, reason: `"${text}" is not a valid date (${expected})` };
  const parsed = HAS_OFFSET.test(text)
    ? DateTime.fromISO(text, { setZone: true })
    : DateTime.fromISO(text, { zone });
  if (!parsed.isValid) return { ok: false, reason: `"${text}" is not a valid date (${expected})` };
  const local = parsed.setZone(zone);
  return {
    ok: true,
    time: { millis: local.toMillis(), iso: isoInZone(local), hasTime: true },
  };
}

function isoInZone(dt: DateTime): string {
  return dt.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? "";
}

/** The calendar day of a time in the site's zone: the basis of article URLs. */
export function zonedDateTime(time: ArchiveTime, zone: string): DateTime {
  return DateTime.fromMillis(time.millis, { zone });
}

const ordinalRules = new Intl.PluralRules("en", { type: "ordinal" });
const ORDINAL_SUFFIX: Record<Intl.LDMLPluralRule, string> = {
  zero: "th",
  one: "st",
  two: "nd",
  few: "rd",
  many: "th",
  other: "th",
};

/** English ordinal of a day of the month: 1st, 2nd, 3rd, 11th, 22nd. */
export function englishOrdinal(n: number): string {
  return `${n}${ORDINAL_SUFFIX[ordinalRules.select(n)]}`;
}

/** Wall-clock parts of an ArchiveTime, read from its ISO text (already in the site's zone). */
interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallClock(time: ArchiveTime): WallClock {
  const iso = time.iso;
  return {
    year: Number(iso.slice(0, 4)),
    month: Number(iso.slice(5, 7)),
    day: Number(iso.slice(8, 10)),
    hour: time.hasTime ? Number(iso.slice(11, 13)) : 0,
    minute: time.hasTime ? Number(iso.slice(14, 16)) : 0,
  };
}

/** English month names, for every date the site shows (pages, shard labels, date archives). */
export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * The zone's short name at that time ("GMT+5", "EDT"), from Intl through Luxon.
 * Asking Intl is the costly part of zone formatting, and a zone has only a few
 * names, so each (zone, offset) pair is asked once.
 */
const zoneNames = new Map<string, string>();
function zoneName(time: ArchiveTime, zone: string): string {
  const key = `${zone}|${time.iso.slice(19)}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    const dt = zonedDateTime(time, zone).setLocale("en-US");
    name = dt.offsetNameShort ?? dt.toFormat("ZZ");
    zoneNames.set(key, name);
  }
  return name;
}

/**
 * The formats the site shows, one per purpose. Each takes an ArchiveTime and the
 * site's zone so pages, feeds, JSON-LD and search never disagree. They read the
 * wall-clock parts from the ISO text that parsing computed in the site's zone.
 */
export const formatDate = {
  /** `datetime` attribute of `<time>` and JSON-LD: ISO in the site's zone. */
  machine(time: ArchiveTime): string {
    return time.iso;
  },
  /** Article header: "December 9, 2023, 3:30 AM GMT+5" (day only for bare dates). */
  long(time: ArchiveTime, zone: string): string {
    const t = wallClock(time);
    const day = `${MONTH_NAMES[t.month - 1]} ${t.day}, ${t.year}`;
    if (!time.hasTime) return day;
    const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
    const clock = `${hour12}:${String(t.minute).padStart(2, "0")} ${t.hour < 12 ? "AM" : "PM"}`;
    return `${day}, ${clock} ${zoneName(time, zone)}`;
  },
  /** Listings and the "Updated" line: "16 Mar, 2025". */
  short(time: ArchiveTime): string {
    const t = wallClock(time);
    return `${t.day} ${MONTH_NAMES[t.month - 1]?.slice(0, 3)}, ${t.year}`;
  },
  /** Print line: "December 9th, 2023". */
  print(time: ArchiveTime): string {
    const t = wallClock(time);
    return `${MONTH_NAMES[t.month - 1]} ${englishOrdinal(t.day)}, ${t.year}`;
  },
  /** Year in the site's zone, as text: the search `year` filter. */
  year(time: ArchiveTime): string {
    return time.iso.slice(0, 4);
  },
  /**
   * Feeds and sitemaps: an RFC 3339 date-time with the site's offset. A bare
   * day becomes its midnight in the site's zone (RFC 3339 has no bare days).
   */
  rfc3339(time: ArchiveTime, zone: string): string {
    if (time.hasTime) return time.iso;
    return zonedDateTime(time, zone).toISO({ suppressMilliseconds: true, includeOffset: true }) ?? time.iso;
  },
  /** `yyyy/MM/dd` in the site's zone: the date part of article URLs. */
  urlDay(time: ArchiveTime): string {
    return `${time.iso.slice(0, 4)}/${time.iso.slice(5, 7)}/${time.iso.slice(8, 10)}`;
  },
};
