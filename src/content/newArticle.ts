/**
 * `npm run new`: the logic behind the command that starts a new article file.
 * Planning is pure (inputs, site data and a `now` passed in), so the text and
 * path it produces are deterministic; only `writeNewArticle` touches the disk.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import slugify from "@sindresorhus/slugify";
import type { DateTime } from "luxon";
import { stringify } from "yaml";
import { calendarDay, calendarPath, parseArchiveDate, type ArchiveTime } from "../model/dates.ts";
import { parseFrontMatter } from "./frontMatter.ts";
import { ARTICLES_DIR } from "./parseArticle.ts";
import type { Section, SiteConfig } from "./siteData.ts";
import { articlePath, articleSlug, SLUG_PATTERN } from "../model/urls.ts";

/** What a maintainer gives for a new article; everything else is derived. */
export interface NewArticleInput {
  title: string;
  /** Slug of a section in `_data/sections.json`. */
  section: string;
  /** The byline, in order; empty for unsigned pieces. */
  authors: readonly string[];
  /** As typed (any form `parseArchiveDate` accepts). Default: now, in the site's zone. */
  date?: string;
  dateline?: string;
  /** Create it without `draft: true`. Default false: an unfinished piece is never published by accident. */
  publish?: boolean;
}

export interface NewArticlePlan {
  /** `articles/2024/03/slug.md`: forward slashes, relative to the content root. */
  relativePath: string;
  slug: string;
  /** Where it will live once published: `/2024/03/05/slug/`. */
  url: string;
  published: ArchiveTime;
  draft: boolean;
  /** The whole file: front matter and a placeholder body. */
  text: string;
}

export type PlanResult = { ok: true; plan: NewArticlePlan } | { ok: false; problems: string[] };

/** The site data a plan needs; `loadSiteData` gives it. */
export interface NewArticleSite {
  site: SiteConfig;
  sections: readonly Section[];
}

/** Long headlines make unwieldy URLs and can exceed file name limits (255 bytes); cut at a word. */
export const MAX_SLUG_LENGTH = 80;

export const PLACEHOLDER_BODY =
  "Write the article here. This paragraph is a placeholder for the editor to replace.\n";

/**
 * URL slug of a headline, transliterated as the loader does for file names
 * (`Café Zürich` gives `cafe-zuerich`).
 */
export function slugForTitle(title: string): string {
  const slug = truncateSlug(slugify(title), MAX_SLUG_LENGTH);
  if (SLUG_PATTERN.test(slug)) return slug;
  // slugify transliterates Latin, Cyrillic, Greek and Arabic script but drops
  // Han, Kana, Hangul, Thai and others, so a headline entirely in Chinese gives
  // "". A hash of the headline is deterministic (filing the same headline on the
  // same day twice is caught as a duplicate URL) and, unlike the time of day,
  // does not collide when two such pieces are filed in the same minute.
  return `article-${createHash("sha256").update(title).digest("hex").slice(0, 8)}`;
}

function truncateSlug(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, max)).replace(/-+$/, "");
}

