/**
 * Lists the Markdown files under `articles/` and parses one file's text: its
 * front matter validated, it becomes an Article (reading the files, with the
 * cache and workers, is loadSources.ts). Problems become diagnostics naming
 * the file, line and field; nothing is dropped silently (drafts are counted).
 */
import fs from "node:fs";
import path from "node:path";
import type { MarkdownIt } from "markdown-it";
import type { Article, Correction, LeadImage, PhotoRef } from "../model/article.ts";
import { bodyImages } from "../model/figureSyntax.ts";
import { isRemote, resolvePhotoPath } from "../photos/photoPaths.ts";
import { instantInZone, parseArchiveDate, type ArchiveTime } from "../model/dates.ts";
import { characterProblem, hasSuspiciousCharacter, type Diagnostic } from "../model/diagnostics.ts";
import { deriveExcerpt } from "./excerpt.ts";
import { reviewBodyHtml, type BodyHtmlPhoto } from "../model/markdown.ts";
import { frontMatterSchema, KNOWN_FIELDS, VISIBLE, type FrontMatter } from "./articleSchema.ts";
import { parseFrontMatter, type FrontMatterResult } from "./frontMatter.ts";
import type { Section, SiteConfig } from "./siteData.ts";
import { describeZodIssues } from "./zodMessages.ts";
import { articlePath, articleSlug, MAX_NAME_SLUG_BYTES, MAX_SEGMENT_BYTES, nameIndexPath, nameSlug, segmentBytes, SLUG_PATTERN, RESERVED_ARTICLE_SLUGS } from "../model/urls.ts";

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

type FrontMatterRead = Extract<FrontMatterResult, { ok: true }>;

/** One file's check in progress, and where each kind of problem goes. */
interface FileCheck {
  file: string;
  source: string;
  fm: FrontMatterRead;
  /** Warnings, and the errors a draft reports too (front matter that cannot be read or fails the schema). */
  diagnostics: Diagnostic[];
  /** Errors past the schema: a draft's are not reported (it is unfinished), it just cannot be previewed. */
  found: Diagnostic[];
}

/** Line of a top-level field, or the file's first line. */
function lineOf(check: FileCheck, field: string | undefined): number | undefined {
  return (field ? check.fm.lines[field] : undefined) ?? 1;
}

function fieldError(check: FileCheck, field: string, message: string, line = lineOf(check, field.split(".")[0])): void {
  check.found.push({ severity: "error", file: check.file, line, field, message });
}

function fieldWarning(check: FileCheck, field: string, message: string, line = lineOf(check, field.split(".")[0])): void {
  check.diagnostics.push({ severity: "warning", file: check.file, line, field, message });
}

/** What the loader needs to know about time: the site's zone, the build's clock, and the article's publication. */
interface Clock {
  zone: string;
  now: number;
  published?: ArchiveTime;
}

function checkArticle(sourcePath: string, source: string, context: ArticleContext, diagnostics: Diagnostic[]): ParsedArticle {
  const before = diagnostics.length;
  reportUndecodedBytes(sourcePath, source, diagnostics);
  const fm = parseFrontMatter(source);
  if (!fm.ok) {
    diagnostics.push({ severity: "error", file: sourcePath, line: fm.line, message: fm.message });
    return { kind: "invalid" };
  }
  const check: FileCheck = { file: sourcePath, source, fm, diagnostics, found: [] };
  reportUnknownFields(check);
  const data = validateFrontMatter(check);
  if (!data) return { kind: "invalid" };
  reportHiddenCharacters(check, data);
  const clock = readDates(check, data, context.site.timezone, context.now ?? Date.now());
  checkSection(check, data.section, context.sectionsBySlug);
  const slug = readSlug(check, data.slug);
  checkNameLengths(check, data);
  checkBody(check);
  const htmlPhotos = checkBodyHtml(check, context);
  const photos = readPhotos(check, data, context.markdown, htmlPhotos);
  const corrections = readCorrections(check, data, clock);
  const redirectFrom = readRedirects(check, data.redirect_from, context.site.url);

  const { published } = clock;
  if (check.found.some((d) => d.severity === "error") || !published) {
    if (data.draft === true) return { kind: "draft" };
    diagnostics.push(...check.found);
    return { kind: "invalid" };
  }
  if (diagnostics.slice(before).some((d) => d.severity === "error")) return { kind: "invalid" };

  const article: ParsedArticleData = {
    sourcePath,
    bodyOffset: fm.bodyOffset,
    title: data.title,
    slug,
    url: articlePath(published, slug),
    section: data.section,
    authors: data.author === undefined ? [] : Array.isArray(data.author) ? data.author : [data.author],
    dateline: data.dateline,
    published,
    updated: clock.updated,
    printDate: clock.printDate,
    excerpt: data.excerpt ?? deriveExcerpt(context.markdown, fm.body, context.site.excerptLength),
    excerptIsDerived: data.excerpt === undefined,
    tags: data.tags ?? [],
  };
  if (corrections.length > 0) article.corrections = corrections;
  if (photos.image) article.image = photos.image;
  if (photos.refs.length > 0) article.photos = photos.refs;
  if (redirectFrom.length > 0) {
    article.redirectFrom = redirectFrom;
    article.redirectFromLine = lineOf(check, "redirect_from");
  }
  return data.draft === true ? { kind: "draft", article } : { kind: "article", article };
}

