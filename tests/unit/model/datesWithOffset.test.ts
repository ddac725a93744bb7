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
