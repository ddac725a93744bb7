/**
 * Photos of imported articles: found in `--media DIR` (a local copy of the old
 * site's uploads folder) by their old URL, checked by decoding them whole (a
 * truncated file is reported, never published), and copied beside the
 * article that shows them, as a hand-written article keeps its photos.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import slugify from "@sindresorhus/slugify";
import { inspectPhoto } from "../photos/checkPhotos.ts";

/** Where an old photo URL is in an uploads folder: after `wp-content/uploads/`, or the whole path on a media host. */
export function uploadsPath(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, "https://placeholder.invalid").pathname);
  } catch {
    return undefined;
  }
  const marker = pathname.indexOf("/wp-content/uploads/");
  const rest = marker !== -1 ? pathname.slice(marker + "/wp-content/uploads/".length) : pathname.replace(/^\/+/, "");
  // Never outside the media folder, whatever the URL says.
  if (!rest || rest.split("/").some((segment) => segment === ".." || segment === "." || segment === "")) return undefined;
  return rest;
}

/** WordPress's resized copies (`harbour-300x200.jpg`) lead to the original (`harbour.jpg`), the best copy there is. */
function originalOf(relative: string): string | undefined {
  const original = relative.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, "$1");
  return original === relative ? undefined : original;
}

export type PhotoCheckResult = { ok: true; bytes: Buffer; hash: string } | { ok: false; problem: string };

/** The `--media` folder: finds photos by URL and checks each file once, however many articles show it. */
export class MediaFolder {
  private readonly checked = new Map<string, Promise<PhotoCheckResult>>();

  constructor(readonly dir: string) {}

  /** The file for a photo URL, or undefined when the folder has no copy. Prefers the original over a resized copy. */
  locate(url: string): string | undefined {
    const relative = uploadsPath(url);
    if (!relative) return undefined;
    const candidates = [originalOf(relative), relative, path.posix.basename(relative)].filter((c): c is string => Boolean(c));
    for (const candidate of candidates) {
      const full = path.join(this.dir, candidate);
      try {
        if (fs.lstatSync(full).isFile()) return full;
      } catch {
        // try the next
      }
    }
    return undefined;
  }

  check(file: string): Promise<PhotoCheckResult> {
    let result = this.checked.get(file);
    if (!result) {
      result = (async (): Promise<PhotoCheckResult> => {
        const bytes = fs.readFileSync(file);
        const inspected = await inspectPhoto(bytes);
        if (!inspected.ok) return { ok: false, problem: `${file} ${inspected.problem}` };
        return { ok: true, bytes, hash: createHash("sha256").update(bytes).digest("hex") };
      })();
      this.checked.set(file, result);
    }
    return result;
  }
}

/** A photo's name beside its article: the old name made URL-safe (`IMG 12.JPG` gives `img-12.jpg`). */
export function photoFileName(source: string): string {
  const ext = path.extname(source).toLowerCase().replace(/^\.jpeg$/, ".jpg");
  const stem = slugify(path.basename(source, path.extname(source))) || "photo";
  return `${stem}${ext}`;
}

export function withHashSuffix(name: string, hash: string): string {
  const ext = path.extname(name);
  return `${name.slice(0, name.length - ext.length)}-${hash.slice(0, 8)}${ext}`;
}
