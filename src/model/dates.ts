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

/**
 * The years a date may fall in (in the site's zone). Before 1600 zones are
 * local mean time and calendars were not yet Gregorian everywhere; after 9999
 * ISO 8601 needs a sign and more digits. Within it a year is always four digits.
 */
export const FIRST_YEAR = 1600;
export const LAST_YEAR = 9999;

/** `warning`: the input was read, but one way among others (an ambiguous wall-clock time). */
export type ParseResult = { ok: true; time: ArchiveTime; warning?: string } | { ok: false; reason: string };

function yearProblem(text: string, year: number): { ok: false; reason: string } | undefined {
  if (year >= FIRST_YEAR && year <= LAST_YEAR) return undefined;
  return { ok: false, reason: `"${text}" is in the year ${year}: this archive accepts the years ${FIRST_YEAR} to ${LAST_YEAR}` };
}

/**
 * Parses a front matter date. Accepted: a bare day (`2023-12-08`, that day in
 * the site's zone) or an ISO 8601 date-time (`2023-12-08T22:30:00+05:00`); a
 * date-time without an offset is read as wall-clock time in the site's zone,
 * which must have happened there (not in a DST gap); one that happened twice
 * is read as Luxon reads it, with a warning naming the offset.
 */
export function parseArchiveDate(input: string, zone: string): ParseResult {
  const text = input.trim();
  // Most archive dates name their offset: read those without Luxon (the same result, tested), the rest with it.
  const fast = instantWithOffset(text, zone) ?? startOfDay(text, zone);
  if (fast) return { ok: true, time: fast };
  const expected = 'expected YYYY-MM-DD or an ISO 8601 time such as "2023-12-08T22:30:00+05:00"';
  if (BARE_DAY.test(text)) {
    const day = DateTime.fromISO(text, { zone });
    if (!day.isValid) return { ok: false, reason: `"${text}" is not a valid date (${expected})` };
    return yearProblem(text, day.year) ?? { ok: true, time: { millis: day.toMillis(), iso: text, hasTime: false } };
  }
  if (!text.includes("T")) return { ok: false, reason: `"${text}" is not a valid date (${expected})` };
  const hasOffset = HAS_OFFSET.test(text);
  const parsed = hasOffset ? DateTime.fromISO(text, { setZone: true }) : DateTime.fromISO(text, { zone });
  if (!parsed.isValid) return { ok: false, reason: `"${text}" is not a valid date (${expected})` };
  const local = parsed.setZone(zone);
  const outOfRange = yearProblem(text, local.year);
  if (outOfRange) return outOfRange;
  let warning: string | undefined;
  if (!hasOffset) {
    const check = checkWallClock(text, parsed, zone);
    if (!check.ok) return check;
    warning = check.warning;
  }
  const time = { millis: local.toMillis(), iso: isoInZone(local), hasTime: true };
  return warning ? { ok: true, time, warning } : { ok: true, time };
}

/** `2023-12-08T22:30:00+05:00` or `...Z`: a time with its offset, to the second. */
const STRICT_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const zones = new Map<string, IANAZone>();
const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * The zone's offset (minutes) through the UTC day of `millis`, when it is the same at the day's start and end (no
 * zone has changed its clocks and back within one day); else undefined. A day's end is the next day's start: one
 * question to Intl a day.
 */
function steadyDayOffset(zone: IANAZone, millis: number): number | undefined {
  const start = Math.floor(millis / DAY) * DAY;
  const atStart = cachedOffset(zone, start);
  return atStart === cachedOffset(zone, start + DAY) ? atStart : undefined;
}

function cachedOffset(zone: IANAZone, instant: number): number {
  // By zone, then by instant: a number key costs no string per lookup (several per date, 100,000s of dates).
  let offsets = dayOffsetsByZone.get(zone.name);
  if (!offsets) dayOffsetsByZone.set(zone.name, (offsets = new Map()));
  let offset = offsets.get(instant);
  if (offset === undefined) offsets.set(instant, (offset = zone.offset(instant)));
  return offset;
}

