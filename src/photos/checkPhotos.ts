/**
 * The photo check: every photo the articles show must be a file of the archive
 * (not a symbolic link, not outside the content root), a whole image sharp can
 * decode, and at most 100 megapixels. Problems are diagnostics on the line
 * that names the photo (`file:line: image: ...`), for `npm run check` and the
 * build alike.
 *
 * Each result is kept in the photo cache under the photo's content hash
 * (`.cache/photos/meta/<hash>.json`): an unchanged photo is read and hashed,
 * never decoded again, and a photo replaced beside an unchanged article is
 * checked afresh (article parses are cached by the article's hash instead).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { Article, PhotoRef } from "../model/article.ts";
import type { Diagnostic } from "../model/diagnostics.ts";
import type { PhotoInfo } from "./markup.ts";
import { statStamp } from "../content/loadSources.ts";

/** The photo cache (checks and derivatives), kept between builds: a deploy pipeline may keep it to save the work. */
export const PHOTO_CACHE_DIR = ".cache/photos";

/** Larger photos are refused before they are decoded: a 100-megapixel photo takes 300 MB of memory to resize. */
export const MAX_PIXELS = 100_000_000;

/** Formats served photos come from: what a camera, a scanner or a graphics tool writes. */
const PHOTO_FORMATS = new Set(["jpeg", "png", "webp", "avif", "tiff", "heif", "gif"]);

type CheckResult = { ok: true; width: number; height: number } | { ok: false; problem: string };

export interface PhotoCheck {
  /** Valid photos by path (relative to the content root). */
  photos: Map<string, PhotoInfo>;
  diagnostics: Diagnostic[];
  /** Photos decoded by this check (not answered by the cache). */
  decoded: number;
}

// As the article loader opens files: never through a symbolic link, and only a regular file.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/** The photo's bytes, or why it cannot be read. A link anywhere on the way could publish a file from outside the archive. */
export function readPhotoFile(contentRoot: string, photoPath: string): Buffer | { problem: string } {
  const full = path.join(contentRoot, photoPath);
  try {
    const link = linkProblem(contentRoot, photoPath);
    if (link) return link;
    const fd = fs.openSync(full, OPEN_FLAGS);
    try {
      if (!fs.fstatSync(fd).isFile()) return { problem: "is not a regular file" };
      return fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { problem: "does not exist" };
    if (code === "ELOOP") return { problem: "is a symbolic link, which is never followed: move the photo here instead" };
    return { problem: `cannot be read: ${(error as Error).message}` };
  }
}

/** Whether the photo is reached through a symbolic link (which could publish a file from outside the archive); throws what realpath throws. */
function linkProblem(contentRoot: string, photoPath: string): { problem: string } | undefined {
  const realRoot = fs.realpathSync(contentRoot);
  const real = fs.realpathSync(path.join(contentRoot, photoPath));
  return real === path.join(realRoot, photoPath) ? undefined : { problem: "is reached through a symbolic link, which is never followed: move the photo here instead" };
}

function reachedDirectly(contentRoot: string, photoPath: string): boolean {
  try {
    return linkProblem(contentRoot, photoPath) === undefined;
  } catch {
    return false;
  }
}

export const photoHash = (bytes: Buffer): string => createHash("sha1").update(bytes).digest("hex");

/** Decodes a photo once, whole: its header alone would pass a truncated file. */
export async function inspectPhoto(bytes: Buffer): Promise<CheckResult> {
  let metadata: sharp.Metadata;
  try {
    // No pixel limit here: the size is checked below, with a message, before anything is decoded.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    const why = (error as Error).message;
    if (/unsupported image format/i.test(why)) return { ok: false, problem: "is not an image (no JPEG, PNG, WebP, AVIF, TIFF or GIF could be read in it)" };
    return { ok: false, problem: `is damaged or truncated: ${why}; export it again` };
  }
  const { width, height, format } = metadata;
  if (!width || !height || !format) return { ok: false, problem: "is not an image (it has no size)" };
  if (!PHOTO_FORMATS.has(format)) return { ok: false, problem: `is ${format.toUpperCase()}, not a photo format (JPEG, PNG, WebP, AVIF, TIFF or GIF)` };
  if (width * height > MAX_PIXELS) {
    return { ok: false, problem: `is ${width} × ${height} pixels (${Math.round((width * height) / 1e6)} megapixels), over the ${MAX_PIXELS / 1e6} megapixel limit: resize it before adding it` };
  }
  try {
    // sharp's default (failOn: "warning") makes a premature end of data an error.
    await sharp(bytes).stats();
  } catch (error) {
    return { ok: false, problem: `is damaged or truncated: ${(error as Error).message}; export it again` };
  }
  // EXIF orientations 5 to 8 turn the photo a quarter: it is shown, and served, the other way round.
  const turned = (metadata.orientation ?? 1) >= 5;
  return { ok: true, width: turned ? height : width, height: turned ? width : height };
}

function readCached(cacheDir: string, hash: string): CheckResult | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(cacheDir, "meta", `${hash}.json`), "utf8")) as CheckResult;
  } catch {
    return undefined;
  }
}

