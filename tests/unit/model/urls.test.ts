/** The URLs the site makes: article, date, section and name paths, path prefixes and output files. */
import { describe, expect, it } from "vitest";
import {
  absoluteUrl,
  articlePath,
  correctionsPath,
  datePath,
  nameIndexPath,
  nameSlug,
  namePath,
  normalizePathPrefix,
  outputFileFor,
  sectionPath,
  segmentBytes,
  SLUG_PATTERN,
  withPrefix,
} from "../../../src/model/urls.ts";
import { at } from "../../support/articleFactory.ts";

describe("article and listing paths", () => {
  it("dates an article by its day in the site's zone", () => {
    expect(articlePath(at("2023-12-09"), "harbour-vote")).toBe("/2023/12/09/harbour-vote/");
    // 22:30 UTC on 8 December is 03:30 on 9 December in UTC+5.
    expect(articlePath(at("2023-12-08T22:30:00Z"), "late")).toBe("/2023/12/09/late/");
    expect(articlePath(at("1600-01-01"), "first")).toBe("/1600/01/01/first/");
  });

  it("pads years, months and days of date pages", () => {
    expect(datePath(2023)).toBe("/2023/");
    expect(datePath(2023, 3)).toBe("/2023/03/");
    expect(datePath(2023, 3, 7)).toBe("/2023/03/07/");
    expect(datePath(999, 1, 1)).toBe("/0999/01/01/");
  });

  it("puts the first page of a listing at its folder and the others under page/", () => {
    expect(sectionPath("news")).toBe("/news/");
    // Numbered from the oldest entry: page 1 is a page of its own, not the front page.
    expect(sectionPath("news", 1)).toBe("/news/page/1/");
    expect(sectionPath("news", 2)).toBe("/news/page/2/");
    expect(correctionsPath()).toBe("/corrections/");
    expect(correctionsPath(3)).toBe("/corrections/page/3/");
    expect(namePath("tags", "harbour", 1)).toBe("/tags/harbour/page/1/");
    // The A to Z indexes are numbered from the front: their page 1 is the index itself.
    expect(nameIndexPath("authors", 1)).toBe("/authors/");
    expect(nameIndexPath("authors", 2)).toBe("/authors/page/2/");
  });
});

describe("path prefixes and absolute URLs", () => {
  it("normalises a prefix to / or /a/b/", () => {
    expect(normalizePathPrefix(undefined)).toBe("/");
    expect(normalizePathPrefix("")).toBe("/");
    expect(normalizePathPrefix(" / ")).toBe("/");
    expect(normalizePathPrefix("some-prefix")).toBe("/some-prefix/");
    expect(normalizePathPrefix("//a/b//")).toBe("/a/b/");
  });

  it("prefixes site paths only: other sites and protocol-relative URLs pass through", () => {
    expect(withPrefix("/2023/12/09/x/", "/sub/")).toBe("/sub/2023/12/09/x/");
    expect(withPrefix("/", "sub")).toBe("/sub/");
    expect(withPrefix("/news/", "/")).toBe("/news/");
    expect(withPrefix("https://elsewhere.example/", "/sub/")).toBe("https://elsewhere.example/");
    expect(withPrefix("//cdn.example/x.js", "/sub/")).toBe("//cdn.example/x.js");
    expect(withPrefix("#top", "/sub/")).toBe("#top");
  });

  it("joins origin, prefix and path with one slash each", () => {
    expect(absoluteUrl("/news/", "https://archive.example/", "/")).toBe("https://archive.example/news/");
    expect(absoluteUrl("/news/", "https://archive.example//", "/gazette/")).toBe("https://archive.example/gazette/news/");
  });
});

describe("output files", () => {
  it("writes folders as index.html, keeps file names, and makes a folder of an extensionless path", () => {
    expect(outputFileFor("/")).toBe("index.html");
    expect(outputFileFor("/news/page/2/")).toBe("news/page/2/index.html");
    expect(outputFileFor("/feed.xml")).toBe("feed.xml");
    expect(outputFileFor("/old/story.html")).toBe("old/story.html");
    expect(outputFileFor("/news/1796094")).toBe("news/1796094/index.html");
  });

  it("measures a path segment in UTF-8 bytes, as file systems do", () => {
    expect(segmentBytes("harbour")).toBe(7);
    expect(segmentBytes("café")).toBe(5);
    expect(segmentBytes("港口")).toBe(6);
    expect(segmentBytes("🚢")).toBe(4);
  });
});

describe("slugs", () => {
  it("slugs names by transliterating them, and never to an empty slug", () => {
    expect(nameSlug("Mira Holt")).toBe("mira-holt");
    expect(nameSlug("Smith, Jr.")).toBe("smith-jr");
    expect(nameSlug("Café Zürich")).toBe("cafe-zuerich");
    expect(nameSlug("!!!")).toBe("name");
  });

  it("accepts lowercase words joined by single hyphens as an article slug", () => {
    for (const good of ["harbour-vote", "a", "2023-budget"]) expect(SLUG_PATTERN.test(good), good).toBe(true);
    for (const bad of ["Harbour", "-vote", "vote-", "harbour--vote", "café", ""]) expect(SLUG_PATTERN.test(bad), bad).toBe(false);
  });
});
