/**
 * parseArchiveDate reads times that name their offset without Luxon (a cache of the zone's offsets by day):
 * compared here with Luxon's reading of the same instants, in zones with half-hour, 45-minute and 30-minute DST
 * offsets, a skipped day and historic changes. The same text with `.000` seconds goes through Luxon.
 */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { parseArchiveDate } from "../../../src/model/dates.ts";
import { seededRandom } from "../../../tools/bench/syntheticArchive.ts";

const ZONES = ["Asia/Karachi", "UTC", "Etc/UTC", "Europe/London", "Asia/Kolkata", "America/St_Johns", "Australia/Lord_Howe", "Pacific/Apia", "Asia/Kathmandu", "America/New_York", "Africa/Casablanca", "Pacific/Chatham"];
const OFFSETS = ["Z", "+05:00", "-04:00", "+05:45", "-09:30", "+14:00", "+00:00"];

describe("a date-time with its offset", () => {
  it.each(ZONES)("reads as Luxon reads it, in %s", (zone) => {
    const random = seededRandom(zone.length * 7919);
    const from = Date.UTC(1900, 0, 1);
    const to = Date.UTC(2040, 0, 1);
    for (let i = 0; i < 3000; i++) {
      const millis = Math.floor((from + random() * (to - from)) / 1000) * 1000;
      const offset = OFFSETS[Math.floor(random() * OFFSETS.length)] as string;
      const written = DateTime.fromMillis(millis, { zone: offset === "Z" ? "UTC" : `UTC${offset}` }).toISO({ suppressMilliseconds: true, includeOffset: true }) as string;
      const text = offset === "Z" ? written.replace(/\+00:00$/, "Z") : written;
      const byLuxon = parseArchiveDate(text.replace(/(T\d\d:\d\d:\d\d)/, "$1.000"), zone);
      expect(parseArchiveDate(text, zone), text).toEqual(byLuxon);
    }
  });

  it("leaves impossible fields and other forms to Luxon's messages", () => {
    expect(parseArchiveDate("2023-02-30T10:00:00+05:00", "Asia/Karachi")).toMatchObject({ ok: false });
    expect(parseArchiveDate("2023-12-08T24:00:00Z", "Asia/Karachi")).toEqual(parseArchiveDate("2023-12-08T24:00:00.000Z", "Asia/Karachi"));
    expect(parseArchiveDate("1599-12-31T23:00:00Z", "UTC")).toMatchObject({ ok: false, reason: expect.stringContaining("1599") });
    expect(parseArchiveDate("9999-12-31T23:00:00-05:00", "UTC")).toMatchObject({ ok: false });
    expect(parseArchiveDate("2023-12-08T22:30+05:00", "Asia/Karachi")).toEqual({ ok: true, time: { millis: Date.UTC(2023, 11, 8, 17, 30), iso: "2023-12-08T22:30:00+05:00", hasTime: true } });
  });
});

describe("a bare day", () => {
  // Luxon starts from the zone's offset today, and with two corrections can land an hour late where the offset
  // changed a lot since (Samoa moved across the date line in 2011): the reading without Luxon is then exact.
  it.each(ZONES)("starts at the day's first instant in the zone (as Luxon reads it, or exactly where Luxon is off), in %s", (zone) => {
    const random = seededRandom(zone.length * 104_729);
    const from = Date.UTC(1600, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    // Random days over five centuries, and every day of the years with the most clock changes in these zones.
    const days = Array.from({ length: 3000 }, () => new Date(from + random() * (to - from)).toISOString().slice(0, 10));
    for (const year of [1916, 1942, 1945, 2011, 2023]) {
      for (let d = Date.UTC(year, 0, 1); d < Date.UTC(year + 1, 0, 1); d += 86_400_000) days.push(new Date(d).toISOString().slice(0, 10));
    }
    for (const text of days) {
      const luxon = DateTime.fromISO(text, { zone });
      const parsed = parseArchiveDate(text, zone);
      if (luxon.year < 1600) {
        expect(parsed, text).toMatchObject({ ok: false });
        continue;
      }
      if (!parsed.ok) throw new Error(`${text}: ${parsed.reason}`);
      expect(parsed.time.iso, text).toBe(text);
      expect(parsed.time.hasTime).toBe(false);
      if (parsed.time.millis === luxon.toMillis()) continue;
      // Not Luxon's instant: then exactly midnight in the zone, an instant Luxon's is later than.
      expect(DateTime.fromMillis(parsed.time.millis, { zone }).toFormat("yyyy-MM-dd HH:mm:ss"), text).toBe(`${text} 00:00:00`);
      expect(parsed.time.millis).toBeLessThan(luxon.toMillis());
    }
  });

  it("refuses an impossible day and a year out of range, as before", () => {
    expect(parseArchiveDate("2023-02-29", "Asia/Karachi")).toMatchObject({ ok: false, reason: expect.stringContaining("not a valid date") });
    expect(parseArchiveDate("2023-13-01", "Asia/Karachi")).toMatchObject({ ok: false });
    expect(parseArchiveDate("1599-12-31", "Asia/Karachi")).toMatchObject({ ok: false, reason: expect.stringContaining("1599") });
  });
});
