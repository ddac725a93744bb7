/**
 * The import map (`npm run import -- <file> --map map.json`): how a source's
 * categories become sections, which zone its bare times are in, and, for
 * tabular sources (JSON Lines, JSON, CSV), which source field gives each
 * article field. Shared by every reader, WordPress included.
 */
import fs from "node:fs";
import { z } from "zod";
import type { Section, SiteData } from "../content/siteData.ts";
import { describeZodIssue } from "../content/zodMessages.ts";
import { isValidZone } from "../model/dates.ts";
import { SLUG_PATTERN } from "../model/urls.ts";

/** The article fields a tabular source can give, by the names `fields` uses. */
export const ARTICLE_FIELDS = [
  "title",
  "date",
  "updated",
  "author",
  "section",
  "tags",
  "excerpt",
  "slug",
  "dateline",
  "body",
  "id",
  "draft",
  "image",
  "imageAlt",
  "imageCaption",
  "imageCredit",
  "redirectFrom",
] as const;
export type ArticleField = (typeof ARTICLE_FIELDS)[number];

/**
 * The source keys tried, in order, for a field the map does not name. Keys
 * match exactly first, then ignoring letter case (`Title` is `title`).
 */
export const FIELD_ALIASES: Readonly<Record<ArticleField, readonly string[]>> = {
  title: ["title", "headline"],
  date: ["date", "published_at", "publishedAt", "published", "pubDate", "publish_date", "datePublished", "created_at"],
  updated: ["updated", "updated_at", "updatedAt", "modified", "modified_at", "dateModified"],
  author: ["author", "authors", "byline"],
  section: ["section", "category", "categories"],
  tags: ["tags", "keywords"],
  excerpt: ["excerpt", "summary", "description", "standfirst", "dek"],
  slug: ["slug"],
  dateline: ["dateline"],
  body: ["body", "content", "text", "html"],
  id: ["id", "guid", "uuid"],
  draft: ["draft", "status"],
  image: ["image", "image_url", "imageUrl", "photo", "featured_image"],
  imageAlt: ["imageAlt", "image_alt", "alt"],
  imageCaption: ["imageCaption", "image_caption", "caption"],
  imageCredit: ["imageCredit", "image_credit", "credit"],
  redirectFrom: ["redirectFrom", "redirect_from", "old_url", "permalink", "url", "link"],
};

export const DEFAULT_DRAFT_VALUES: readonly string[] = ["draft", "pending", "private", "true", "1", "yes"];
export const DEFAULT_LIST_SEPARATOR = ";";
export const BODY_FORMATS = ["html", "markdown", "text"] as const;
export type BodyFormat = (typeof BODY_FORMATS)[number];

/** A source key (`headline`, `author.name`), a template (`"{name}, {year}"`), a list of them tried in order, or null: do not read this field. */
export type FieldSpec = string | string[] | null;

export interface ImportMap {
  /** Source category or section value → section slug; keys compared trimmed and ignoring case. */
  sections: Record<string, string>;
  /** The section of records whose category maps to none; without it they are skipped ("unmapped category"). */
  defaultSection?: string;
  /** IANA zone of source times without an offset; undefined: the site's zone (see `sourceZone`). */
  timezone?: string;
  /** Tabular sources: the source field of each article field; absent fields use FIELD_ALIASES. */
  fields?: Partial<Record<ArticleField, FieldSpec>>;
  body: BodyFormat;
  /** Splits a list (tags, authors, categories, redirects) given as one string. */
  listSeparator: string;
  /** Values of the draft field that mean "draft", compared trimmed and ignoring case. */
  draftValues: string[];
  /** Reserved for the WordPress (WXR) reader. */
  wordpress?: { postTypes?: string[] };
}

const fieldSpecSchema = z.union([z.string(), z.array(z.string()), z.null()], {
  error: "must be a source key, a template, a list of them, or null",
});

const fieldsShape = Object.fromEntries(ARTICLE_FIELDS.map((field) => [field, fieldSpecSchema.optional()])) as Record<
  ArticleField,
  z.ZodOptional<typeof fieldSpecSchema>
>;

