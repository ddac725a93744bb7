/**
 * The responsive markup of a processed photo and the names of its derivatives:
 * a `<picture>` with a WebP source and a JPEG fallback, each at a few widths,
 * `width`/`height` so the page does not move as it loads. Names depend only
 * on the photo's content hash and the output settings, so two builds name the
 * same files and a changed setting can never be served from an old file.
 */
import { createHash } from "node:crypto";
import { escapeHtml } from "../model/escape.ts";
import { withPrefix, MEDIA_DIR } from "../model/urls.ts";

/** Folder of the site (and of the cache) that holds derivatives. */

/** Widths offered (CSS px); an original narrower than one gets its own width instead of an enlargement. */
export const WIDTHS = [480, 800, 1200, 1600] as const;

/**
 * WebP, not AVIF: on the fixture photos AVIF files were about half the size but took 12 to 16 times as long to
 * encode (3.0 s against 0.19 s for the four widths of a 512 px photo; 6.4 s against 0.5 s for a 3000 × 2000 one),
 * too slow for republishing on a 2-core machine. JPEG is the fallback every browser shows.
 */
export const FORMATS = ["webp", "jpeg"] as const;
export type PhotoFormat = (typeof FORMATS)[number];

export const ENCODER_OPTIONS = { webp: { quality: 80 }, jpeg: { quality: 80, mozjpeg: true } } as const;

/** The social card's width (Open Graph, JSON-LD): 1200 px, or the largest there is. */
export const CARD_WIDTH = 1200;

/**
 * Crops for structured data (Google's article guidelines ask for `image` at 16x9, 4x3 and 1x1): for each ratio, the
 * largest crop at exactly that ratio, at most CARD_WIDTH wide, that fits inside the photo; a crop under
 * MIN_CROP_PIXELS (width × height) is not made.
 */
export const CROPS = [
  { name: "16x9", width: 16, height: 9 },
  { name: "4x3", width: 4, height: 3 },
  { name: "1x1", width: 1, height: 1 },
] as const;
export type CropName = (typeof CROPS)[number]["name"];

/** Google's minimum for an article image: 50,000 pixels. */
export const MIN_CROP_PIXELS = 50_000;

/** Changes with any output setting: part of every derivative's name. */
export const SETTINGS_KEY = createHash("sha1")
  .update(JSON.stringify({ WIDTHS, FORMATS, ENCODER_OPTIONS, CROPS, CARD_WIDTH, MIN_CROP_PIXELS, version: 1 }))
  .digest("hex")
  .slice(0, 8);

/** A valid photo as checked: content hash and displayed size (EXIF orientation applied). */
export interface PhotoInfo {
  hash: string;
  width: number;
  height: number;
}

/** Widths made of a photo: those it can fill, ending at its own width when under the largest (no enlargement). */
export function derivativeWidths(originalWidth: number): number[] {
  const largest = WIDTHS[WIDTHS.length - 1] as number;
  if (originalWidth >= largest) return [...WIDTHS];
  // A width within 25% of the original adds little: the original's own width stands in for it.
  const widths: number[] = WIDTHS.filter((w) => w * 1.25 <= originalWidth);
  widths.push(originalWidth);
  return widths;
}

export function derivativeName(photo: PhotoInfo, width: number, format: PhotoFormat): string {
  return `${photo.hash.slice(0, 16)}-${SETTINGS_KEY}-${width}.${format === "jpeg" ? "jpg" : format}`;
}

export interface Crop {
  ratio: CropName;
  width: number;
  height: number;
  /** File name in the media folder. */
  name: string;
}

export function cropName(photo: PhotoInfo, ratio: CropName, width: number): string {
  return `${photo.hash.slice(0, 16)}-${SETTINGS_KEY}-${ratio}-${width}.jpg`;
}

/** The JPEG crops of a photo, in CROPS order (16x9, 4x3, 1x1), leaving out those under MIN_CROP_PIXELS. */
export function crops(photo: PhotoInfo): Crop[] {
  const result: Crop[] = [];
  for (const crop of CROPS) {
    // The largest whole multiple of the ratio that fits the photo and the card width: exactly the ratio.
    const k = Math.floor(Math.min(CARD_WIDTH / crop.width, photo.width / crop.width, photo.height / crop.height));
    const width = k * crop.width;
    const height = k * crop.height;
    if (width * height < MIN_CROP_PIXELS) continue;
    result.push({ ratio: crop.name, width, height, name: cropName(photo, crop.name, width) });
  }
  return result;
}