function writeCached(cacheDir: string, hash: string, result: CheckResult): void {
  try {
    const dir = path.join(cacheDir, "meta");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${hash}.json`);
    fs.writeFileSync(`${file}.tmp-${process.pid}`, JSON.stringify(result));
    fs.renameSync(`${file}.tmp-${process.pid}`, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
}

const SHOWN_AS = { image: "image", body: "body" } as const;

/** Checks every photo the articles show, each file once, with the cache in `<contentRoot>/.cache/photos`. */
export async function checkPhotos(contentRoot: string, articles: Iterable<Article>, cacheDir = path.join(contentRoot, PHOTO_CACHE_DIR)): Promise<PhotoCheck> {
  const refsByPath = new Map<string, Array<PhotoRef & { file: string }>>();
  for (const article of articles) {
    for (const ref of article.photos ?? []) {
      const refs = refsByPath.get(ref.path) ?? [];
      refs.push({ ...ref, file: article.sourcePath });
      refsByPath.set(ref.path, refs);
    }
  }
  const photos = new Map<string, PhotoInfo>();
  const diagnostics: Diagnostic[] = [];
  let decoded = 0;
  const stamps = readStamps(cacheDir);
  let stampsChanged = false;
  // One at a time: sharp already uses every core for one decode, and memory stays that of one photo.
  for (const [photoPath, refs] of [...refsByPath].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // A photo whose file stamp is the one it had when it was checked keeps that check's hash and size: one lstat
    // and one realpath, not a read and a hash of every photo of the archive at every build.
    const stamp = statStamp(path.join(contentRoot, photoPath));
    const known = stamp === undefined ? undefined : stamps.get(photoPath);
    if (known && known.stamp === stamp && reachedDirectly(contentRoot, photoPath)) {
      photos.set(photoPath, { hash: known.hash, width: known.width, height: known.height });
      continue;
    }
    stampsChanged = stamps.delete(photoPath) || stampsChanged;
    const bytes = readPhotoFile(contentRoot, photoPath);
    let result: CheckResult;
    let hash = "";
    if (!Buffer.isBuffer(bytes)) result = { ok: false, problem: bytes.problem };
    else {
      hash = photoHash(bytes);
      const cached = readCached(cacheDir, hash);
      if (cached) result = cached;
      else {
        result = await inspectPhoto(bytes);
        decoded++;
        writeCached(cacheDir, hash, result);
      }
    }
    // Stamped as it was before it was read: a photo replaced meanwhile gets another stamp, so is read again next time.
    if (result.ok && stamp !== undefined) {
      stamps.set(photoPath, { stamp, hash, width: result.width, height: result.height });
      stampsChanged = true;
    }
    if (result.ok) photos.set(photoPath, { hash, width: result.width, height: result.height });
    else {
      for (const ref of refs) {
        diagnostics.push({ severity: "error", file: ref.file, line: ref.line, field: SHOWN_AS[ref.field], message: `photo ${photoPath} ${result.problem}` });
      }
    }
  }
  if (stampsChanged) writeStamps(cacheDir, stamps);
  return { photos, diagnostics, decoded };
}

/** Photo path → the stamp of its file (src/content/loadSources.ts) when it was checked, its content hash and size. */
type PhotoStamps = Map<string, { stamp: string; hash: string; width: number; height: number }>;

function readStamps(cacheDir: string): PhotoStamps {
  try {
    return new Map(Object.entries(JSON.parse(fs.readFileSync(path.join(cacheDir, "stamps.json"), "utf8")) as Record<string, { stamp: string; hash: string; width: number; height: number }>));
  } catch {
    return new Map();
  }
}

function writeStamps(cacheDir: string, stamps: PhotoStamps): void {
  const file = path.join(cacheDir, "stamps.json");
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(`${file}.tmp-${process.pid}`, JSON.stringify(Object.fromEntries([...stamps].sort(([a], [b]) => (a < b ? -1 : 1)))));
    fs.renameSync(`${file}.tmp-${process.pid}`, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
}