const slugSchema = z.string().regex(SLUG_PATTERN, { message: 'must be a section slug (lowercase letters, digits and hyphens, e.g. "news")' });

export const importMapSchema = z
  .object({
    sections: z.record(z.string(), slugSchema).default({}),
    defaultSection: slugSchema.optional(),
    timezone: z.string().refine(isValidZone, { message: 'is not an IANA time zone name (e.g. "America/New_York")' }).optional(),
    fields: z.object(fieldsShape).strict().optional(),
    body: z.enum(BODY_FORMATS, { error: 'must be "html", "markdown" or "text"' }).default("html"),
    listSeparator: z.string().min(1).default(DEFAULT_LIST_SEPARATOR),
    draftValues: z.array(z.string()).default([...DEFAULT_DRAFT_VALUES]),
    wordpress: z.object({ postTypes: z.array(z.string().trim().min(1)).optional() }).strict().optional(),
  })
  .strict();

/** A map with every default: what an import without `--map` uses. */
export function defaultImportMap(): ImportMap {
  return parsedMap(importMapSchema.parse({}));
}

// The schema's output, checked against the interface the readers are written to.
function parsedMap(value: z.output<typeof importMapSchema>): ImportMap {
  return value;
}

/** A template's parts: literal text and `{key}` placeholders (`{{` and `}}` are literal braces). */
export type TemplatePart = { text: string } | { key: string };

export function isTemplate(spec: string): boolean {
  return spec.includes("{") || spec.includes("}");
}

export function parseTemplate(template: string): TemplatePart[] | { error: string } {
  const parts: TemplatePart[] = [];
  let literal = "";
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if ((ch === "{" || ch === "}") && template[i + 1] === ch) {
      literal += ch;
      i++;
    } else if (ch === "{") {
      const close = template.indexOf("}", i + 1);
      if (close < 0) return { error: `the "{" at character ${i + 1} is never closed (write "{{" for a literal brace)` };
      const key = template.slice(i + 1, close).trim();
      if (!key || key.includes("{")) return { error: `"${template.slice(i, close + 1)}" does not name a source key` };
      if (literal) parts.push({ text: literal });
      literal = "";
      parts.push({ key });
      i = close;
    } else if (ch === "}") {
      return { error: `the "}" at character ${i + 1} closes nothing (write "}}" for a literal brace)` };
    } else {
      literal += ch;
    }
  }
  if (literal) parts.push({ text: literal });
  return parts;
}

/** Problems the schema cannot see: empty keys, bad templates, keys that collide once case is ignored. */
function mapProblems(map: ImportMap): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const seen = new Map<string, string>();
  for (const key of Object.keys(map.sections)) {
    const folded = foldKey(key);
    if (!folded) problems.push({ path: `sections.${key}`, message: "a source value must not be empty" });
    const earlier = seen.get(folded);
    if (earlier !== undefined && map.sections[earlier] !== map.sections[key]) {
      problems.push({ path: `sections.${key}`, message: `is the same value as "${earlier}" (case and spaces are ignored) but maps elsewhere` });
    }
    seen.set(folded, key);
  }
  for (const field of ARTICLE_FIELDS) {
    const spec = map.fields?.[field];
    if (spec === undefined || spec === null) continue;
    const specs = typeof spec === "string" ? [spec] : spec;
    if (specs.length === 0) problems.push({ path: `fields.${field}`, message: "must list at least 1 source key (or be null: do not read it)" });
    specs.forEach((one, i) => {
      const at = typeof spec === "string" ? `fields.${field}` : `fields.${field}.${i}`;
      if (!one.trim()) problems.push({ path: at, message: "must not be empty" });
      else if (isTemplate(one)) {
        const parsed = parseTemplate(one);
        if ("error" in parsed) problems.push({ path: at, message: `template ${JSON.stringify(one)}: ${parsed.error}` });
      }
    });
  }
  return problems;
}