const BARE_DAY_FIELDS = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A bare day (`2023-12-08`) read without Luxon: its first instant in the zone, when the zone's offset is the same
 * through the UTC days around it (so that midnight happened there once); undefined otherwise (Luxon reads it).
 */
function startOfDay(text: string, zoneName: string): ArchiveTime | undefined {
  const match = BARE_DAY_FIELDS.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [1, 2, 3].map((i) => Number(match[i])) as [number, number, number];
  if (year < FIRST_YEAR || month < 1 || month > 12 || day < 1) return undefined;
  const wallMidnight = Date.UTC(year, month - 1, day);
  if (new Date(wallMidnight).getUTCDate() !== day || /^(utc|gmt)$/i.test(zoneName)) return undefined;
  const zone = ianaZone(zoneName);
  if (!zone) return undefined;
  const guess = steadyDayOffset(zone, wallMidnight);
  if (guess === undefined || !Number.isInteger(guess)) return undefined;
  const millis = wallMidnight - guess * 60_000;
  // The offset at the instant itself (a day before or after the guess's) must be the same one.
  if (steadyDayOffset(zone, millis) !== guess) return undefined;
  return { millis, iso: text, hasTime: false };
}

function ianaZone(zoneName: string): IANAZone | undefined {
  let zone = zones.get(zoneName);
  if (!zone) zones.set(zoneName, (zone = IANAZone.create(zoneName)));
  return zone.isValid ? zone : undefined;
}

/**
 * A date-time that names its offset, read without Luxon: the instant from its fields, the site's offset at that
 * instant from a cache by day (asking Intl is what makes Luxon slow on 100,000 dates). Undefined for anything
 * unusual (other forms, impossible fields, a day when the zone's clocks change, years out of range): Luxon reads it.
 */