/** Bytes that are not UTF-8 were decoded as U+FFFD; a real U+FFFD is the mark of an earlier bad conversion. */
function reportUndecodedBytes(file: string, source: string, diagnostics: Diagnostic[]): void {
  const replacement = source.indexOf("\uFFFD");
  if (replacement === -1) return;
  const line = source.slice(0, replacement).split("\n").length;
  diagnostics.push({ severity: "error", file, line, message: 'is not valid UTF-8 on this line (it reads as U+FFFD, "\uFFFD"): save the file as UTF-8' });
}

function reportUnknownFields(check: FileCheck): void {
  for (const key of Object.keys(check.fm.data)) {
    if (KNOWN_FIELDS.has(key)) continue;
    // Its own line: an unknown key may hold a dot.
    fieldWarning(check, key, `unknown field (known fields: ${[...KNOWN_FIELDS].join(", ")})`, lineOf(check, key));
  }
}

const MISSING_ALT = 'is missing: describe the photo for readers who cannot see it (alt: "" marks a decorative photo)';

/** The front matter as the schema reads it, or undefined with its errors reported (a draft's too). */
function validateFrontMatter(check: FileCheck): FrontMatter | undefined {
  const checked = frontMatterSchema.safeParse(check.fm.data, { reportInput: true });
  if (checked.success) return checked.data;
  for (const issue of describeZodIssues(checked.error.issues)) {
    const field = issue.path.map(String).join(".");
    const top = String(issue.path[0] ?? "");
    // The one required sub-field whose absence needs saying how to fill it.
    const message = field === "image.alt" && issue.message === "is required" ? MISSING_ALT : issue.message;
    check.diagnostics.push({ severity: "error", file: check.file, line: lineOf(check, top), field: field || undefined, message });
  }
  return undefined;
}

/**
 * Controls are invisible and invalid in feeds; direction overrides make a title or byline read otherwise than written.
 * One scan of the file finds them written as they are; as escapes ("\e", "\u202E") they need a backslash in the front matter.
 */
function reportHiddenCharacters(check: FileCheck, data: FrontMatter): void {
  const { source, fm } = check;
  if (!hasSuspiciousCharacter(source) && source.lastIndexOf("\\", fm.bodyOffset) === -1) return;
  const checkText = (top: string, value: string | undefined, index?: number, suffix = ""): void => {
    const problem = value === undefined ? undefined : characterProblem(value);
    if (problem) fieldWarning(check, index === undefined ? top : `${top}.${index}${suffix}`, problem.message, lineOf(check, top));
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
    fieldWarning(check, "body", bodyProblem.message, line);
  }
}

function readTime(check: FileCheck, field: "date" | "updated", value: string | undefined, zone: string): ArchiveTime | undefined {
  if (value === undefined) return undefined;
  const parsed = parseArchiveDate(value, zone);
  if (!parsed.ok) {
    fieldError(check, field, parsed.reason);
    return undefined;
  }
  if (parsed.warning) fieldWarning(check, field, parsed.warning);
  return parsed.time;
}

