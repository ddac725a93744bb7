/**
 * Reads every Markdown file under `articles/`, validates its front matter and
 * turns it into an Article. Problems become diagnostics naming the file, line
 * and field; nothing is dropped silently (drafts are counted).
 */
import fs from "node:fs";
import path from "node:path";
import type { MarkdownIt } from "markdown-it";
import type { Article } from "../model/article.ts";
import { instantInZone, parseArchiveDate, type ArchiveTime } from "../model/dates.ts";
import { characterProblem, hasSuspiciousCharacter, type Diagnostic } from "../model/diagnostics.ts";
import { deriveExcerpt } from "./excerpt.ts";
import { frontMatterSchema, KNOWN_FIELDS, VISIBLE } from "./articleSchema.ts";
import { parseFrontMatter } from "./frontMatter.ts";
import type { Section, SiteConfig } from "./siteData.ts";
import { describeZodIssues } from "./zodMessages.ts";
import { articlePath, MAX_NAME_SLUG_BYTES, MAX_SEGMENT_BYTES, nameSlug, segmentBytes, SLUG_PATTERN } from "../model/urls.ts";
import { slugFromFileName } from "../model/slugs.ts";

export const ARTICLES_DIR = "articles";

/**
 * Every `.md` file under `dir`, relative to `root`, sorted so builds are deterministic.
 * Files that look like articles but are not read (symbolic links, `.markdown`, `.MD`) are warned about in `skipped`.
 */
export function listArticleFiles(root: string, dir = ARTICLES_DIR, skipped?: Diagnostic[]): string[] {
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
      else if (entry.isSymbolicLink()) {
        // Never followed: a link could publish a file from outside the archive (say /etc/passwd).
        skipped?.push({ severity: "warning", file: child, message: "is a symbolic link: not read (a link could publish a file from outside the archive); move the file here instead" });
      } else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) {
        skipped?.push({ severity: "warning", file: child, message: `is not read: articles end in .md (rename it ${entry.name.replace(/\.(md|markdown)$/i, ".md")})` });
      }
    }
  };
  walk(dir);
  return found.sort();
}

export interface ArticleContext {
  site: SiteConfig;
  sectionsBySlug: ReadonlyMap<string, Section>;
  markdown: MarkdownIt;
  /**
   * The build's time (default: the clock). `updated` and corrections may not be
   * dated after it, nor, on a scheduled article, after its publication. What
   * passes at one time passes at every later one, so cached parses stay right.
   */
  now?: number;
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
  try {
    return checkArticle(sourcePath, source, context, diagnostics);
  } catch (error) {
    // Whatever a file holds, `check` and the build answer with its name, never a stack trace.
    diagnostics.push({ severity: "error", file: sourcePath, message: `cannot be read: ${error instanceof Error ? error.message : String(error)}` });
    return { kind: "invalid" };
  }
}