function instantWithOffset(text: string, zoneName: string): ArchiveTime | undefined {
  const match = STRICT_WITH_OFFSET.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(match[i] ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || year < FIRST_YEAR) return undefined;
  const offsetHours = Number(match[8] ?? 0);
  const offsetMinutes = Number(match[9] ?? 0);
  if (offsetHours > 14 || offsetMinutes > 59) return undefined;
  const written = (match[7] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  const fieldsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(fieldsUtc).getUTCDate() !== day) return undefined;
  const millis = fieldsUtc - written * 60_000;
  // Luxon writes "UTC" and "GMT" as the universal zone ("Z"): those sites take the slow path.
  if (/^(utc|gmt)$/i.test(zoneName)) return undefined;
  const zone = ianaZone(zoneName);
  if (!zone) return undefined;
  const offset = steadyDayOffset(zone, millis);
  // Local mean time before a zone's first standard offset is not whole minutes: Luxon writes it its own way.
  if (offset === undefined || !Number.isInteger(offset)) return undefined;
  const local = new Date(millis + offset * 60_000);
  const localYear = local.getUTCFullYear();
  if (localYear < FIRST_YEAR || localYear > LAST_YEAR) return undefined;
  const sign = offset < 0 ? "-" : "+";
  const iso =
    `${pad(localYear, 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return { millis, iso, hasTime: true };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Wider than any shift of a zone's clocks (Samoa skipped a whole day in 2011). */
const PROBE = 2 * DAY;
/** Offsets at UTC midnights, by zone and day: an archive has many articles a day, and asking Intl is slow. */
const dayOffsetsByZone = new Map<string, Map<number, number>>();
/** The zone's offset at the UTC midnight starting the day of `millis` (at most a day earlier). */
function offsetAtDayStart(zone: IANAZone, millis: number): number {
  return cachedOffset(zone, Math.floor(millis / DAY) * DAY);
}

/** `-04:00 (EDT)`; just `+05:00` where the zone's only name is that offset ("GMT+5"). */
function offsetName(millis: number, zone: string): string {
  const dt = DateTime.fromMillis(millis, { zone }).setLocale("en-US");
  const short = dt.offsetNameShort;
  return short && !/^(GMT|UTC)/.test(short) ? `${dt.toFormat("ZZ")} (${short})` : dt.toFormat("ZZ");
}

/** `-05:00 EST`: an offset and its name, for the list of a transition. */
function offsetLabel(millis: number, zone: string): string {
  return offsetName(millis, zone).replace(/ \((.*)\)$/, " $1");
}

/**
 * A transition of the zone between `lo` (old offset) and `hi` (new offset):
 * its instant (to the second, as tz data are) and the offsets either side.
 */
function transitionBetween(lo: number, hi: number, zone: IANAZone): { at: number; before: number; after: number } {
  const before = zone.offset(lo);
  let loSecond = Math.floor(lo / 1000);
  let hiSecond = Math.ceil(hi / 1000);
  while (hiSecond - loSecond > 1) {
    const mid = Math.floor((loSecond + hiSecond) / 2);
    if (zone.offset(mid * 1000) === before) loSecond = mid;
    else hiSecond = mid;
  }
  const at = hiSecond * 1000;
  return { at, before, after: zone.offset(at) };
}

/** How the clocks moved: `from 02:00 to 03:00 that night` (with the days when they differ). */
function clockJump(change: { at: number; before: number; after: number }): string {
  const reading = (offset: number): DateTime => DateTime.fromMillis(change.at + offset * 60_000, { zone: "UTC" });
  const from = reading(change.before);
  const to = reading(change.after);
  const sameDay = from.hasSame(to, "day");
  const format = (dt: DateTime): string => dt.toFormat(sameDay ? "HH:mm" : "yyyy-MM-dd'T'HH:mm");
  return `from ${format(from)} to ${format(to)}${sameDay ? " that night" : ""}`;
}

/**
 * A time written without an offset names a wall-clock reading in the site's
 * zone. Luxon moves a reading that never happened (a DST gap) an hour on and
 * silently picks one of two readings that happened twice; we refuse the first
 * and say which offset was taken for the second, so an editor can write it.
 */
function checkWallClock(text: string, parsed: DateTime, zone: string): { ok: true; warning?: string } | { ok: false; reason: string } {
  const iana = IANAZone.create(zone);
  // The usual case, from two cached look-ups: the same offset two days either side of Luxon's
  // reading (no clock change near it), so the reading is the written one and it happened once.
  const read = parsed.toMillis() + parsed.offset * 60_000;
  if (offsetAtDayStart(iana, read - PROBE) === parsed.offset && offsetAtDayStart(iana, read + PROBE + DAY) === parsed.offset) return { ok: true };
  // The written reading as if it were UTC: an instant shows it when `instant + offset there = wall`.
  const wall = DateTime.fromISO(text, { zone: "UTC" }).toMillis();
  const earlier = iana.offset(wall - PROBE);
  const later = iana.offset(wall + PROBE);
  const instants = [...new Set([earlier, iana.offset(wall), later])]
    .filter((offset) => iana.offset(wall - offset * 60_000) === offset)
    .map((offset) => wall - offset * 60_000)
    .sort((a, b) => a - b);
  if (instants.length === 1) return { ok: true };
  if (instants.length === 0) {
    const change = transitionBetween(wall - later * 60_000, wall - earlier * 60_000, iana);
    const offsets = `${offsetLabel(change.at - 1, zone)} to ${offsetLabel(change.at, zone)}`;
    const suggestion = `${text}${DateTime.fromMillis(change.at - 1, { zone }).toFormat("ZZ")}`;
    return {
      ok: false,
      reason: `"${text}" did not happen in ${zone}: the clocks went forward ${clockJump(change)} (${offsets}); write a time that happened, or the offset you mean (e.g. "${suggestion}")`,
    };
  }
  const first = instants[0] as number;
  const second = instants[instants.length - 1] as number;
  const chosenFirst = Math.abs(parsed.toMillis() - first) < Math.abs(parsed.toMillis() - second);
  const [chosen, other] = chosenFirst ? [first, second] : [second, first];
  const change = transitionBetween(first, second, iana);
  const otherOffset = DateTime.fromMillis(other, { zone }).toFormat("ZZ");
  return {
    ok: true,
    warning: `"${text}" happened twice in ${zone} (the clocks went back ${clockJump(change)}): read as ${offsetName(chosen, zone)}, the ${chosenFirst ? "first" : "second"} time; write the offset to choose ("${text}${otherOffset}" for the ${chosenFirst ? "second" : "first"})`,
  };
}

function isoInZone(dt: DateTime): string {
  return dt.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? "";
}

/** A build's "now" in the site's zone, to the second, for messages: `2024-06-01T17:00:00+05:00`. */
export function instantInZone(millis: number, zone: string): string {
  return isoInZone(DateTime.fromMillis(millis, { zone }).startOf("second"));
}

/**
 * A year as URLs and file paths spell it: four digits, zero-padded (`0999`), so
 * an article's day (`/0999/01/01/slug/`) and the day page that lists it are one
 * path. Every year in a path goes through here; parsing keeps years within
 * FIRST_YEAR to LAST_YEAR, so no year needs more digits.
 */
export function yearText(year: number): string {
  return String(year).padStart(4, "0");
}

/** `yyyy`, `yyyy/MM` or `yyyy/MM/dd`: the date part of date-archive URLs, article URLs and `articles/` folders. */
export function calendarPath(year: number, month?: number, day?: number): string {
  const parts = [yearText(year)];
  if (month !== undefined) parts.push(String(month).padStart(2, "0"));
  if (month !== undefined && day !== undefined) parts.push(String(day).padStart(2, "0"));
  return parts.join("/");
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

/** Year, month and day of a time in the site's zone: what its URL and source folder are made of. */
export function calendarDay(time: ArchiveTime): { year: number; month: number; day: number } {
  const { year, month, day } = wallClock(time);
  return { year, month, day };
}

/**
 * ISO weekday (1 Monday … 7 Sunday) of a calendar day: calendar arithmetic, no zone involved. Luxon's
 * `DateTime.fromObject` gives the same, at some 15 µs a call: a month calendar labels every one of its days.
 */
export function isoWeekday(year: number, month: number, day: number): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years 0 to 99 as they are.
  date.setUTCFullYear(year, month - 1, day);
  return ((date.getUTCDay() + 6) % 7) + 1;
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
  /**
   * The dates a page of a listing covers, oldest to newest, in the site's zone: "December 3, 2003",
   * "December 3–17, 2003", "November 28 – December 17, 2003", "December 28, 2003 – January 4, 2004".
   */
  span(oldest: ArchiveTime, newest: ArchiveTime): string {
    const a = wallClock(oldest);
    const b = wallClock(newest);
    const monthA = MONTH_NAMES[a.month - 1];
    const monthB = MONTH_NAMES[b.month - 1];
    if (a.year !== b.year) return `${monthA} ${a.day}, ${a.year} – ${monthB} ${b.day}, ${b.year}`;
    if (a.month !== b.month) return `${monthA} ${a.day} – ${monthB} ${b.day}, ${b.year}`;
    if (a.day !== b.day) return `${monthA} ${a.day}–${b.day}, ${b.year}`;
    return `${monthA} ${a.day}, ${a.year}`;
  },
  /** Year in the site's zone, as text: the search `year` filter and the yearly sitemaps' names. */
  year(time: ArchiveTime): string {
    return yearText(wallClock(time).year);
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
    const t = wallClock(time);
    return calendarPath(t.year, t.month, t.day);
  },
};
