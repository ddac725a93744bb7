import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { calendarPath, englishOrdinal, FIRST_YEAR, formatDate, isoWeekday, LAST_YEAR, parseArchiveDate, yearText, type ArchiveTime } from "../../../src/model/dates.ts";
import { articlePath, datePath } from "../../../src/model/urls.ts";
import { useFarOffDefaultZone } from "../../support/farOffZone.ts";

function parse(input: string, zone: string): ArchiveTime {
  const result = parseArchiveDate(input, zone);
  if (!result.ok) throw new Error(result.reason);
  return result.time;
}

useFarOffDefaultZone();

describe("parseArchiveDate", () => {
  it("keeps an offset time and shows it in the site's zone", () => {
    const time = parse("2023-12-08T22:30:00+05:00", "Asia/Karachi");
    expect(time.iso).toBe("2023-12-08T22:30:00+05:00");
    expect(time.hasTime).toBe(true);
    expect(time.millis).toBe(Date.UTC(2023, 11, 8, 17, 30));
  });

  it("moves a late-evening UTC time to the next day in a zone east of UTC", () => {
    const time = parse("2023-12-08T22:30:00Z", "Asia/Karachi");
    expect(time.iso).toBe("2023-12-09T03:30:00+05:00");
    expect(articlePath(time, "x")).toBe("/2023/12/09/x/");
  });

  it("reads a bare day as that day in the site's zone, without inventing a time", () => {
    const west = parse("2023-12-08", "America/Los_Angeles");
    expect(west.iso).toBe("2023-12-08");
    expect(west.hasTime).toBe(false);
    expect(articlePath(west, "x")).toBe("/2023/12/08/x/");
    expect(formatDate.short(west)).toBe("8 Dec, 2023");
    expect(formatDate.long(west, "America/Los_Angeles")).toBe("December 8, 2023");
  });

  it("reads a time without offset as wall-clock time in the site's zone, across DST", () => {
    const summer = parse("2024-07-01T09:00:00", "America/New_York");
    const winter = parse("2024-01-15T09:00:00", "America/New_York");
    expect(summer.iso).toBe("2024-07-01T09:00:00-04:00");
    expect(winter.iso).toBe("2024-01-15T09:00:00-05:00");
  });

  it.each([
    ["2023-13-45"],
    ["2023-02-30"],
    ["yesterday"],
    ["2023-12-08T25:00:00+05:00"],
    ["12/08/2023"],
    [""],
  ])("refuses %j with a reason that quotes the input", (input) => {
    const result = parseArchiveDate(input, "Asia/Karachi");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(`"${input}" is not a valid date`);
  });
});

describe("englishOrdinal", () => {
  it.each([
    [1, "1st"], [2, "2nd"], [3, "3rd"], [4, "4th"], [9, "9th"], [11, "11th"], [12, "12th"], [13, "13th"],
    [21, "21st"], [22, "22nd"], [23, "23rd"], [30, "30th"], [31, "31st"], [101, "101st"], [111, "111th"], [112, "112th"],
  ])("%i gives %s", (n, expected) => {
    expect(englishOrdinal(n)).toBe(expected);
  });
});

describe("formatDate", () => {
  const zone = "Asia/Karachi";
  it("prints the print line date with an English ordinal", () => {
    expect(formatDate.print(parse("2023-12-09", zone))).toBe("December 9th, 2023");
    expect(formatDate.print(parse("2024-03-22", zone))).toBe("March 22nd, 2024");
    expect(formatDate.print(parse("2021-08-01", zone))).toBe("August 1st, 2021");
  });

  it("formats the Updated line as day, short month, year in the site's zone", () => {
    expect(formatDate.short(parse("2025-03-16T10:00:00+05:00", zone))).toBe("16 Mar, 2025");
    // 21:00 UTC on the 15th is already the 16th in Karachi.
    expect(formatDate.short(parse("2025-03-15T21:00:00Z", zone))).toBe("16 Mar, 2025");
  });

  it("shows the time and the zone on the article's long date", () => {
    expect(formatDate.long(parse("2023-12-08T22:30:00+05:00", zone), zone)).toBe("December 8, 2023, 10:30 PM GMT+5");
    const ny = parse("2024-07-04T18:05:00-04:00", "America/New_York");
    expect(formatDate.long(ny, "America/New_York")).toBe("July 4, 2024, 6:05 PM EDT");
    const winter = parse("2024-01-04T00:05:00-05:00", "America/New_York");
    expect(formatDate.long(winter, "America/New_York")).toBe("January 4, 2024, 12:05 AM EST");
    expect(formatDate.long(parse("2024-01-04T12:00:00Z", zone), zone)).toBe("January 4, 2024, 5:00 PM GMT+5");
  });

  it("gives the year in the site's zone", () => {
    expect(formatDate.year(parse("2023-12-31T20:00:00Z", zone))).toBe("2024");
  });

  it("spans a numbered listing page's dates, oldest to newest, in the site's zone", () => {
    const span = (a: string, b: string) => formatDate.span(parse(a, zone), parse(b, zone));
    expect(span("2003-12-03", "2003-12-03T23:00:00+05:00")).toBe("December 3, 2003");
    expect(span("2003-12-03", "2003-12-17")).toBe("December 3–17, 2003");
    expect(span("2003-11-28", "2003-12-17")).toBe("November 28 – December 17, 2003");
    expect(span("2003-12-28", "2004-01-04")).toBe("December 28, 2003 – January 4, 2004");
    // 20:00 UTC on December 31st is already January 1st in Karachi.
    expect(span("2003-12-30", "2003-12-31T20:00:00Z")).toBe("December 30, 2003 – January 1, 2004");
  });
});