/** Section slugs the map names that `_data/sections.json` does not have. */
export function checkImportMapSections(map: ImportMap, sections: readonly Section[]): string[] {
  const known = new Set(sections.map((s) => s.slug));
  const list = sections.map((s) => s.slug).join(", ");
  const problems: string[] = [];
  for (const [key, slug] of Object.entries(map.sections)) {
    if (!known.has(slug)) problems.push(`sections.${key}: "${slug}" is not a section in _data/sections.json (sections: ${list})`);
  }
  if (map.defaultSection !== undefined && !known.has(map.defaultSection)) {
    problems.push(`defaultSection: "${map.defaultSection}" is not a section in _data/sections.json (sections: ${list})`);
  }
  return problems;
}

/** Validates a parsed map file; `source` prefixes every problem (`map.json: fields.title: ...`). */
export function parseImportMap(value: unknown, source: string, site?: SiteData): ImportMap | { problems: string[] } {
  const result = importMapSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    return {
      problems: result.error.issues.map((issue) => {
        const at = issue.path.map(String).join(".");
        let message = describeZodIssue(issue);
        if (issue.code === "unrecognized_keys" && at === "fields") message += ` (article fields: ${ARTICLE_FIELDS.join(", ")})`;
        else if (issue.code === "unrecognized_keys" && at === "") message += " (map fields: sections, defaultSection, timezone, fields, body, listSeparator, draftValues, wordpress)";
        return at ? `${source}: ${at}: ${message}` : `${source}: ${message}`;
      }),
    };
  }
  const map = parsedMap(result.data);
  const problems = mapProblems(map).map((p) => `${source}: ${p.path}: ${p.message}`);
  if (site) problems.push(...checkImportMapSections(map, site.sections).map((p) => `${source}: ${p}`));
  return problems.length > 0 ? { problems } : map;
}

/**
 * Reads and validates `--map map.json`. Given the site's data, it also checks
 * that every section slug the map names exists.
 */
export function loadImportMap(file: string, site?: SiteData): ImportMap | { problems: string[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    return { problems: [`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { problems: [`${file}: is not valid JSON: ${(error as Error).message}`] };
  }
  return parseImportMap(value, file, site);
}

/** The zone source times without an offset are read in: the map's, else the site's. */
export function sourceZone(map: ImportMap, site: SiteData): string {
  return map.timezone ?? site.site.timezone;
}

/** Trimmed, inner spaces collapsed, lowercased: how source values and section names are compared. */
function foldKey(value: string): string {
  return value.replace(/\s+/g, " ").trim().toLowerCase();
}

// Readers resolve a section per record: build each map's lookup once.
const lookups = new WeakMap<ImportMap, WeakMap<readonly Section[], Map<string, string>>>();

function sectionLookup(map: ImportMap, sections: readonly Section[]): Map<string, string> {
  let bySections = lookups.get(map);
  if (!bySections) lookups.set(map, (bySections = new WeakMap()));
  let lookup = bySections.get(sections);
  if (lookup) return lookup;
  lookup = new Map();
  const known = new Set(sections.map((s) => s.slug));
  // Weakest first, so the map's own entries win over a section's name or slug.
  for (const section of sections) lookup.set(foldKey(section.name), section.slug);
  for (const section of sections) lookup.set(foldKey(section.slug), section.slug);
  for (const [key, slug] of Object.entries(map.sections)) {
    // A slug the site lacks maps nothing (checkImportMapSections reports it up front).
    if (known.has(slug)) lookup.set(foldKey(key), slug);
  }
  bySections.set(sections, lookup);
  return lookup;
}

/**
 * The section of a record from its source categories, in order: the first
 * that the map's `sections` names, or that is a section's slug or name
 * (trimmed, ignoring case), wins. When none maps: the map's `defaultSection`
 * if it has one, else `unmapped` lists the candidates (empty when there were none).
 */
export function resolveSection(map: ImportMap, sections: readonly Section[], candidates: readonly string[]): { section: string } | { unmapped: string[] } {
  const lookup = sectionLookup(map, sections);
  const unmapped: string[] = [];
  for (const candidate of candidates) {
    const folded = foldKey(candidate);
    if (!folded) continue;
    const slug = lookup.get(folded);
    if (slug !== undefined) return { section: slug };
    unmapped.push(candidate.trim());
  }
  if (map.defaultSection !== undefined && sections.some((s) => s.slug === map.defaultSection)) return { section: map.defaultSection };
  return { unmapped };
}
