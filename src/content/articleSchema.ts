/** The front matter contract, as a zod schema. Field names are part of the public contract. */
import { z } from "zod";
import { SLUG_PATTERN } from "../model/urls.ts";

/** Something a reader can see: not only spaces, controls and format characters such as U+200B ZERO WIDTH SPACE. */
export const VISIBLE = /[^\s\p{Cc}\p{Cf}]/u;

/**
 * Headlines and names. The front matter reader keeps what was written (`title: 007`
 * stays "007"), so any other kind of value here is a real mistake.
 */
const text = z
  .string()
  .trim()
  .min(1)
  // "" already failed min(1): one message is enough.
  .refine((value) => value === "" || VISIBLE.test(value), { message: "must not be empty (it has only invisible characters)" });

export const frontMatterSchema = z.object({
  title: text,
  date: z.string().min(1),
  section: z.string().min(1),
  author: z.union([text, z.array(text).min(1)], { error: "must be a name or a list of names" }).optional(),
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
  /**
   * The lead photo: `src` relative to the article's file; `alt` required (`alt: ""` marks a decorative photo);
   * credit a person, an agency or both ("Rachel Michetti / CC0"), shown as "Photo: …" unless it has its own label.
   */
  image: z
    .object(
      {
        src: z.string({ error: "must be the photo's path, relative to the article's file (such as harbour.jpg)" }).trim().min(1),
        alt: z.string({
          error: (issue) =>
            issue.input === undefined
              ? 'is missing: describe the photo for readers who cannot see it (alt: "" marks a decorative photo)'
              : "must be text",
        }),
        caption: text.optional(),
        credit: text.optional(),
      },
      { error: "must be a photo: { src, alt, caption, credit }" },
    )
    .strict()
    .optional(),
  /** Former URLs of the article (another CMS's `/news/1796094`): each gets a redirect. */
  redirect_from: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], { error: "must be a path or a list of paths" }).optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

export const KNOWN_FIELDS = new Set(Object.keys(frontMatterSchema.shape));