/** Publication, update and print dates, in the site's zone, and the order they must keep. */
function readDates(check: FileCheck, data: FrontMatter, zone: string, now: number): Clock & { updated?: ArchiveTime; printDate?: ArchiveTime } {
  const published = readTime(check, "date", data.date, zone);
  const updated = readTime(check, "updated", data.updated, zone);
  let printDate: ArchiveTime | undefined;
  if (data.printDate !== undefined) {
    const parsed = parseArchiveDate(data.printDate, zone);
    if (!parsed.ok || parsed.time.hasTime) fieldError(check, "printDate", `"${data.printDate}" is not a valid day (expected YYYY-MM-DD)`);
    else printDate = parsed.time;
  }
  if (published && updated && updated.millis < published.millis) {
    fieldError(check, "updated", `"${data.updated}" is before the publication date "${data.date}"`);
  }
  const clock: Clock = { zone, now, published };
  if (updated && data.updated !== undefined) checkNotAhead(check, "updated", data.updated, updated, clock);
  // The print edition may follow the web (an evening story in the next morning's paper), never precede it.
  const publishedDay = published?.iso.slice(0, 10);
  if (printDate && publishedDay && printDate.iso < publishedDay) {
    fieldError(check, "printDate", `"${data.printDate}" is before the publication day, ${publishedDay} in ${zone}: a print edition can be of that day or later`);
  }
  return { ...clock, updated, printDate };
}

/** Later than the build, an update or correction would be the feed's <updated> and the sitemap's lastmod. */
function checkNotAhead(check: FileCheck, field: string, value: string, time: ArchiveTime, clock: Clock): void {
  const { now, published } = clock;
  if (time.millis <= Math.max(now, published?.millis ?? now)) return;
  const at = instantInZone(now, clock.zone);
  if (published && published.millis > now) {
    fieldError(check, field, `"${value}" is after the scheduled publication ${published.iso} and in the future (this build runs at ${at}): until the article is out, date it at most at its publication`);
  } else fieldError(check, field, `"${value}" is in the future (this build runs at ${at}): date it when it happens`);
}

function checkSection(check: FileCheck, section: string, sectionsBySlug: ReadonlyMap<string, Section>): void {
  if (sectionsBySlug.has(section)) return;
  const known = [...sectionsBySlug.keys()].join(", ");
  fieldError(check, "section", `"${section}" is not a section in _data/sections.json (known sections: ${known})`);
}

/** The URL slug: the `slug` field or the file name's, a folder name the file system can hold. */
function readSlug(check: FileCheck, slugField: string | undefined): string {
  const slug = articleSlug(check.file, slugField);
  if (slugField === undefined && !SLUG_PATTERN.test(slug)) fieldError(check, "slug", "no URL slug can be made from the file name; add a `slug` field", 1);
  if (RESERVED_ARTICLE_SLUGS.has(slug)) {
    fieldError(check, "slug", `"${slug}" is taken by the pages of the day (${slug === "page" ? "its later pages" : "its print edition"}): choose another slug`, slugField === undefined ? 1 : undefined);
  }
  // The slug is a folder name of the URL: past the file system's limit the build could not write it.
  if (segmentBytes(slug) > MAX_SEGMENT_BYTES) {
    fieldError(check, "slug", `is ${segmentBytes(slug)} bytes long; a URL slug is a folder name, at most ${MAX_SEGMENT_BYTES} bytes: shorten it`, slugField === undefined ? 1 : undefined);
  }
  return slug;
}

/** Author and tag pages are folders named by the name's slug: past the file system's limit the build could not write them. */
function checkNameLengths(check: FileCheck, data: FrontMatter): void {
  for (const [field, folder, value] of [["author", "authors", data.author], ["tags", "tags", data.tags]] as const) {
    const names: readonly unknown[] = value === undefined ? [] : Array.isArray(value) ? value : [value];
    names.forEach((name, i) => {
      // Transliteration makes at most five bytes of a character (`♥` gives `love-`): short names cannot reach the limit.
      if (typeof name !== "string" || name.length * 6 <= MAX_NAME_SLUG_BYTES) return;
      const nameSlugBytes = segmentBytes(nameSlug(name));
      if (nameSlugBytes <= MAX_NAME_SLUG_BYTES) return;
      fieldError(
        check,
        Array.isArray(value) ? `${field}.${i}` : field,
        `is too long: its page ${nameIndexPath(folder)}${nameSlug(name).slice(0, 40)}.../ would need a folder name of ${nameSlugBytes} bytes, more than the ${MAX_NAME_SLUG_BYTES} the build allows (file systems stop at ${MAX_SEGMENT_BYTES}): shorten it`,
      );
    });
  }
}

