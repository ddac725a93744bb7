/**
 * Reads every Markdown file under `articles/`, validates its front matter and
 * turns it into an Article. Problems become diagnostics naming the file, line
 * and field; nothing is dropped silently (drafts are counted).
 */
import fs from "node:fs";
import path from "node:path";
import type { MarkdownIt } from "markdown-it";
import type { Article } from "./article.ts";
import { parseArchiveDate, type ArchiveTime } from "./dates.ts";
import type { Diagnostic } from "./diagnostics.ts";
import { deriveExcerpt } from "./excerpt.ts";
import { frontMatterSchema, KNOWN_FIELDS } from "./articleSchema.ts";
import { parseFrontMatter } from "./frontMatter.ts";
import type { Section, SiteConfig } from "./siteConfig.ts";
import { describeZodIssue } from "./zodMessages.ts";
import { articlePath, SLUG_PATTERN } from "./urls.ts";
import { slugFromFileName } from "./slugs.ts";

export const ARTICLES_DIR = "articles";

/** Every `.md` file under `dir`, relative to `root`, sorted so builds are deterministic. */
export function listArticleFiles(root: string, dir = ARTICLES_DIR): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && entry.name.endsWith(".md")) found.push(child);
    }
  };
  walk(dir);
  return found.sort();
}

export interface ArticleContext {
  site: SiteConfig;
  sectionsBySlug: ReadonlyMap<string, Section>;
  markdown: MarkdownIt;
}

/** An article as parsed from one file; the content hash is added by the loader. */
export type ParsedArticleData = Omit<Article, "contentHash">;

/** A draft carries its article when it is complete enough to preview (the dev server shows it). */
export type ParsedArticle =
  | { kind: "article"; article: ParsedArticleData }
  | { kind: "draft"; article?: ParsedArticleData }
  | { kind: "invalid" };

