/**
 * Old dates through the whole build: an article of 1650 (New York then kept
 * local mean time, -04:56:02) gets its page, and every date-archive link that
 * leads to it names a page the build wrote. A year outside 1600 to 9999 stops
 * the build with the file, line and range.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ArchiveValidationError } from "../../src/model/diagnostics.ts";
import { buildSite } from "../../src/publish/buildSite.ts";
import { createFixtureArchive, makeTempDir } from "../support/fixtureArchive.ts";
import { useFarOffDefaultZone } from "../support/farOffZone.ts";
import { loadPage } from "../support/html.ts";

useFarOffDefaultZone();

const SITE = { timezone: "America/New_York" };
const CHARTER = "/1650/03/01/first-charter/";
let site: string;

beforeAll(async () => {
  const root = createFixtureArchive({
    site: SITE,
    articles: [
      // No offset: wall-clock time in New York, which in 1650 was local mean time.
      { path: "1650/03/first-charter.md", frontMatter: "title: The first charter\ndate: 1650-03-01T10:00\nsection: news" },
      { path: "2023/12/harbour.md", frontMatter: "title: Harbour vote\ndate: 2023-12-08T10:00:00-05:00\nsection: news" },
    ],
  });
  site = path.join(makeTempDir("far-dates"), "_site");
  await buildSite({ contentRoot: root, outputDir: site });
});

function pageExists(urlPath: string): boolean {
  return fs.existsSync(path.join(site, urlPath, "index.html"));
}

const hrefs = ($: ReturnType<typeof loadPage>, selector: string): string[] => $(selector).map((_, el) => $(el).attr("href")).get();

describe("an article of 1650", () => {
  it("is written at its URL, and its day page lists it", () => {
    expect(pageExists(CHARTER)).toBe(true);
    expect(loadPage(site, CHARTER)("time").first().attr("datetime")).toMatch(/^1650-03-01T10:00:00-04:56/);
    expect(hrefs(loadPage(site, "/1650/03/01/"), "main a")).toContain(CHARTER);
  });

  it("is linked from the archive, year, month and day pages by the paths the build wrote", () => {
    const archive = hrefs(loadPage(site, "/archive/"), ".year-list a");
    const year = hrefs(loadPage(site, "/1650/"), ".month-list a");
    const month = hrefs(loadPage(site, "/1650/03/"), ".calendar a");
    const days = hrefs(loadPage(site, "/2023/12/08/"), "main a").filter((href) => /^\/\d{4}\/\d{2}\/\d{2}\/$/.test(href));
    expect(archive).toEqual(["/2023/", "/1650/"]);
    expect(year).toEqual(["/1650/03/"]);
    expect(month).toEqual(["/1650/03/01/"]);
    expect(days).toContain("/1650/03/01/");
    for (const link of [...archive, ...year, ...month, ...days]) expect(pageExists(link), link).toBe(true);
  });
});

describe("a year outside 1600 to 9999", () => {
  it("stops the build with the file, the line and the range, and writes nothing", async () => {
    const root = createFixtureArchive({
      site: SITE,
      articles: [{ path: "0001/01/first.md", frontMatter: "title: First\ndate: 0001-01-01\nsection: news" }],
    });
    const output = path.join(makeTempDir("year-one"), "_site");
    const error = await buildSite({ contentRoot: root, outputDir: output }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveValidationError);
    expect((error as Error).message).toContain(
      'articles/0001/01/first.md:3: date: "0001-01-01" is in the year 1: this archive accepts the years 1600 to 9999',
    );
    expect(fs.existsSync(output)).toBe(false);
  });
});
