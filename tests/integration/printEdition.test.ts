/** The print edition (`/{yyyy}/{MM}/{dd}/print/`): a page kind added by one registry entry and one view. */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { createFixtureArchive, makeTempDir } from "../support/fixtureArchive.ts";
import { loadPage } from "../support/html.ts";

let site: string;

const article = (file: string, title: string, date: string, section: string, extra = "") => ({
  path: file,
  frontMatter: `title: ${title}\ndate: ${date}\nsection: ${section}\nauthor: [Mira Holt, Tomasz Wren]\n${extra}`,
});

beforeAll(async () => {
  const root = createFixtureArchive({
    articles: [
      article("2023/12/harbour.md", "Harbour vote", "2023-12-09T10:00", "news", "printDate: 2023-12-10"),
      article("2023/12/view.md", "A view on the vote", "2023-12-09T12:00", "opinion", "printDate: 2023-12-10"),
      article("2023/12/tram.md", "Tram line", "2023-12-10T09:00", "news", "printDate: 2023-12-11"),
      article("2023/12/web.md", "Web only", "2023-12-10T11:00", "sport"),
    ],
  });
  site = path.join(makeTempDir("print"), "_site");
  await buildSite({ contentRoot: root, outputDir: site });
});

describe("the print edition", () => {
  it("lists the articles printed that day by section, with bylines and links", () => {
    const $ = loadPage(site, "/2023/12/10/print/");
    expect($("h1").text()).toBe("Print edition of December 10th, 2023");
    expect($(".day-section h2").map((_, el) => $(el).text()).get()).toEqual(["News", "Opinion"]);
    expect($(".print-edition a").map((_, el) => $(el).attr("href")).get()).toEqual(["/2023/12/09/harbour/", "/2023/12/09/view/"]);
    expect($(".print-edition .byline").first().text()).toBe("by Mira Holt and Tomasz Wren");
    expect($(".breadcrumbs a").map((_, el) => $(el).attr("href")).get()).toEqual(["/archive/", "/2023/12/10/"]);
  });

  it("is linked from the day page of its date and from the days its articles were published", () => {
    const tenth = loadPage(site, "/2023/12/10/");
    expect(tenth(".print-editions a").map((_, el) => tenth(el).attr("href")).get()).toEqual(["/2023/12/11/print/", "/2023/12/10/print/"]);
    const ninth = loadPage(site, "/2023/12/09/");
    expect(ninth(".print-editions a").map((_, el) => ninth(el).attr("href")).get()).toEqual(["/2023/12/10/print/"]);
  });

  it("exists only for days with printed articles, and is in the sitemap", () => {
    expect(fs.existsSync(path.join(site, "2023/12/09/print/index.html"))).toBe(false);
    expect(fs.existsSync(path.join(site, "2023/12/11/print/index.html"))).toBe(true);
    const sitemap = fs.readFileSync(path.join(site, "sitemap-pages.xml"), "utf8");
    expect(sitemap).toContain("/2023/12/10/print/</loc>");
    expect(sitemap).toContain("/2023/12/11/print/</loc>");
  });
});
