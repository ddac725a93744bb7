/**
 * The site's own data files in `_data/`: `site.json`, `sections.json` and
 * `mustRead.json`, validated with the same compiler-style messages as articles.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Diagnostic } from "../model/diagnostics.ts";
import { isValidZone } from "../model/dates.ts";
import { describeZodIssue } from "./zodMessages.ts";
// The top-level names the site uses for itself are kept with every other path it writes.
import { MAX_SEGMENT_BYTES, RESERVED_TOP_LEVEL, segmentBytes, SLUG_PATTERN } from "../model/urls.ts";

/**
 * Why a `site.url` cannot be the site's canonical origin, or undefined. Every
 * canonical link, feed id and sitemap entry is this text plus a path, so it
 * must be a web address (no `javascript:` or `ftp:`) that a path can follow
 * (no query or fragment), with nothing private in it. The value is quoted as
 * JSON so control characters show instead of acting on the terminal.
 */
export function siteUrlProblem(value: string): string | undefined {
  const quoted = JSON.stringify(value);
  if (/[\s\\\u0000-\u001f\u007f-\u009f]/.test(value)) return `${quoted} must not contain spaces, backslashes or control characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${quoted} is not a URL: give the canonical origin, such as "https://archive.example.org"`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return `${quoted} must start with https:// or http:// (it is the origin of every canonical URL, feed and sitemap entry; found ${JSON.stringify(url.protocol)})`;
  }
  // `https:example.org` parses, but the text itself is what gets a path appended.
  if (!/^https?:\/\/[^/]/.test(value)) return `${quoted} must start with https:// or http:// followed by the host name`;
  if (url.username || url.password) return `${quoted} must not contain a user name or password: it is published on every page`;
  const why = "every URL of the site is made by adding a path to it";
  if (value.includes("?")) return `${quoted} must not have a query string (?...): ${why}`;
  if (value.includes("#")) return `${quoted} must not have a fragment (#...): ${why}`;
  return undefined;
}

const siteSchema = z.object({
  outlet: z.string().trim().min(1),
  /** Canonical origin, e.g. "https://archive.example.org": http(s), no query or fragment (see siteUrlProblem). */
  url: z
    .string()
    .superRefine((value, ctx) => {
      const problem = siteUrlProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((u) => u.replace(/\/+$/, "")),
  timezone: z.string().refine(isValidZone, { message: "is not an IANA time zone name (e.g. \"Asia/Karachi\")" }),
  language: z.string().trim().min(2),
  description: z.string().default(""),
  /** Sections whose latest articles appear in every page's sidebar, in order. */
  sidebarSections: z.array(z.string()).default(["opinion", "editorial"]),
  /** How many entries each sidebar and home-page column lists. */
  latestCount: z.number().int().positive().default(5),
  /** Longest derived excerpt, in characters, before the ellipsis. */
  excerptLength: z.number().int().min(40).default(220),
  /** Articles per search index shard; a query loads the newest shard first, older ones as it needs them. */
  searchShardSize: z.number().int().positive().default(300),
  /**
   * Hosts whose iframes articles may embed (sandboxed, lazy): `["www.youtube-nocookie.com"]`. Any other embed is
   * shown as a link card, so an archived page makes no request to another site.
   */
  embedHosts: z
    .array(
      z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, {
        message: 'must be a host name in lowercase, such as "www.youtube-nocookie.com" (no https://, path or port)',
      }),
    )
    .default([]),
});

const sectionSchema = z.object({
  slug: z.string().regex(SLUG_PATTERN, { message: "must be lowercase letters, digits and hyphens" }),
  name: z.string().trim().min(1),
  description: z.string().default(""),
  pageSize: z.number().int().positive().default(20),
});

const sectionsSchema = z.array(sectionSchema).min(1);

const mustReadSchema = z.object({
  /** Article URLs (`/2023/12/09/slug/`, with or without the origin) or source paths (`articles/...md`). */
  articles: z.array(z.string().min(1)),
});

export type SiteConfig = z.infer<typeof siteSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type MustReadConfig = z.infer<typeof mustReadSchema>;

export interface SiteData {
  site: SiteConfig;
  sections: Section[];
  mustRead: MustReadConfig;
}

export const DATA_FILES = {
  site: "_data/site.json",
  sections: "_data/sections.json",
  mustRead: "_data/mustRead.json",
} as const;

function readJson(root: string, file: string, diagnostics: Diagnostic[], optional = false): unknown {
  const full = path.join(root, file);
  let text: string;
  try {
    text = fs.readFileSync(full, "utf8");
  } catch {
    if (!optional) diagnostics.push({ severity: "error", file, message: "file is missing" });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    diagnostics.push({ severity: "error", file, message: `is not valid JSON: ${(err as Error).message}` });
    return undefined;
  }
}

function validate<T>(schema: z.ZodType<T>, value: unknown, file: string, diagnostics: Diagnostic[]): T | undefined {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    diagnostics.push({ severity: "error", file, field: issue.path.join(".") || undefined, message: describeZodIssue(issue) });
  }
  return undefined;
}

/** Loads `_data/*.json`; returns undefined (with diagnostics) when the site cannot be built from them. */
export function loadSiteData(root: string, diagnostics: Diagnostic[]): SiteData | undefined {
  const site = validate(siteSchema, readJson(root, DATA_FILES.site, diagnostics), DATA_FILES.site, diagnostics);
  const sections = validate(sectionsSchema, readJson(root, DATA_FILES.sections, diagnostics), DATA_FILES.sections, diagnostics);
  const mustReadRaw = readJson(root, DATA_FILES.mustRead, diagnostics, true) ?? { articles: [] };
  const mustRead = validate(mustReadSchema, mustReadRaw, DATA_FILES.mustRead, diagnostics);
  if (!site || !sections || !mustRead) return undefined;

  const seen = new Set<string>();
  sections.forEach((section, i) => {
    const slugError = (message: string): void => {
      diagnostics.push({ severity: "error", file: DATA_FILES.sections, field: `${i}.slug`, message });
    };
    if (RESERVED_TOP_LEVEL.has(section.slug) || /^\d+$/.test(section.slug)) {
      slugError(`"${section.slug}" cannot be a section: /${section.slug}/ is used by the site itself (reserved: ${[...RESERVED_TOP_LEVEL].join(", ")}, and numbers, which are dates)`);
    }
    // The slug is the section's folder name.
    if (segmentBytes(section.slug) > MAX_SEGMENT_BYTES) {
      slugError(`is ${segmentBytes(section.slug)} bytes long; a section slug is a folder name, at most ${MAX_SEGMENT_BYTES} bytes: shorten it`);
    }
    if (seen.has(section.slug)) slugError(`"${section.slug}" is listed twice`);
    seen.add(section.slug);
  });
  site.sidebarSections.forEach((slug, i) => {
    if (!seen.has(slug)) {
      diagnostics.push({
        severity: "error",
        file: DATA_FILES.site,
        field: `sidebarSections.${i}`,
        message: `"${slug}" is not a section in ${DATA_FILES.sections}`,
      });
    }
  });
  return { site, sections, mustRead };
}
