/**
 * Writes small archives of our fictional outlet into a temporary folder, so
 * tests build real sites from real files.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface FixtureArticle {
  /** Path under `articles/`, e.g. `2023/12/harbour.md`. */
  path: string;
  /** Front matter lines without the `---` fences, or the whole file when `raw` is set. */
  frontMatter?: string;
  body?: string;
  raw?: string;
}

export interface FixtureOptions {
  site?: Record<string, unknown>;
  sections?: Array<Record<string, unknown>>;
  mustRead?: string[];
  articles: FixtureArticle[];
}

export const DEFAULT_SITE = {
  outlet: "The Gullhaven Gazette",
  url: "https://archive.gullhaven.example",
  timezone: "Asia/Karachi",
  language: "en",
  description: "Test archive",
};

export const DEFAULT_SECTIONS = [
  { slug: "news", name: "News", pageSize: 2 },
  { slug: "opinion", name: "Opinion", pageSize: 2 },
  { slug: "editorial", name: "Editorial", pageSize: 2 },
  { slug: "sport", name: "Sport", pageSize: 2 },
];

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export function writeArticle(root: string, article: FixtureArticle): void {
  const file = path.join(root, "articles", article.path);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = article.raw ?? `---\n${article.frontMatter ?? ""}\n---\n${article.body ?? "A paragraph of text.\n"}`;
  fs.writeFileSync(file, text);
}

export function createFixtureArchive(options: FixtureOptions, root = makeTempDir("archive-fixture")): string {
  fs.mkdirSync(path.join(root, "_data"), { recursive: true });
  fs.writeFileSync(path.join(root, "_data/site.json"), JSON.stringify({ ...DEFAULT_SITE, ...options.site }, null, 2));
  fs.writeFileSync(path.join(root, "_data/sections.json"), JSON.stringify(options.sections ?? DEFAULT_SECTIONS, null, 2));
  fs.writeFileSync(path.join(root, "_data/mustRead.json"), JSON.stringify({ articles: options.mustRead ?? [] }, null, 2));
  for (const article of options.articles) writeArticle(root, article);
  return root;
}
