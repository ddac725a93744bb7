/**
 * Writes import records as article files, `articles/YYYY/MM/slug.md`, in the
 * project's own contract, so an imported archive is kept exactly like a
 * hand-written one. Each file is checked by the same parser as `npm run
 * check` before it is written, written atomically and never over a file the
 * import did not write (or that was edited since): see ImportLedger.
 */
import fs from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { calendarDay, calendarPath } from "../model/dates.ts";
import type { Diagnostic } from "../model/diagnostics.ts";
import { articlePath, RESERVED_ARTICLE_SLUGS, RESERVED_TOP_LEVEL, SINGLETON_PATHS } from "../model/urls.ts";
import { ARTICLES_DIR, checkRedirectPath, parseArticle, type ArticleContext } from "../content/parseArticle.ts";
import type { SiteData } from "../content/siteData.ts";
import { convertBody, type BodyOptions, type ConvertedBody, type LocalPhoto } from "./bodies/convertBody.ts";
import type { ImportRecord, PhotoReference, RecordNote } from "./importRecord.ts";
import { hashText, type ImportLedger } from "./importLedger.ts";
import { photoFileName, withHashSuffix, type MediaFolder } from "./importPhotos.ts";

/** What the body converter says of a photo it was given no local copy for. */
const PHOTO_NOT_FOUND = "photo not found in --media: ";

export type WriteOutcome =
  | { kind: "imported" | "updated" | "unchanged"; file: string; renamedFrom?: string }
  | { kind: "left-alone"; file: string; why: "changed at the source (use --update to take the change)" | "edited by hand since it was imported" | "deleted since it was imported" }
  | { kind: "invalid"; messages: string[] };

export interface WrittenRecord {
  outcome: WriteOutcome;
  notes: RecordNote[];
  photosCopied: number;
  photosMissing: number;
  redirects: number;
}

export interface WriterOptions {
  root: string;
  site: SiteData;
  context: ArticleContext;
  ledger: ImportLedger;
  media?: MediaFolder;
  dryRun: boolean;
  update: boolean;
  wordpress?: BodyOptions["wordpress"];
}

/** A photo to copy beside its article, once the article is known to be good. */
interface PlannedPhoto {
  source: string;
  bytes: Buffer;
  /** Relative to the project. */
  target: string;
}