/** Titles and names typed on a command line may carry stray spaces or newlines; the page shows one line. */
function oneLine(text: string | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/**
 * Works out the new file's path, URL and text. `now` is the default publication
 * time (the command passes the current time; tests pass a fixed one); it is
 * read in the site's zone, never the machine's.
 */
export function planNewArticle(input: NewArticleInput, data: NewArticleSite, now: DateTime): PlanResult {
  const problems: string[] = [];
  const zone = data.site.timezone;

  const title = oneLine(input.title);
  if (!title) problems.push("title: is required");

  const section = input.section.trim();
  if (!data.sections.some((s) => s.slug === section)) {
    const known = data.sections.map((s) => s.slug).join(", ");
    problems.push(
      section
        ? `section: "${section}" is not a section in _data/sections.json (known sections: ${known})`
        : `section: is required (known sections: ${known})`,
    );
  }

  // Minutes are what a newsroom schedules by; seconds would be noise in the file.
  const dateText = input.date?.trim() || now.setZone(zone).startOf("minute").toISO({ suppressMilliseconds: true, includeOffset: true });
  const parsedDate = parseArchiveDate(dateText ?? "", zone);
  if (!parsedDate.ok) problems.push(`date: ${parsedDate.reason}`);

  if (problems.length > 0 || !parsedDate.ok) return { ok: false, problems };
  const published = parsedDate.time;

  const slug = slugForTitle(title);
  // The time's ISO text is already in the site's zone, so its year and month are the site's.
  const relativePath = `${ARTICLES_DIR}/${calendarPath(calendarDay(published).year, calendarDay(published).month)}/${slug}.md`;
  const authors = input.authors.map(oneLine).filter((name) => name.length > 0);
  const dateline = oneLine(input.dateline);
  const draft = input.publish !== true;

  // Key order is the order the sample articles use. `date` is the parsed time's
  // ISO text: with the site's offset for a time, a bare day when only a day was given.
  const frontMatter: Record<string, unknown> = { title, date: published.iso, section };
  if (authors.length === 1) frontMatter.author = authors[0];
  else if (authors.length > 1) frontMatter.author = authors;
  if (dateline) frontMatter.dateline = dateline;
  // The loader takes the slug from the file name; should slugify ever not give
  // back its own output, say it explicitly so the URL is the one checked here.
  if (articleSlug(relativePath, undefined) !== slug) frontMatter.slug = slug;
  if (draft) frontMatter.draft = true;

  // The yaml package quotes whatever would not read back as the same string under
  // the core schema the loader uses (colons, `#`, leading `-`, "true", "1984", ...).
  // lineWidth 0: no folding of long headlines over several lines.
  const yaml = stringify(frontMatter, { schema: "core", lineWidth: 0 });
  const text = `---\n${yaml}---\n\n${PLACEHOLDER_BODY}`;
  return { ok: true, plan: { relativePath, slug, url: articlePath(published, slug), published, draft, text } };
}

export type WriteResult = { ok: true } | { ok: false; reason: string };

/**
 * Writes the planned file under `root`, refusing to overwrite a file or to take
 * a URL another article (draft or not) already has. The URL check reads only the
 * front matter of the files in the target `articles/YYYY/MM/` folder: files follow
 * that convention, so it is cheap even for a large archive, and an article filed
 * elsewhere is still caught by the build's duplicate URL check.
 */
export function writeNewArticle(root: string, plan: NewArticlePlan, zone: string): WriteResult {
  const target = path.join(root, plan.relativePath);
  const refusal = `${plan.relativePath} already exists; nothing was written (choose another title or date)`;
  if (fs.existsSync(target)) return { ok: false, reason: refusal };
  const holder = articleWithUrl(root, path.posix.dirname(plan.relativePath), plan.url, zone);
  if (holder) {
    return {
      ok: false,
      reason: `URL ${plan.url} is already used by ${holder}; nothing was written (choose another title or date)`,
    };
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    // `wx`: if another process created the file since the check, fail rather than overwrite it.
    fs.writeFileSync(target, plan.text, { encoding: "utf8", flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return { ok: false, reason: refusal };
    throw error;
  }
  return { ok: true };
}

/** The file in `folder` (relative to root) whose URL would be `url`, if any. Unreadable or invalid files are the build's to report. */
function articleWithUrl(root: string, folder: string, url: string, zone: string): string | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(path.join(root, folder));
  } catch {
    return undefined;
  }
  for (const name of names.sort()) {
    if (!name.endsWith(".md") || name.startsWith(".")) continue;
    const file = `${folder}/${name}`;
    let source: string;
    try {
      source = fs.readFileSync(path.join(root, file), "utf8");
    } catch {
      continue;
    }
    const fm = parseFrontMatter(source);
    if (!fm.ok || typeof fm.data.date !== "string") continue;
    const time = parseArchiveDate(fm.data.date, zone);
    if (!time.ok) continue;
    const slugField = typeof fm.data.slug === "string" ? fm.data.slug : undefined;
    if (articlePath(time.time, articleSlug(file, slugField)) === url) return file;
  }
  return undefined;
}

/** Asks one question and resolves with the answer; the CLI gives it a readline prompt, tests a script. */
export type Ask = (question: string) => Promise<string>;

/** Fields given on the command line; what is missing is asked for. */
export interface GivenFields {
  title?: string;
  section?: string;
  authors?: string[];
  dateline?: string;
}

/**
 * Asks for every field not given: title and section until they are valid,
 * then the byline one name a line (so names with commas stay whole) and the
 * dateline, both optional.
 */
export async function askForFields(
  given: GivenFields,
  sections: readonly Section[],
  ask: Ask,
): Promise<Required<GivenFields>> {
  let title = oneLine(given.title);
  while (!title) title = oneLine(await ask("Title: "));

  let section = given.section?.trim() ?? "";
  if (!section) {
    const choices = sections.map((s, i) => `  ${i + 1}) ${s.slug} (${s.name})`).join("\n");
    let answer = oneLine(await ask(`Sections:\n${choices}\nSection (number or slug): `));
    for (;;) {
      const byNumber = /^\d+$/.test(answer) ? sections[Number(answer) - 1] : undefined;
      const chosen = byNumber ?? sections.find((s) => s.slug === answer.toLowerCase());
      if (chosen) {
        section = chosen.slug;
        break;
      }
      answer = oneLine(await ask(`Not a section. Section (1-${sections.length} or ${sections.map((s) => s.slug).join(", ")}): `));
    }
  }

  let authors = given.authors ?? [];
  if (given.authors === undefined) {
    authors = [];
    for (;;) {
      const name = oneLine(await ask(`Author ${authors.length + 1} (Enter when done${authors.length === 0 ? "; none for an unsigned piece" : ""}): `));
      if (!name) break;
      authors.push(name);
    }
  }

  const dateline = given.dateline ?? oneLine(await ask("Dateline (e.g. PORT CALLOWAY; Enter for none): "));
  return { title, section, authors, dateline };
}
