import fs from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";

export function readPage(siteDir: string, urlPath: string): string {
  const file = urlPath.endsWith(".html") ? urlPath : `${urlPath.replace(/\/?$/, "/")}index.html`;
  return fs.readFileSync(path.join(siteDir, file), "utf8");
}

export function loadPage(siteDir: string, urlPath: string): cheerio.CheerioAPI {
  return cheerio.load(readPage(siteDir, urlPath));
}

/** Every file under a folder, relative, sorted. */
export function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}