/** Validates one article file's text. Pushes diagnostics; returns what the file is. */
export function parseArticle(
  sourcePath: string,
  source: string,
  context: ArticleContext,
  diagnostics: Diagnostic[],
): ParsedArticle {
  const file = sourcePath;
  const before = diagnostics.length;
  const fm = parseFrontMatter(source);
  if (!fm.ok) {
    diagnostics.push({ severity: "error", file, line: fm.line, message: fm.message });
    return { kind: "invalid" };
  }
  const lineOf = (field: string | undefined): number | undefined => (field ? fm.lines[field] : undefined) ?? 1;
  // Problems past the schema; a draft's are not reported (it is unfinished), it just cannot be previewed.
  const found: Diagnostic[] = [];
  const error = (field: string, message: string, line = lineOf(field.split(".")[0])): void => {
    found.push({ severity: "error", file, line, field, message });
  };

  for (const key of Object.keys(fm.data)) {
    if (!KNOWN_FIELDS.has(key)) {
      diagnostics.push({
        severity: "warning",
        file,
        line: lineOf(key),
        field: key,
        message: `unknown field (known fields: ${[...KNOWN_FIELDS].join(", ")})`,
      });
    }
  }

  const checked = frontMatterSchema.safeParse(fm.data, { reportInput: true });
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = issue.path.map(String).join(".");
      const top = String(issue.path[0] ?? "");
      diagnostics.push({ severity: "error", file, line: lineOf(top), field: field || undefined, message: describeZodIssue(issue) });
    }
    return { kind: "invalid" };
  }
  const data = checked.data;
  const isDraft = data.draft === true;

  const zone = context.site.timezone;
  const readTime = (field: "date" | "updated", value: string | undefined): ArchiveTime | undefined => {
    if (value === undefined) return undefined;
    const parsed = parseArchiveDate(value, zone);
    if (!parsed.ok) {
      error(field, parsed.reason);
      return undefined;
    }
    return parsed.time;
  };
  const published = readTime("date", data.date);
  const updated = readTime("updated", data.updated);
  let printDate: ArchiveTime | undefined;
  if (data.printDate !== undefined) {
    const parsed = parseArchiveDate(data.printDate, zone);
    if (!parsed.ok || parsed.time.hasTime) error("printDate", `"${data.printDate}" is not a valid day (expected YYYY-MM-DD)`);
    else printDate = parsed.time;
  }
  if (published && updated && updated.millis < published.millis) {
    error("updated", `"${data.updated}" is before the publication date "${data.date}"`);
  }

  if (!context.sectionsBySlug.has(data.section)) {
    const known = [...context.sectionsBySlug.keys()].join(", ");
    error("section", `"${data.section}" is not a section in _data/sections.json (known sections: ${known})`);
  }

  let slug = data.slug;
  if (slug === undefined) {
    slug = slugFromFileName(sourcePath);
    if (!SLUG_PATTERN.test(slug)) error("slug", "no URL slug can be made from the file name; add a `slug` field", 1);
  }

  if (!fm.body.trim()) {
    const bodyLine = source.slice(0, fm.bodyOffset).split("\n").length;
    error("body", "is empty: an article needs text (mark it `draft: true` until it has some)", bodyLine);
  }

  const corrections = (data.corrections ?? []).flatMap((correction, i) => {
    const parsed = parseArchiveDate(correction.date, zone);
    if (!parsed.ok) {
      error(`corrections.${i}.date`, parsed.reason);
      return [];
    }
    if (published && parsed.time.millis < published.millis && !(parsed.time.hasTime === false && parsed.time.iso === published.iso.slice(0, 10))) {
      error(`corrections.${i}.date`, `"${correction.date}" is before the publication date "${data.date}"`);
    }
    return [{ date: parsed.time, text: correction.text }];
  });
  corrections.sort((a, b) => a.date.millis - b.date.millis);

  const redirectFrom = (typeof data.redirect_from === "string" ? [data.redirect_from] : (data.redirect_from ?? [])).flatMap((from, i) => {
    const checkedPath = checkRedirectPath(from, context.site.url);
    if (typeof checkedPath === "string") return [checkedPath];
    error(typeof data.redirect_from === "string" ? "redirect_from" : `redirect_from.${i}`, checkedPath.problem);
    return [];
  });

  if (found.some((d) => d.severity === "error") || !published) {
    if (isDraft) return { kind: "draft" };
    diagnostics.push(...found);
    return { kind: "invalid" };
  }
  if (diagnostics.length > before && diagnostics.slice(before).some((d) => d.severity === "error")) return { kind: "invalid" };

  const authors = data.author === undefined ? [] : Array.isArray(data.author) ? data.author : [data.author];
  const article: ParsedArticleData = {
    sourcePath,
    bodyOffset: fm.bodyOffset,
    title: data.title,
    slug,
    url: articlePath(published, slug),
    section: data.section,
    authors,
    dateline: data.dateline,
    published,
    updated,
    printDate,
    excerpt: data.excerpt ?? deriveExcerpt(context.markdown, fm.body, context.site.excerptLength),
    excerptIsDerived: data.excerpt === undefined,
    tags: data.tags ?? [],
  };
  if (corrections.length > 0) article.corrections = corrections;
  if (redirectFrom.length > 0) article.redirectFrom = redirectFrom;
  return isDraft ? { kind: "draft", article } : { kind: "article", article };
}

/**
 * A former URL must be a path on this site that a static file can answer:
 * `/news/1796094` or `https://<site>/news/1796094`. Query strings and fragments
 * never reach a static file, so they are refused with the reason.
 */
export function checkRedirectPath(from: string, siteUrl: string): string | { problem: string } {
  let value = from.trim();
  const origin = siteUrl.replace(/\/+$/, "");
  if (value.startsWith(`${origin}/`)) value = value.slice(origin.length);
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("//")) {
    return { problem: `"${from}" is on another site: give a path on ${origin} such as /news/1796094` };
  }
  if (!value.startsWith("/")) return { problem: `"${from}" must be a path starting with / (such as /news/1796094)` };
  if (/[?#]/.test(value)) return { problem: `"${from}" has a query string or fragment, which a static site cannot redirect by file` };
  if (value.split("/").some((segment) => segment === ".." || segment === ".")) return { problem: `"${from}" has . or .. segments` };
  if (/[\s"<>\\^`{|}]/.test(value)) return { problem: `"${from}" has characters that are not allowed in a URL path (spaces, quotes, <, >...)` };
  if (value === "/") return { problem: `"${from}" is the home page` };
  return value;
}
