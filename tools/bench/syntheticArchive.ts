/**
 * A deterministic synthetic archive for benchmarks: N articles over 20 years,
 * every section and front matter field, bodies of 600 to 900 words. The same N
 * and seed always give the same files, byte for byte.
 */
import fs from "node:fs";
import path from "node:path";

/** Small, fast, seedable PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const WORDS = (
  "harbour council budget tram water flood school market ferry festival theatre cricket football port dredging " +
  "tariff election mayor district coast monsoon drainage fishermen auction trader licence depot museum orchestra " +
  "library hospital clinic bridge road railway station tide storm rainfall shelter housing rent landlord tenant " +
  "factory warehouse container shipping cargo customs minister committee report inquiry hearing court judge verdict " +
  "teacher pupil classroom exam university student research scientist engineer survey contract tender supplier " +
  "season league stadium striker captain coach victory defeat draw championship audience stage premiere novel poet " +
  "gallery exhibition painter sculpture concert singer band review critic editor reporter column letter reader"
).split(" ");
const GLUE = "the a of and to in on for with at by from after before over under while because although".split(" ");

export const SYNTHETIC_SECTIONS = [
  { slug: "news", name: "News", weight: 40 },
  { slug: "opinion", name: "Opinion", weight: 12 },
  { slug: "editorial", name: "Editorial", weight: 6 },
  { slug: "business", name: "Business", weight: 16 },
  { slug: "culture", name: "Culture", weight: 12 },
  { slug: "sport", name: "Sport", weight: 14 },
];

export const FIRST = "Amina Bilal Clara Daniel Eleanor Farah Hina Imran Jonah Karim Leena Marcus Nadia Omar Priya Rosa Samira Tomasz Usman Zubair".split(" ");
export const LAST = "Ansari Baloch Dunleavy Fenn Haider Karim Latif Mendes Okafor Pike Qadir Rahman Siddiqui Voss Wren Albright Holt Ferrer Okonjo Mallick".split(" ");
const PLACES = ["PORT CALLOWAY", "NORTHGATE", "SALTMARSH", "KESTREL POINT", "EASTBANK", "GENEVA", "DUBAI", "COLOMBO"];

export function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(random() < 0.35 ? pick(random, GLUE) : pick(random, WORDS));
  const text = out.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export function paragraph(random: () => number, words: number): string {
  const sentences: string[] = [];
  let left = words;
  while (left > 0) {
    const n = Math.min(left, 8 + Math.floor(random() * 14));
    sentences.push(sentence(random, n));
    left -= n;
  }
  return sentences.join(" ");
}

export interface SyntheticOptions {
  articles: number;
  seed?: number;
  /** Last day of the archive (its 20 years end here), as YYYY-MM-DD. */
  endDate?: string;
  /**
   * Photos: a lead photo in one article in three and a figure in one in twelve, each one of the
   * `photos` pool files (`photos/pool-NN.jpg`, made by writePhotoPool). Chosen with their own random
   * stream, so the articles' text is the same with and without photos.
   */
  photos?: number;
}

/** Folder of the archive that holds the generated photos (a site-wide media folder, beside `articles/`). */
export const PHOTO_POOL_DIR = "photos";
export const poolPhotoName = (i: number): string => `pool-${String(i).padStart(2, "0")}.jpg`;