/** Writes `text` to `target` through a temporary file: a reader (or a kill) never sees half a file. `exclusive`: never replace a file. */
function writeAtomically(target: string, content: string | Buffer, exclusive: boolean): "written" | "exists" {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.import-${process.pid}`);
  fs.writeFileSync(temporary, content);
  try {
    // link() fails when the target exists: no check-then-write race with an editor saving the same file.
    if (exclusive) fs.linkSync(temporary, target);
    else fs.renameSync(temporary, target);
    return "written";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return "exists";
    throw error;
  } finally {
    if (exclusive) fs.rmSync(temporary, { force: true });
  }
}

function readIfExists(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export class ArticleWriter {
  /** Per `articles/YYYY/MM` folder: the article file names present or planned. */
  private readonly namesByFolder = new Map<string, Set<string>>();
  /** Photos planned or present this run, by project-relative path: their content hash. */
  private readonly photoHashes = new Map<string, string>();
  /** Former URLs claimed by records of this run. */
  private readonly formerUrls = new Map<string, string>();

  private wordpress: BodyOptions["wordpress"];

  private readonly sectionSlugs: ReadonlySet<string>;

  constructor(private readonly options: WriterOptions) {
    this.wordpress = options.wordpress;
    this.sectionSlugs = new Set(options.site.sections.map((s) => s.slug));
  }

  /** A WordPress export's media library, known once its first pass is read. */
  useWordPress(lookups: NonNullable<BodyOptions["wordpress"]>): void {
    this.wordpress = lookups;
  }

  /**
   * Whether a record needs its article rendered (converted, assembled, checked): not when the ledger already
   * decides it (unchanged, or left alone). Read before a record is sent to a render worker.
   */
  needsRendering(record: ImportRecord): boolean {
    const entry = this.options.ledger.get(record.sourceKey);
    return !entry || (entry.sourceHash !== record.sourceHash && this.options.update);
  }

  /**
   * The order-dependent first step, taken in source order: the record's photos found, checked and named, and
   * the slug it would take now. What a render worker needs to render it ahead of its turn.
   */
  async plan(record: ImportRecord): Promise<RenderPlan> {
    const folder = folderOf(record);
    const placement = await this.placePhotos(record, folder);
    const file = this.options.ledger.get(record.sourceKey)?.file;
    const slug = file ? path.posix.basename(file, ".md") : (this.slugCandidates(folder, record.slug)[0] ?? record.slug);
    return { folder, slug, placement };
  }

  /**
   * The order-independent part, as a render worker runs it ahead of the record's turn: the body converted, the
   * article assembled for the planned slug and checked. Claims of other records are not known here; `write`
   * uses the result only when its own decisions (slug, former URLs) come out the same.
   */
  render(record: ImportRecord, plan: { folder: string; slug: string; placement: PlacementView }): RenderedArticle {
    const placement: PhotoPlacement = { ...plan.placement, planned: [], problems: [] };
    const converted = convertBody(record.body, this.bodyOptions(placement));
    if (this.unknownPhotos(converted, placement).length > 0) return { slug: plan.slug, converted };
    const body = this.finishBody(record, converted, placement, []);
    const article = this.assemble(record, body, plan.folder, plan.slug);
    return { slug: plan.slug, converted, article: "messages" in article ? article : { text: article.text, redirects: article.redirects, notes: article.notes } };
  }

  async write(record: ImportRecord, planned?: { plan: RenderPlan; rendered?: RenderedArticle }): Promise<WrittenRecord> {
    const notes: RecordNote[] = [...record.notes];
    const result = (outcome: WriteOutcome, extra: Partial<WrittenRecord> = {}): WrittenRecord => ({ outcome, notes, photosCopied: 0, photosMissing: 0, redirects: 0, ...extra });
    const { ledger, root } = this.options;
    const entry = ledger.get(record.sourceKey);
    let file: string | undefined;
    if (entry) {
      const current = readIfExists(path.join(root, entry.file));
      if (!current) return result({ kind: "left-alone", file: entry.file, why: "deleted since it was imported" });
      if (hashText(current) !== entry.fileHash) return result({ kind: "left-alone", file: entry.file, why: "edited by hand since it was imported" });
      if (entry.sourceHash === record.sourceHash) return result({ kind: "unchanged", file: entry.file });
      if (!this.options.update) return result({ kind: "left-alone", file: entry.file, why: "changed at the source (use --update to take the change)" });
      file = entry.file;
    }

    const folder = folderOf(record);
    const body = await this.prepareBody(record, folder, notes, planned?.plan.placement, planned?.rendered?.converted);
    const rendered = planned?.rendered?.article;
    const candidates = file ? [path.posix.basename(file, ".md")] : this.slugCandidates(folder, record.slug);
    for (const slug of candidates) {
      const target = `${folder}/${slug}.md`;
      const article = this.reuseRendered(record, rendered, planned?.rendered?.slug, body, folder, slug) ?? this.assemble(record, body, folder, slug);
      if ("messages" in article) return result({ kind: "invalid", messages: article.messages });
      const extra = { photosCopied: article.photos.length, photosMissing: body.missing, redirects: article.redirects.length };
      const existing = readIfExists(path.join(root, target));
      const same = existing?.equals(Buffer.from(article.text)) ?? false;
      // A file the import did not write (or wrote for another record) keeps its name, unless it is this very article.
      if (existing && !file && (ledger.ownerOf(target) || !same)) continue;
      notes.push(...article.notes);
      if (same && existing) {
        ledger.record({ sourceKey: record.sourceKey, file: target, sourceHash: record.sourceHash, fileHash: hashText(existing) });
        this.claim(folder, slug, article.redirects, target);
        return result({ kind: "unchanged", file: target }, extra);
      }
      if (!this.options.dryRun) {
        for (const photo of article.photos) writeAtomically(path.join(root, photo.target), photo.bytes, true);
        if (writeAtomically(path.join(root, target), article.text, !file) === "exists") continue;
      }
      ledger.record({ sourceKey: record.sourceKey, file: target, sourceHash: record.sourceHash, fileHash: hashText(article.text) });
      this.claim(folder, slug, article.redirects, target);
      const renamedFrom = slug !== record.slug ? record.slug : undefined;
      return result({ kind: file ? "updated" : "imported", file: target, ...(renamedFrom ? { renamedFrom } : {}) }, extra);
    }
    return result({ kind: "invalid", messages: [`slug: "${record.slug}" and ${MAX_SLUG_TRIES - 1} numbered variants are all taken in ${folder}`] });
  }

  /**
   * `slug`, then `slug-2`, `slug-3`...: the first free one wins, so the choice depends only on what is
   * already there. Names written this run are out; names on disk are tried (taken only if their content differs).
   */
  private slugCandidates(folder: string, slug: string): string[] {
    const planned = this.plannedNames(folder);
    const candidates: string[] = [];
    for (let n = 1; candidates.length < MAX_SLUG_TRIES; n++) {
      const candidate = n === 1 ? slug : `${slug}-${n}`;
      if (!RESERVED_ARTICLE_SLUGS.has(candidate) && !planned.has(candidate)) candidates.push(candidate);
    }
    return candidates;
  }

  private plannedNames(folder: string): Set<string> {
    let names = this.namesByFolder.get(folder);
    if (!names) {
      names = new Set();
      this.namesByFolder.set(folder, names);
    }
    return names;
  }

  private claim(folder: string, slug: string, redirects: string[], file: string): void {
    this.plannedNames(folder).add(slug);
    for (const from of redirects) this.formerUrls.set(from.toLowerCase(), file);
  }

  /** A worker's rendering of this record, when it was made for the slug and former URLs decided now. */
  private reuseRendered(record: ImportRecord, rendered: RenderedArticle["article"], renderedSlug: string | undefined, body: PreparedBody, folder: string, slug: string): AssembledArticle | { messages: string[] } | undefined {
    if (!rendered || renderedSlug !== slug) return undefined;
    if ("messages" in rendered) return rendered;
    const redirects = this.formerUrlsOf(record, articlePath(record.published, slug), []);
    if (redirects.length !== rendered.redirects.length || redirects.some((r, i) => r !== rendered.redirects[i])) return undefined;
    return { text: rendered.text, photos: body.photos, redirects, notes: rendered.notes };
  }

  private bodyOptions(photos: PlacementView): BodyOptions {
    const resolvePhoto = (ref: PhotoReference): LocalPhoto | undefined => photos.bySource.get(ref.url);
    return { resolvePhoto, wordpress: this.wordpress, embedHosts: this.options.site.site.embedHosts };
  }

  private unknownPhotos(converted: ConvertedBody, photos: PlacementView): ConvertedBody["photos"] {
    return converted.photos.filter((p) => !photos.bySource.has(p.ref.url) && !photos.missing.has(p.ref.url));
  }

  /** The body in Markdown, its photos placed (found, checked, named) but not yet copied. `placed` and `converted`: done ahead (plan, render). */
  private async prepareBody(record: ImportRecord, folder: string, notes: RecordNote[], placed?: PhotoPlacement, converted?: ConvertedBody): Promise<PreparedBody> {
    const photos = placed ?? (await this.placePhotos(record, folder));
    let body = converted ?? convertBody(record.body, this.bodyOptions(photos));
    // Photos the first look did not know (a gallery's attachments, found by the converter): place them, convert again.
    const unknown = this.unknownPhotos(body, photos);
    if (unknown.length > 0) {
      await this.placeUrls(unknown.map((p) => p.ref.url), folder, photos);
      body = convertBody(record.body, this.bodyOptions(photos));
    }
    return this.finishBody(record, body, photos, notes);
  }

  private finishBody(record: ImportRecord, converted: ConvertedBody, photos: PhotoPlacement, notes: RecordNote[]): PreparedBody {
    const seen = new Set(notes.map((n) => n.message));
    // A photo that could not be placed is said once, with the reason the placement knows (below).
    const isMissNote = (note: RecordNote): boolean => note.message.startsWith(PHOTO_NOT_FOUND) && photos.missing.has(note.message.slice(PHOTO_NOT_FOUND.length));
    for (const note of converted.notes) if (!seen.has(note.message) && !isMissNote(note)) notes.push(note);
    for (const problem of photos.problems) notes.push({ message: problem });
    const lead = record.leadPhoto && photos.bySource.get(record.leadPhoto.url);
    const used = new Set([...converted.photos.map((p) => p.local?.src), lead?.src].filter(Boolean));
    return {
      markdown: converted.markdown,
      lead,
      photos: photos.planned.filter((p) => used.has(path.posix.basename(p.target))),
      missing: converted.photos.filter((p) => !p.local).length + (record.leadPhoto && !lead ? 1 : 0),
    };
  }

  /** The article's whole text for one slug, checked by the project's own parser, or why it cannot be imported. */
  private assemble(record: ImportRecord, body: PreparedBody, folder: string, slug: string): AssembledArticle | { messages: string[] } {
    const notes: RecordNote[] = [];
    const redirects = this.formerUrlsOf(record, articlePath(record.published, slug), notes);
    const frontMatter: Record<string, unknown> = { title: record.title, date: record.published.iso };
    if (record.updated) frontMatter.updated = record.updated.iso;
    frontMatter.section = record.section;
    if (record.authors.length === 1) frontMatter.author = record.authors[0];
    else if (record.authors.length > 1) frontMatter.author = record.authors;
    if (record.dateline) frontMatter.dateline = record.dateline;
    if (record.excerpt) frontMatter.excerpt = record.excerpt;
    if (record.tags.length > 0) frontMatter.tags = record.tags;
    if (record.leadPhoto && body.lead) {
      const image: Record<string, string> = { src: body.lead.src, alt: record.leadPhoto.alt };
      if (record.leadPhoto.caption) image.caption = record.leadPhoto.caption;
      if (record.leadPhoto.credit) image.credit = record.leadPhoto.credit;
      frontMatter.image = image;
    }
    if (redirects.length === 1) frontMatter.redirect_from = redirects[0];
    else if (redirects.length > 1) frontMatter.redirect_from = redirects;
    if (record.draft) frontMatter.draft = true;
    // As `npm run new` writes: the core schema quotes whatever would not read back as the same string.
    const yaml = stringify(frontMatter, { schema: "core", lineWidth: 0 });
    const text = `---\n${yaml}---\n\n${body.markdown.trim() ? body.markdown : ""}`;
    const problems = this.checkText(`${folder}/${slug}.md`, text);
    if (problems.length > 0) return { messages: problems };
    return { text, photos: body.photos, redirects, notes };
  }

  /** The project's own check of one file: errors are the import's (a bug or a value the contract refuses), never the editor's. */
  private checkText(file: string, text: string): string[] {
    const diagnostics: Diagnostic[] = [];
    parseArticle(file, text, this.options.context, diagnostics);
    return diagnostics.filter((d) => d.severity === "error").map((d) => `${d.field ? `${d.field}: ` : ""}${d.message}`);
  }

  /**
   * Whether a former URL (without a query) is one of the archive's own listing pages, by its shape alone: the
   * home page, a section, a date page, the tag and author folders. The full check (every page of the built site)
   * is `npm run check`'s; this keeps an import from writing what that check would refuse.
   */
  private isSitePage(formerUrl: string): boolean {
    if (formerUrl.includes("?")) return false;
    const lower = formerUrl.toLowerCase();
    if (SINGLETON_PATHS.includes(lower)) return true;
    const segments = lower.split("/").filter(Boolean);
    const first = segments[0];
    if (first === undefined) return true;
    if (RESERVED_TOP_LEVEL.has(first)) return true;
    // A section's pages are /news/ and /news/page/2/; an old /news/some-story/ is free.
    if (this.sectionSlugs.has(first)) return segments.length === 1 || segments[1] === "page";
    return /^\/\d{4}\/(?:\d{2}\/(?:\d{2}\/)?)?$/.test(lower);
  }

  private formerUrlsOf(record: ImportRecord, url: string, notes: RecordNote[]): string[] {
    const kept: string[] = [];
    for (const from of record.redirectFrom) {
      let candidate = from;
      try {
        // An absolute URL on the old host: its path (and query) is what readers kept.
        if (/^https?:\/\//i.test(from)) candidate = new URL(from).pathname + new URL(from).search;
      } catch {
        // checked below
      }
      const checked = checkRedirectPath(candidate, this.options.site.site.url);
      if (typeof checked !== "string") {
        notes.push({ message: `former URL left out: ${checked.problem}` });
        continue;
      }
      // WordPress's /yyyy/mm/dd/slug/ permalinks are often this archive's own URL: nothing to redirect.
      if (checked === url || kept.includes(checked)) continue;
      if (this.isSitePage(checked)) {
        notes.push({ message: `former URL ${checked} left out: it is a page of this archive (a redirect would replace it)` });
        continue;
      }
      const holder = this.formerUrls.get(checked.toLowerCase());
      if (holder) {
        notes.push({ message: `former URL ${checked} left out: ${holder} already redirects it` });
        continue;
      }
      kept.push(checked);
    }
    return kept;
  }

  private async placePhotos(record: ImportRecord, folder: string): Promise<PhotoPlacement> {
    const placement: PhotoPlacement = { bySource: new Map(), missing: new Set(), planned: [], problems: [] };
    const urls = [record.leadPhoto?.url, ...imageUrlsIn(record.body.content)].filter((u): u is string => Boolean(u));
    await this.placeUrls(urls, folder, placement);
    return placement;
  }

  private async placeUrls(urls: string[], folder: string, placement: PhotoPlacement): Promise<void> {
    for (const url of new Set(urls)) {
      if (placement.bySource.has(url) || placement.missing.has(url)) continue;
      const source = this.options.media?.locate(url);
      if (!source || !this.options.media) {
        placement.missing.add(url);
        placement.problems.push(this.options.media ? `${PHOTO_NOT_FOUND}${url}` : `photo not imported (no --media folder given): ${url}`);
        continue;
      }
      const checked = await this.options.media.check(source);
      if (!checked.ok) {
        placement.missing.add(url);
        placement.problems.push(`photo not imported: ${checked.problem}`);
        continue;
      }
      const name = this.photoName(folder, photoFileName(source), checked.hash);
      placement.bySource.set(url, { src: name });
      placement.planned.push({ source, bytes: checked.bytes, target: `${folder}/${name}` });
    }
  }

  /** The photo's name in the folder: its own, or with a hash when another photo already has that name. */
  private photoName(folder: string, name: string, hash: string): string {
    for (const candidate of [name, withHashSuffix(name, hash)]) {
      const target = `${folder}/${candidate}`;
      let known = this.photoHashes.get(target);
      if (known === undefined) {
        const existing = readIfExists(path.join(this.options.root, target));
        if (existing) known = hashText(existing);
      }
      if (known === undefined || known === hash) {
        this.photoHashes.set(target, hash);
        return candidate;
      }
    }
    return withHashSuffix(name, hash);
  }
}

/** Attempts at a free slug (`slug`, `slug-2`...) before the record is reported. */
const MAX_SLUG_TRIES = 50;

interface PreparedBody {
  markdown: string;
  lead?: LocalPhoto;
  photos: PlannedPhoto[];
  missing: number;
}

interface AssembledArticle {
  text: string;
  photos: PlannedPhoto[];
  redirects: string[];
  notes: RecordNote[];
}

interface PhotoPlacement extends PlacementView {
  planned: PlannedPhoto[];
  problems: string[];
}

/** Where a record's photos went: what the body converter needs (and what a render worker is sent). */
export interface PlacementView {
  bySource: Map<string, LocalPhoto>;
  missing: Set<string>;
}

/** The order-dependent decisions for a record, taken in source order before it is rendered. */
export interface RenderPlan {
  folder: string;
  /** The slug the record would take when planned; `write` checks it is still the one. */
  slug: string;
  placement: PhotoPlacement;
}

/** A record rendered ahead of its turn (by a render worker). No article when the converter found photos the plan did not place. */
export interface RenderedArticle {
  slug: string;
  converted: ConvertedBody;
  article?: { text: string; redirects: string[]; notes: RecordNote[] } | { messages: string[] };
}

/** `articles/YYYY/MM`: the folder of a record's month, in the site's zone. */
function folderOf(record: ImportRecord): string {
  const day = calendarDay(record.published);
  return `${ARTICLES_DIR}/${calendarPath(day.year, day.month)}`;
}

/** `src` of every `<img>` and Markdown image, a first look before conversion (the converter finds the rest). */
function imageUrlsIn(content: string): string[] {
  const urls: string[] = [];
  for (const match of content.matchAll(/<img\b[^>]*?\ssrc\s*=\s*["']([^"']+)["']/gi)) if (match[1]) urls.push(match[1]);
  for (const match of content.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g)) if (match[1]) urls.push(match[1]);
  return urls;
}