function checkArticle(sourcePath: string, source: string, context: ArticleContext, diagnostics: Diagnostic[]): ParsedArticle {
  const file = sourcePath;
  const before = diagnostics.length;
  // Bytes that are not UTF-8 were decoded as U+FFFD; a real U+FFFD is the mark of an earlier bad conversion.
  const replacement = source.indexOf("\uFFFD");
  if (replacement !== -1) {
    const line = source.slice(0, replacement).split("\n").length;
    diagnostics.push({ severity: "error", file, line, message: 'is not valid UTF-8 on this line (it reads as U+FFFD, "\uFFFD"): save the file as UTF-8' });
  }
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
    for (const issue of describeZodIssues(checked.error.issues)) {
      const field = issue.path.map(String).join(".");
      const top = String(issue.path[0] ?? "");
      diagnostics.push({ severity: "error", file, line: lineOf(top), field: field || undefined, message: issue.message });
    }
    return { kind: "invalid" };
  }
  const data = checked.data;
  const isDraft = data.draft === true;

  // Controls are invisible and invalid in feeds; direction overrides make a title or byline read otherwise than written.
  // One scan of the file finds them written as they are; as escapes ("\e", "\u202E") they need a backslash in the front matter.
  if (hasSuspiciousCharacter(source) || source.lastIndexOf("\\", fm.bodyOffset) !== -1) {
    const checkText = (top: string, value: string | undefined, index?: number, suffix = ""): void => {
      const problem = value === undefined ? undefined : characterProblem(value);
      if (!problem) return;
      const field = index === undefined ? top : `${top}.${index}${suffix}`;
      diagnostics.push({ severity: "warning", file, line: lineOf(top), field, message: problem.message });
    };
    checkText("title", data.title);
    if (Array.isArray(data.author)) data.author.forEach((name, i) => checkText("author", name, i));
    else checkText("author", data.author);
    checkText("dateline", data.dateline);
    checkText("excerpt", data.excerpt);
    data.tags?.forEach((tag, i) => checkText("tags", tag, i));
    data.corrections?.forEach((correction, i) => checkText("corrections", correction.text, i, ".text"));
    const bodyProblem = characterProblem(fm.body, { overrides: false });
    if (bodyProblem) {
      const line = source.slice(0, fm.bodyOffset + bodyProblem.index).split("\n").length;
      diagnostics.push({ severity: "warning", file, line, field: "body", message: bodyProblem.message });
    }
  }

  const zone = context.site.timezone;
  const readTime = (field: "date" | "updated", value: string | undefined): ArchiveTime | undefined => {
    if (value === undefined) return undefined;
    const parsed = parseArchiveDate(value, zone);
    if (!parsed.ok) {
      error(field, parsed.reason);
      return undefined;
    }
    if (parsed.warning) diagnostics.push({ severity: "warning", file, line: lineOf(field), field, message: parsed.warning });
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
  // Later than the build, an update or correction would be the feed's <updated> and the sitemap's lastmod.
  const now = context.now ?? Date.now();
  const notAhead = (field: string, value: string, time: ArchiveTime): void => {
    if (time.millis <= Math.max(now, published?.millis ?? now)) return;
    const at = instantInZone(now, zone);
    if (published && published.millis > now) {
      error(field, `"${value}" is after the scheduled publication ${published.iso} and in the future (this build runs at ${at}): until the article is out, date it at most at its publication`);
    } else error(field, `"${value}" is in the future (this build runs at ${at}): date it when it happens`);
  };
  if (updated && data.updated !== undefined) notAhead("updated", data.updated, updated);
  // The print edition may follow the web (an evening story in the next morning's paper), never precede it.
  const publishedDay = published?.iso.slice(0, 10);
  if (printDate && publishedDay && printDate.iso < publishedDay) {
    error("printDate", `"${data.printDate}" is before the publication day, ${publishedDay} in ${zone}: a print edition can be of that day or later`);
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
  // The slug is a folder name of the URL, and author and tag pages are folders named by the name's slug:
  // past the file system's limit the build could not write them.
  if (segmentBytes(slug) > MAX_SEGMENT_BYTES) {
    error("slug", `is ${segmentBytes(slug)} bytes long; a URL slug is a folder name, at most ${MAX_SEGMENT_BYTES} bytes: shorten it`, data.slug === undefined ? 1 : undefined);
  }
  for (const [field, root, value] of [["author", "/authors/", data.author], ["tags", "/tags/", data.tags]] as const) {
    const names: readonly unknown[] = value === undefined ? [] : Array.isArray(value) ? value : [value];
    names.forEach((name, i) => {
      // Transliteration makes at most five bytes of a character (`♥` gives `love-`): short names cannot reach the limit.
      if (typeof name !== "string" || name.length * 6 <= MAX_NAME_SLUG_BYTES) return;
      const nameSlugBytes = segmentBytes(nameSlug(name));
      if (nameSlugBytes <= MAX_NAME_SLUG_BYTES) return;
      error(
        Array.isArray(value) ? `${field}.${i}` : field,
        `is too long: its page ${root}${nameSlug(name).slice(0, 40)}.../ would need a folder name of ${nameSlugBytes} bytes, more than the ${MAX_NAME_SLUG_BYTES} the build allows (file systems stop at ${MAX_SEGMENT_BYTES}): shorten it`,
      );
    });
  }

  if (!VISIBLE.test(fm.body)) {
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
    notAhead(`corrections.${i}.date`, correction.date, parsed.time);
    if (parsed.warning) diagnostics.push({ severity: "warning", file, line: lineOf("corrections"), field: `corrections.${i}.date`, message: parsed.warning });
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
  if (redirectFrom.length > 0) {
    article.redirectFrom = redirectFrom;
    article.redirectFromLine = lineOf("redirect_from");
  }
  return isDraft ? { kind: "draft", article } : { kind: "article", article };
}

/** C0 and C1 controls and DEL: invisible, and a NUL cannot be in a file name. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A former URL must be a path on this site that a static file can answer:
 * `/news/1796094` or `https://<site>/news/1796094`. It is percent-decoded,
 * Unicode-composed and its repeated slashes merged, as a server reads it
 * before looking up a file (and nginx's `$uri`); what comes back is that
 * form. Refused, with the reason: query strings and fragments (they never
 * reach a static file), `.` and `..` segments, control characters, `*` and `:`
 * (a wildcard and a placeholder in `_redirects`), characters the redirect
 * files cannot quote, and names longer than a file system stores.
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
  // Hosts disagree on whether an encoded slash separates folders.
  if (/%2f|%5c/i.test(value)) return { problem: `"${from}" has an encoded slash (%2F or %5C), which hosts read differently: write the path as it is` };
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return { problem: `"${from}" has a malformed percent-encoding (each % must start the UTF-8 bytes of a character, such as %C3%A9)` };
  }
  decoded = decoded.normalize("NFC").replace(/\/{2,}/g, "/");
  const control = CONTROL_CHARACTER.exec(decoded);
  if (control) {
    const code = (control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
    return { problem: `"${from}" has the control character U+${code}, which no file name or redirect file can hold` };
  }
  if (/\p{Cs}/u.test(decoded)) return { problem: `"${from}" has an unpaired surrogate, which is not a character` };
  if (/[?#]/.test(decoded)) return { problem: `"${from}" has an encoded query string or fragment (%3F or %23), which a static site cannot redirect by file` };
  if (decoded.includes("%")) return { problem: `"${from}" has an encoded % (%25), which a redirect file would read as the start of another encoding` };
  if (decoded.split("/").some((segment) => segment === ".." || segment === ".")) return { problem: `"${from}" has . or .. segments (after decoding)` };
  if (/\s/u.test(decoded)) return { problem: `"${from}" has spaces, which a redirect file would read as the end of the path` };
  if (/[*:]/.test(decoded)) return { problem: `"${from}" has * or :, a wildcard and a placeholder in a _redirects file: list each former URL as it is` };
  if (/["<>\\^`{|}]/.test(decoded)) return { problem: `"${from}" has characters that are not allowed in a URL path (quotes, <, >, backslash...)` };
  const long = decoded.split("/").find((segment) => segmentBytes(segment) > MAX_SEGMENT_BYTES);
  if (long !== undefined) {
    return { problem: `"${from.slice(0, 80)}..." has a path segment of ${segmentBytes(long)} bytes; a file system stores names of at most ${MAX_SEGMENT_BYTES} bytes` };
  }
  if (decoded === "/") return { problem: `"${from}" is the home page` };
  return decoded;
}
