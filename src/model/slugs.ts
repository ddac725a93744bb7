import slugify from "@sindresorhus/slugify";

/** Default slug of an article: its file name, transliterated and lowercased (`Café Opens.md` gives `cafe-opens`). */
export function slugFromFileName(sourcePath: string): string {
  const base = (sourcePath.split("/").pop() ?? "").replace(/\.md$/i, "");
  // Most file names already are slugs: transliteration is the slow part of a cold load, and would change nothing.
  return ALREADY_A_SLUG.test(base) ? base : slugify(base);
}

const ALREADY_A_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