function checkBody(check: FileCheck): void {
  if (VISIBLE.test(check.fm.body)) return;
  const bodyLine = check.source.slice(0, check.fm.bodyOffset).split("\n").length;
  fieldError(check, "body", "is empty: an article needs text (mark it `draft: true` until it has some)", bodyLine);
}

/**
 * Raw HTML the archive will not show (scripts, handlers, embeds, remote images...): one warning each, on its line.
 * Returns the local photos of its `<img>` elements, at their lines of the file.
 */
function checkBodyHtml(check: FileCheck, context: ArticleContext): BodyHtmlPhoto[] {
  // Cheap test first: most bodies have no HTML, and only HTML needs the parse.
  if (!check.fm.body.includes("<")) return [];
  const bodyLine = check.source.slice(0, check.fm.bodyOffset).split("\n").length;
  const { problems, photos } = reviewBodyHtml(context.markdown, check.fm.body, context.site.embedHosts);
  for (const problem of problems) fieldWarning(check, "body", problem.message, bodyLine + problem.line);
  return photos.map((photo) => ({ ...photo, line: bodyLine + photo.line }));
}

/**
 * The lead photo and the body's photos, their paths resolved against the article's folder. Only what the text
 * says is checked here (parses are cached by the article's hash); the files themselves are checked by their own
 * hash at every load (src/photos/checkPhotos.ts), so a photo replaced beside an unchanged article is noticed.
 */
function readPhotos(check: FileCheck, data: FrontMatter, markdown: MarkdownIt, htmlPhotos: BodyHtmlPhoto[]): { image?: LeadImage; refs: PhotoRef[] } {
  const refs: PhotoRef[] = [];
  let image: LeadImage | undefined;
  if (data.image) {
    const resolved = resolvePhotoPath(check.file, data.image.src);
    if ("problem" in resolved) fieldError(check, "image.src", resolved.problem);
    else {
      image = { path: resolved.path, alt: data.image.alt.trim() };
      if (data.image.caption !== undefined) image.caption = data.image.caption;
      if (data.image.credit !== undefined) image.credit = data.image.credit;
      refs.push({ path: resolved.path, line: lineOf(check, "image") ?? 1, field: "image" });
    }
  }
  // An HTML <img> of a file of the archive is a photo too (remote ones are links, reported with the HTML's warnings).
  for (const found of htmlPhotos) {
    const resolved = resolvePhotoPath(check.file, found.src);
    if ("problem" in resolved) fieldError(check, "body", `photo ${resolved.problem}`, found.line);
    else {
      if (found.alt === undefined) {
        fieldError(check, "body", `the photo <img src="${found.src}"> has no alt attribute: describe it for readers who cannot see it (alt="..."), or write alt="" for a decorative one`, found.line);
      }
      refs.push({ path: resolved.path, line: found.line, field: "body" });
    }
  }
  // Cheap test first: most bodies have no photo.
  if (!check.fm.body.includes("![")) return { image, refs };
  const bodyLine = check.source.slice(0, check.fm.bodyOffset).split("\n").length;
  for (const found of bodyImages(markdown.parse(check.fm.body, {}))) {
    const line = bodyLine + found.line;
    if (isRemote(found.src)) {
      fieldWarning(check, "body", `the photo "${found.src}" is a remote address: it is not fetched, and the page shows a link to it; save the photo beside the article instead`, line);
      continue;
    }
    const resolved = resolvePhotoPath(check.file, found.src);
    if ("problem" in resolved) fieldError(check, "body", `photo ${resolved.problem}`, line);
    else {
      if (found.alt.trim() === "") fieldError(check, "body", `the photo "${found.src}" has no alt text: describe it for readers who cannot see it, in the brackets of ![...](${found.src})`, line);
      refs.push({ path: resolved.path, line, field: "body" });
    }
  }
  return { image, refs };
}

/** Corrections, oldest first: each dated at or after the publication (its day, for a bare day) and not ahead of the build. */
function readCorrections(check: FileCheck, data: FrontMatter, clock: Clock): Correction[] {
  const { published } = clock;
  const corrections = (data.corrections ?? []).flatMap((correction, i) => {
    const field = `corrections.${i}.date`;
    const parsed = parseArchiveDate(correction.date, clock.zone);
    if (!parsed.ok) {
      fieldError(check, field, parsed.reason);
      return [];
    }
    if (published && parsed.time.millis < published.millis && !(parsed.time.hasTime === false && parsed.time.iso === published.iso.slice(0, 10))) {
      fieldError(check, field, `"${correction.date}" is before the publication date "${data.date}"`);
    }
    checkNotAhead(check, field, correction.date, parsed.time, clock);
    if (parsed.warning) fieldWarning(check, field, parsed.warning);
    return [{ date: parsed.time, text: correction.text }];
  });
  return corrections.sort((a, b) => a.date.millis - b.date.millis);
}