/** Every derivative file of a photo (the widths in each format, then the crops), relative to the media folder. */
export function derivativeNames(photo: PhotoInfo): string[] {
  return [
    ...derivativeWidths(photo.width).flatMap((w) => FORMATS.map((format) => derivativeName(photo, w, format))),
    ...crops(photo).map((crop) => crop.name),
  ];
}

/** Height of a derivative, rounded as sharp rounds a resize. */
export function heightAt(photo: PhotoInfo, width: number): number {
  return Math.round((photo.height * width) / photo.width);
}

/** The derivative for social cards: 1200 px wide or the largest below. */
export function cardImage(photo: PhotoInfo): { path: string; width: number; height: number } {
  const widths = derivativeWidths(photo.width);
  const width = widths.includes(CARD_WIDTH) ? CARD_WIDTH : (widths[widths.length - 1] as number);
  return { path: `/${MEDIA_DIR}/${derivativeName(photo, width, "jpeg")}`, width, height: heightAt(photo, width) };
}

/** Site paths of the structured-data images: the crops (16x9, 4x3, 1x1), or the social card when none qualifies. */
export function structuredDataImages(photo: PhotoInfo): string[] {
  const made = crops(photo);
  return made.length > 0 ? made.map((crop) => `/${MEDIA_DIR}/${crop.name}`) : [cardImage(photo).path];
}

/** Width of listing and search thumbnails: the smallest derivative (480 px, or the photo's own width when narrower). */
export function thumbImage(photo: PhotoInfo, format: PhotoFormat = "jpeg"): { path: string; width: number; height: number } {
  const width = derivativeWidths(photo.width)[0] as number;
  return { path: `/${MEDIA_DIR}/${derivativeName(photo, width, format)}`, width, height: heightAt(photo, width) };
}

/**
 * A thumbnail beside a listing entry: the smallest derivatives (WebP with a JPEG fallback), lazy, with the
 * derivative's own width and height (CSS scales it down; the box keeps its aspect ratio, so nothing moves).
 */
export function thumbnailHtml(photo: PhotoInfo, options: { alt: string; pathPrefix: string }): string {
  const jpeg = thumbImage(photo, "jpeg");
  const webp = thumbImage(photo, "webp");
  return (
    `<picture class="entry-thumb"><source type="image/webp" srcset="${withPrefix(webp.path, options.pathPrefix)}">` +
    `<img src="${withPrefix(jpeg.path, options.pathPrefix)}" width="${jpeg.width}" height="${jpeg.height}" alt="${escapeHtml(options.alt)}" loading="lazy" decoding="async"></picture>`
  );
}

/** The column's width: the article's measure (40rem) on wide screens, the window less its margins on narrow ones. */
export const SIZES = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";

export function srcset(photo: PhotoInfo, format: PhotoFormat, pathPrefix: string): string {
  return derivativeWidths(photo.width)
    .map((w) => `${withPrefix(`/${MEDIA_DIR}/${derivativeName(photo, w, format)}`, pathPrefix)} ${w}w`)
    .join(", ");
}

export interface PictureOptions {
  alt: string;
  pathPrefix: string;
  /** The lead photo: loaded at once and first (`fetchpriority="high"`), not lazily. */
  eager?: boolean;
}

export function pictureHtml(photo: PhotoInfo, options: PictureOptions): string {
  const widths = derivativeWidths(photo.width);
  const largest = widths[widths.length - 1] as number;
  const fallback = widths.find((w) => w >= 800) ?? largest;
  const loading = options.eager ? ` fetchpriority="high"` : ` loading="lazy" decoding="async"`;
  return (
    `<picture><source type="image/webp" srcset="${srcset(photo, "webp", options.pathPrefix)}" sizes="${SIZES}">` +
    `<img src="${withPrefix(`/${MEDIA_DIR}/${derivativeName(photo, fallback, "jpeg")}`, options.pathPrefix)}" srcset="${srcset(photo, "jpeg", options.pathPrefix)}" sizes="${SIZES}" ` +
    `width="${largest}" height="${heightAt(photo, largest)}" alt="${escapeHtml(options.alt)}"${loading}></picture>`
  );
}