describe("isoWeekday", () => {
  it("agrees with Luxon on every day of the archive's range of years, leap days and the oldest years included", () => {
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year += year < 2100 ? 1 : 97) {
      for (const [month, day] of [[1, 1], [2, 28], [2, 29], [3, 1], [7, 15], [12, 31]] as const) {
        const luxon = DateTime.fromObject({ year, month, day }, { zone: "UTC" });
        if (!luxon.isValid) continue;
        expect(isoWeekday(year, month, day), `${year}-${month}-${day}`).toBe(luxon.weekday);
      }
    }
    expect(isoWeekday(2023, 12, 9)).toBe(6);
  });
});

describe("years in URLs and file paths", () => {
  it("pads every year to four digits, so a day page and the links to it agree", () => {
    expect(datePath(999)).toBe("/0999/");
    expect(datePath(1, 1)).toBe("/0001/01/");
    expect(datePath(1, 1, 1)).toBe("/0001/01/01/");
    expect(calendarPath(42, 3, 9)).toBe("0042/03/09");
    expect(yearText(7)).toBe("0007");
  });

  it("makes an article's day path and its day page's path with the same formatter", () => {
    const old = parse("1650-03-01T10:00", "America/New_York");
    expect(articlePath(old, "x")).toBe(`${datePath(1650, 3, 1)}x/`);
    expect(formatDate.year(old)).toBe(yearText(1650));
  });

  it.each([
    ["0001-01-01", 1],
    ["0000-01-01", 0],
    ["1599-12-31T23:00:00Z", 1599],
    ["+010000-01-01T00:00:00Z", 10000],
  ])("refuses %j: year %i is outside 1600 to 9999", (input, year) => {
    const result = parseArchiveDate(input, "UTC");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe(`"${input}" is in the year ${year}: this archive accepts the years ${FIRST_YEAR} to ${LAST_YEAR}`);
  });

  it("takes the year in the site's zone", () => {
    // 23:00 at -05:00 on the last day of 9999 is already 10000 in Karachi.
    expect(parseArchiveDate("9999-12-31T23:00:00-05:00", "Asia/Karachi").ok).toBe(false);
    expect(parseArchiveDate("9999-12-31T23:00:00-05:00", "America/New_York").ok).toBe(true);
    expect(parseArchiveDate("1600-01-01", "Asia/Karachi").ok).toBe(true);
  });
});

describe("wall-clock times that did not happen, or happened twice", () => {
  it("refuses a time in the spring-forward gap, saying what the clocks did", () => {
    const result = parseArchiveDate("2024-03-10T02:30", "America/New_York");
    expect(result).toEqual({
      ok: false,
      reason:
        '"2024-03-10T02:30" did not happen in America/New_York: the clocks went forward from 02:00 to 03:00 that night (-05:00 EST to -04:00 EDT); write a time that happened, or the offset you mean (e.g. "2024-03-10T02:30-05:00")',
    });
  });

  it("refuses a day skipped entirely (Samoa, December 2011)", () => {
    const result = parseArchiveDate("2011-12-30T12:00:00", "Pacific/Apia");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain("the clocks went forward from 2011-12-30T00:00 to 2011-12-31T00:00 (-10:00 to +14:00)");
  });

  it("accepts the same wall-clock time when it names its offset", () => {
    const time = parse("2024-03-10T02:30:00-05:00", "America/New_York");
    expect(time.iso).toBe("2024-03-10T03:30:00-04:00");
  });

  it("warns about a time that happened twice, naming the offset it was read with", () => {
    const result = parseArchiveDate("2024-11-03T01:30", "America/New_York");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.time.iso).toBe("2024-11-03T01:30:00-05:00");
    expect(result.warning).toBe(
      '"2024-11-03T01:30" happened twice in America/New_York (the clocks went back from 02:00 to 01:00 that night): read as -05:00 (EST), the second time; write the offset to choose ("2024-11-03T01:30-04:00" for the first)',
    );
  });

  it("names the offset Luxon chose, whichever occurrence it is (Lord Howe Island, half-hour shift)", () => {
    const result = parseArchiveDate("2024-04-07T01:45", "Australia/Lord_Howe");
    expect(result.ok && result.warning).toBe(
      '"2024-04-07T01:45" happened twice in Australia/Lord_Howe (the clocks went back from 02:00 to 01:30 that night): read as +11:00, the first time; write the offset to choose ("2024-04-07T01:45+10:30" for the second)',
    );
  });

  it("gives no warning for ordinary times, times with offsets, or a bare day whose midnight was skipped", () => {
    for (const [input, zone] of [
      ["2024-11-03T02:30", "America/New_York"],
      ["2024-11-03T01:30-04:00", "America/New_York"],
      ["2024-03-10T03:00", "America/New_York"],
      ["2018-11-04", "America/Sao_Paulo"],
      ["1650-03-01T10:00", "America/New_York"],
    ] as const) {
      const result = parseArchiveDate(input, zone);
      expect(result.ok, input).toBe(true);
      if (result.ok) expect(result.warning, input).toBeUndefined();
    }
  });
});
