/**
 * The photo steps of a site, shared by the build (src/publish/buildSite.ts)
 * and the dev server (src/cli/serve.ts): check every photo the archive's
 * articles name (src/photos/checkPhotos.ts), then make or take from the photo
 * cache the derivatives of those the site shows and copy them into its
 * `media/` folder (src/photos/processPhotos.ts). The build stops at a bad
 * photo; the dev server reports it and shows its alt text instead.
 */
import type { Archive } from "../views/archive.ts";
import { checkPhotos, type PhotoCheck } from "../photos/checkPhotos.ts";
import { processPhotos, type PhotoOutput, type ProcessOptions } from "../photos/processPhotos.ts";
import type { PhotoInfo } from "../photos/markup.ts";
import { createProgress } from "./progress.ts";

/** Every photo of the archive checked (scheduled articles' too: their photos must not stop the build that publishes them). */
export function checkArchivePhotos(contentRoot: string, archive: Archive, cacheDir: string): Promise<PhotoCheck> {
  return checkPhotos(contentRoot, [...archive.articles, ...archive.scheduled], cacheDir);
}

/** The derivatives of the valid photos of the articles the site shows, written into `options.siteDir`, with progress on the terminal. */
export async function processArchivePhotos(archive: Archive, checked: ReadonlyMap<string, PhotoInfo>, options: Omit<ProcessOptions, "onPhoto">): Promise<PhotoOutput> {
  const shown = new Map<string, PhotoInfo>();
  for (const article of archive.articles) {
    for (const ref of article.photos ?? []) {
      const info = checked.get(ref.path);
      if (info) shown.set(ref.path, info);
    }
  }
  const progress = createProgress("photos", shown.size);
  const output = await processPhotos(shown, { ...options, onPhoto: () => progress.tick() });
  progress.done();
  return output;
}
