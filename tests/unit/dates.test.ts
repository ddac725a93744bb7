import { describe, expect, it } from "vitest";
import { englishOrdinal, formatDate, parseArchiveDate, type ArchiveTime } from "../../src/archive/dates.ts";
import { articlePath } from "../../src/archive/urls.ts";
import { useFarOffDefaultZone } from "../support/farOffZone.ts";

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
});
