import slugify from "@sindresorhus/slugify";

/** Default slug of an article: its file name, transliterated and lowercased (`Café Opens.md` gives `cafe-opens`). */
export function slugFromFileName(sourcePath: string): string {
  const base = sourcePath.split("/").pop() ?? "";
  return slugify(base.replace(/\.md$/i, ""));
}