/** Writes `_data/` and `articles/` for a synthetic archive into `root`; returns the article count. */
export function writeSyntheticArchive(root: string, options: SyntheticOptions, onProgress?: (done: number) => void): number {
  const random = seededRandom(options.seed ?? 42);
  const end = Date.parse(`${options.endDate ?? "2025-12-31"}T00:00:00Z`);
  const span = 20 * 365.25 * 86_400_000;
  const authors = Array.from({ length: 400 }, (_, i) => `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`);
  const tags = Array.from({ length: 500 }, (_, i) => `${pick(random, WORDS)} ${i}`);
  const totalWeight = SYNTHETIC_SECTIONS.reduce((s, x) => s + x.weight, 0);

  fs.mkdirSync(path.join(root, "_data"), { recursive: true });
  fs.writeFileSync(
    path.join(root, "_data/site.json"),
    JSON.stringify({ outlet: "The Synthetic Courier", url: "https://bench.example", timezone: "Asia/Karachi", language: "en" }, null, 2),
  );
  fs.writeFileSync(
    path.join(root, "_data/sections.json"),
    JSON.stringify(SYNTHETIC_SECTIONS.map(({ slug, name }) => ({ slug, name, pageSize: 20 })), null, 2),
  );

  const photoRandom = seededRandom((options.seed ?? 42) + 1);
  const mustRead: string[] = [];
  for (let i = 0; i < options.articles; i++) {
    // Spread evenly over 20 years with jitter, oldest first.
    const millis = Math.floor(end - span + (span * (i + random())) / options.articles);
    const when = new Date(millis);
    const yyyy = String(when.getUTCFullYear());
    const mm = String(when.getUTCMonth() + 1).padStart(2, "0");
    let r = random() * totalWeight;
    const section = SYNTHETIC_SECTIONS.find((s) => (r -= s.weight) < 0) ?? SYNTHETIC_SECTIONS[0]!;
    const slug = `${pick(random, WORDS)}-${pick(random, WORDS)}-${i}`;
    const lines = [
      "---",
      `title: "${sentence(random, 6 + Math.floor(random() * 6)).slice(0, -1)}"`,
      random() < 0.2 ? `date: ${yyyy}-${mm}-${String(when.getUTCDate()).padStart(2, "0")}` : `date: ${when.toISOString().replace(/\.\d+Z$/, "Z")}`,
      `section: ${section.slug}`,
    ];
    if (section.slug !== "editorial") {
      lines.push(random() < 0.1 ? `author: [${pick(random, authors)}, ${pick(random, authors)}]` : `author: ${pick(random, authors)}`);
    }
    if (section.slug === "news" || section.slug === "business") lines.push(`dateline: ${pick(random, PLACES)}`);
    if (random() < 0.15) lines.push(`updated: ${new Date(millis + 3_600_000 * (1 + Math.floor(random() * 48))).toISOString().replace(/\.\d+Z$/, "Z")}`);
    if (random() < 0.3) lines.push(`printDate: ${new Date(millis + 86_400_000).toISOString().slice(0, 10)}`);
    if (random() < 0.5) lines.push(`excerpt: "${sentence(random, 18)}"`);
    lines.push(`tags: [${Array.from({ length: 2 + Math.floor(random() * 3) }, () => `"${pick(random, tags)}"`).join(", ")}]`);
    if (random() < 0.005) lines.push("draft: true");
    // Articles live at articles/YYYY/MM/: the pool is three folders up.
    const poolPhoto = (): string => `../../../${PHOTO_POOL_DIR}/${poolPhotoName(Math.floor(photoRandom() * (options.photos ?? 1)))}`;
    if (options.photos && i % 3 === 0) {
      lines.push(`image: { src: "${poolPhoto()}", alt: "A generated photograph for article ${i}", caption: "A generated caption.", credit: "Bench Photographer / The Synthetic Courier" }`);
    }
    lines.push("---");
    let words = 600 + Math.floor(random() * 301);
    const body: string[] = [];
    while (words > 0) {
      const n = Math.min(words, 60 + Math.floor(random() * 60));
      body.push(random() < 0.08 ? `## ${sentence(random, 4).slice(0, -1)}\n\n${paragraph(random, n)}` : paragraph(random, n));
      words -= n;
    }
    if (options.photos && i % 12 === 5) {
      body.splice(1, 0, `![A generated figure for article ${i}](${poolPhoto()})\nCaption: A generated figure in the body.\nCredit: Bench Photographer`);
    }
    const dir = path.join(root, "articles", yyyy, mm);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${slug}.md`), `${lines.join("\n")}\n${body.join("\n\n")}\n`);
    if (i % 997 === 0 && mustRead.length < 6 && !lines.includes("draft: true")) mustRead.push(`articles/${yyyy}/${mm}/${slug}.md`);
    if (onProgress && i % 1000 === 999) onProgress(i + 1);
  }
  fs.writeFileSync(path.join(root, "_data/mustRead.json"), JSON.stringify({ articles: mustRead }, null, 2));
  return options.articles;
}

/**
 * Writes `count` distinct 3000 × 2000 JPEGs into `<root>/photos/`: smooth colour gradients with seeded noise (so the
 * encoders see photo-like detail), each different, byte for byte the same for a given index.
 */
export async function writePhotoPool(root: string, count: number, first = 0): Promise<string[]> {
  const dir = path.join(root, PHOTO_POOL_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (let i = first; i < first + count; i++) {
    const file = path.join(dir, poolPhotoName(i));
    written.push(file);
    if (!fs.existsSync(file)) await writeGeneratedPhoto(file, 1000 + i);
  }
  return written;
}

/** One generated 3000 × 2000 JPEG, the same bytes for the same seed. */
export async function writeGeneratedPhoto(file: string, seed: number): Promise<void> {
  const { default: sharp } = await import("sharp");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  {
    const random = seededRandom(seed);
    const colour = () => Math.floor(random() * 256);
    const [a, b] = [[colour(), colour(), colour()], [colour(), colour(), colour()]] as const;
    // A small gradient image scaled up, then noise on top: cheap to make, not trivial to encode.
    const small = Buffer.alloc(30 * 20 * 3);
    for (let y = 0; y < 20; y++) {
      for (let x = 0; x < 30; x++) {
        const t = (x + y) / 48;
        for (let c = 0; c < 3; c++) small[(y * 30 + x) * 3 + c] = Math.round((a[c] ?? 0) * (1 - t) + (b[c] ?? 0) * t + (random() - 0.5) * 60);
      }
    }
    const base = await sharp(small, { raw: { width: 30, height: 20, channels: 3 } }).resize(3000, 2000, { kernel: "cubic" }).raw().toBuffer();
    for (let p = 0; p < base.length; p++) base[p] = Math.max(0, Math.min(255, (base[p] ?? 0) + Math.floor(random() * 40) - 20));
    const tmp = `${file}.tmp`;
    await sharp(base, { raw: { width: 3000, height: 2000, channels: 3 } }).jpeg({ quality: 88 }).toFile(tmp);
    fs.renameSync(tmp, file);
  }
}
