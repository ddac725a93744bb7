/**
 * The files the site writes (src/views/sitePaths.ts): paths folded as disks compare
 * them, and whether a former URL lands on a page, under a file or on a folder.
 */
import { describe, expect, it } from "vitest";
import { foldPath, SiteFiles, splitFormerUrl } from "../../../src/views/sitePaths.ts";
import { BUILD_FOLDERS, RESERVED_TOP_LEVEL, SINGLETON_PATHS } from "../../../src/model/urls.ts";
import { FIXED_KINDS } from "../../../src/views/pageKinds.ts";

describe("the files the site writes", () => {
  it("match case-folded and composed", () => {
    expect(foldPath("News/INDEX.html")).toBe("news/index.html");
    expect(foldPath("cafe\u0301")).toBe(foldPath("CAFÉ"));
  });

  it("answer whether a former URL lands on a page, under a file or on a folder of the site", () => {
    const files = new SiteFiles();
    for (const page of ["/", "/news/", "/feed.xml", "/2023/12/09/harbour-vote/", "/v1.0/notes/"]) files.add(page);
    files.add("/2099/", true);
    expect(files.conflict("/news/index.html")).toEqual({ kind: "page", path: "/news/", later: false });
    expect(files.conflict("/NEWS")).toEqual({ kind: "page", path: "/news/", later: false });
    expect(files.conflict("/feed.xml/x")).toEqual({ kind: "under-file", path: "/feed.xml", later: false });
    expect(files.conflict("/v1.0")).toEqual({ kind: "folder", path: "/v1.0/" });
    expect(files.conflict("/2023/12")).toBeUndefined();
    expect(files.conflict("/2023.html")).toBeUndefined();
    expect(files.conflict("/2099")).toEqual({ kind: "page", path: "/2099/", later: true });
    expect(files.conflict("/assets/x")).toEqual({ kind: "build-folder", path: "/assets/" });
    expect(files.conflict("/Sitemap-2023.xml")).toEqual({ kind: "build-files", path: "/sitemap-*.xml" });
    expect(files.conflict("/news/1796094")).toBeUndefined();
  });

  it("lists every fixed page of the registry", () => {
    for (const [name, kind] of Object.entries(FIXED_KINDS)) {
      if (kind.source === "single") expect(SINGLETON_PATHS, name).toContain(kind.path);
    }
  });

  it("reserves the build's own folders for sections too", () => {
    for (const folder of BUILD_FOLDERS) expect(RESERVED_TOP_LEVEL.has(folder)).toBe(true);
  });
});

describe("former URLs with a query string", () => {
  it("split at the first ? into the path and the query as written; a plain path has none", () => {
    expect(splitFormerUrl("/?p=1234")).toEqual({ path: "/", query: "p=1234" });
    expect(splitFormerUrl("/index.php?p=1&next=/a?b")).toEqual({ path: "/index.php", query: "p=1&next=/a?b" });
    expect(splitFormerUrl("/news/1796094")).toBeUndefined();
  });
});