function readRedirects(check: FileCheck, redirectFrom: FrontMatter["redirect_from"], siteUrl: string): string[] {
  const single = typeof redirectFrom === "string";
  return (single ? [redirectFrom] : (redirectFrom ?? [])).flatMap((from, i) => {
    const checkedPath = checkRedirectPath(from, siteUrl);
    if (typeof checkedPath === "string") return [checkedPath];
    fieldError(check, single ? "redirect_from" : `redirect_from.${i}`, checkedPath.problem);
    return [];
  });
}

/** C0 and C1 controls and DEL: invisible, and a NUL cannot be in a file name. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A former URL must be a path on this site (`/news/1796094` or
 * `https://<site>/news/1796094`), optionally with a query string
 * (`/?p=1234`, `/index.php?p=1234`: WordPress's shortlinks). The path is
 * percent-decoded, Unicode-composed and its repeated slashes merged, as a
 * server reads it before looking up a file (and nginx's `$uri`); what comes
 * back is that form, then `?` and the query exactly as written (nothing
 * decoded or reordered: it is matched on the request as sent). Refused, with
 * the reason: fragments (they never reach the server), `.` and `..` segments,
 * control characters, `*` and `:` in the path (a wildcard and a placeholder in
 * `_redirects`), characters the redirect files cannot quote, and names longer
 * than a file system stores. The path may be `/`, the home page, only with a
 * query: a static file cannot answer a query, so such a former URL gets no
 * redirect page, only the rules of `_redirects` and the nginx map.
 */
export function checkRedirectPath(from: string, siteUrl: string): string | { problem: string } {
  let value = from.trim();
  const origin = siteUrl.replace(/\/+$/, "");
  if (value.startsWith(`${origin}/`)) value = value.slice(origin.length);
  else if (value.startsWith(`${origin}?`)) value = `/${value.slice(origin.length)}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("//")) {
    return { problem: `"${from}" is on another site: give a path on ${origin} such as /news/1796094` };
  }
  if (!value.startsWith("/")) return { problem: `"${from}" must be a path starting with / (such as /news/1796094)` };
  if (value.includes("#")) return { problem: `"${from}" has a query string or fragment, which a static site cannot redirect by file` };
  const mark = value.indexOf("?");
  if (mark === -1) {
    const checked = checkFormerPath(from, value);
    if (typeof checked === "string" && checked === "/") return { problem: `"${from}" is the home page` };
    return checked;
  }
  const query = value.slice(mark + 1);
  const problem = queryProblem(from, query);
  if (problem) return { problem };
  const checked = checkFormerPath(from, value.slice(0, mark));
  return typeof checked === "string" ? `${checked}?${query}` : checked;
}

/**
 * Why a former URL's query string cannot be matched, or undefined. It is kept
 * as written, so only what the redirect files cannot quote is refused.
 */
function queryProblem(from: string, query: string): string | undefined {
  if (query === "") return `"${from}" ends in ? with no query string: give the path alone, or the query after the ?`;
  const control = CONTROL_CHARACTER.exec(query);
  if (control) {
    const code = (control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
    return `"${from}" has the control character U+${code} in its query string, which no redirect file can hold`;
  }
  if (/\p{Cs}/u.test(query)) return `"${from}" has an unpaired surrogate in its query string, which is not a character`;
  if (/\s/u.test(query)) return `"${from}" has spaces in its query string, which a redirect file would read as the end of the URL (a browser sends them as %20 or +: write that)`;
  if (/["\\]/.test(query)) return `"${from}" has a quote or a backslash in its query string, which the redirect files cannot hold`;
  if (query.includes("*")) return `"${from}" has * in its query string, a wildcard in a _redirects file: list each former URL as it is`;
  return undefined;
}

/** The path of a former URL as a server reads it (see checkRedirectPath), or why it cannot be redirected. */
function checkFormerPath(from: string, value: string): string | { problem: string } {
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
  return decoded;
}
