/** The front matter contract, as a zod schema. Field names are part of the public contract. */
import { z } from "zod";
import { SLUG_PATTERN } from "./urls.ts";

/** YAML's core schema reads `title: 1984` as a number; headlines and names are text. */
const text = z.preprocess((v) => (typeof v === "number" ? String(v) : v), z.string().trim().min(1));

export const frontMatterSchema = z.object({
  title: text,
  date: z.string().min(1),
  section: z.string().min(1),
  author: z.union([text, z.array(text).min(1)]).optional(),
  dateline: text.optional(),
  updated: z.string().min(1).optional(),
  printDate: z.string().min(1).optional(),
  excerpt: text.optional(),
  tags: z.array(text).optional(),
  slug: z
    .string()
    .regex(SLUG_PATTERN, { message: "must be lowercase letters, digits and single hyphens (e.g. \"harbour-plan\")" })
    .optional(),
  draft: z.boolean().optional(),
  /** Corrections appended to the article, each with the day or time it was made. */
  corrections: z.array(z.object({ date: z.string().min(1), text }).strict()).optional(),
  /** Former URLs of the article (another CMS's `/news/1796094`): each gets a redirect. */
  redirect_from: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

export const KNOWN_FIELDS = new Set(Object.keys(frontMatterSchema.shape));
