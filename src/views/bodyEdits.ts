/**
 * The archive after edits that change article bodies alone, made from the
 * previous archive instead of assembled again: the dev server's most common
 * save (a typo, a paragraph), which at 100,000 articles would otherwise sort,
 * list and cross-check every article again (src/views/archive.ts).
 *
 * An edit is a body edit when the file's parse shows the same to other pages
 * as before (its `shownHash`: every parsed field but the body), with the same
 * links to other articles, and the article keeps its place (published,
 * scheduled or draft). Then every listing, feed, sidebar, related list and
 * cross-check is what assembly would make again, and only what reads the body
 * or the file's hash needs the new article object.
 *
 * So the edited archive shares the previous one's lists. The lists other pages
 * show (listings, feeds, sidebars, the values of related reading and
 * neighbours, corrections, redirects) keep the article objects from before the
 * edit: they show only what `shownIdentity` covers, which a body edit leaves as
 * it was. What reads the body or the content hash gets the new object:
 * `articles`, `scheduled`, `mustRead`, the keys of the per-article maps, and
 * `sources` (and the search shards, which the build keeps: src/publish/bodyEdits.ts).
 */
import type { Article } from "../model/article.ts";
import { countErrors, sortDiagnostics } from "../model/diagnostics.ts";
import type { CachedSource, LoadOptions, SourcesRead } from "../content/loadSources.ts";
import { assemblyOf, keepAssembly, placeOf, type Archive } from "./archive.ts";

/** An edited article: its object in the previous archive, and the one that takes its place. */
export interface BodyEdit {
  before: Article;
  after: Article;
}

export interface EditedArchive {
  archive: Archive;
  /** The edited articles the archive shows (a draft not complete enough to preview has none). */
  edits: BodyEdit[];
}

/** More changed files than this, and assembling the archive again costs little more than checking them one by one. */
export const MAX_BODY_EDITS = 100;

/**
 * The archive `read` makes, from `previous`, when every file that changed since is a body edit; undefined
 * otherwise (or when `previous` was not assembled with the same options), and the caller assembles it.
 * `options.now` is the time the sources were read at.
 */
export function withBodyEdits(previous: Archive, read: Extract<SourcesRead, { ok: true }>, options: LoadOptions & { now: number }): EditedArchive | undefined {
  const assembly = assemblyOf(previous);
  if (!assembly || assembly.includeFuture !== Boolean(options.includeFuture) || assembly.includeDrafts !== Boolean(options.includeDrafts)) return undefined;
  const { setup } = read;
  if (setup.files.length !== previous.sources.size) return undefined;
  // Site data and Must Read as before (a change of either reaches pages the edit does not).
  if (JSON.stringify([setup.site, setup.sections, setup.mustRead.articles]) !== JSON.stringify([previous.site, previous.sections, assembly.mustRead])) return undefined;
  if (!samePlaces(previous, assembly.now, options.now)) return undefined;

  const changed: Array<{ sourcePath: string; before: CachedSource; after: CachedSource }> = [];
  for (const [i, sourcePath] of setup.files.entries()) {
    const after = read.read[i];
    const before = previous.sources.get(sourcePath);
    if (!after || !before) return undefined;
    if (after === before) continue;
    if (changed.length === MAX_BODY_EDITS || !isBodyEdit(before, after)) return undefined;
    changed.push({ sourcePath, before, after });
  }

  const edits: BodyEdit[] = [];
  const sources = new Map(previous.sources);
  for (const { sourcePath, before, after } of changed) {
    sources.set(sourcePath, after);
    const shown = before.result.article && findArticle(previous, sourcePath);
    const place = placeOf(after, options.now, options);
    if (!shown || !place.article) continue;
    // The preview mark is the previous object's (its place is the same: `samePlaces`).
    edits.push({ before: shown, after: place.article });
  }
  // Errors (a file that no longer reads, say): assembly reports them.
  if (countErrors(read.diagnostics) > 0) return undefined;
  return { archive: withArticlesReplaced(previous, edits, { sources, loadDiagnostics: read.diagnostics, now: options.now }), edits };
}

/** Same kind, same shown fields (`shownHash`), same links to other articles: only the body (or the file's bytes) changed. */
function isBodyEdit(before: CachedSource, after: CachedSource): boolean {
  if (before.result.kind !== after.result.kind) return false;
  const was = before.result.article;
  const is = after.result.article;
  if (!was || !is) return was === is;
  if (was.shownHash === undefined || was.shownHash !== is.shownHash || was.sourcePath !== is.sourcePath) return false;
  return JSON.stringify(before.links ?? []) === JSON.stringify(after.links ?? []);
}

/**
 * Whether every article is where it was: time moved on (never back), and no scheduled article's date came between
 * the two reads. (An article can only change place by its date: the kind and date of an edited one are as before.)
 */
function samePlaces(previous: Archive, then: number, now: number): boolean {
  if (now < then) return false;
  const firstHeldBack = previous.scheduled[0];
  if (firstHeldBack && firstHeldBack.published.millis <= now) return false;
  return previous.articles.every((article) => article.preview !== "scheduled" || article.published.millis > now);
}

/** The previous archive's object for a source (a preview's is a copy of the parsed article, with its mark). */
function findArticle(archive: Archive, sourcePath: string): Article | undefined {
  return archive.articles.find((a) => a.sourcePath === sourcePath) ?? archive.scheduled.find((a) => a.sourcePath === sourcePath);
}

function withArticlesReplaced(previous: Archive, edits: readonly BodyEdit[], now: { sources: Archive["sources"]; loadDiagnostics: Archive["diagnostics"]; now: number }): Archive {
  const assembly = assemblyOf(previous);
  const crossChecks = assembly?.crossChecks ?? [];
  const swap = new Map(edits.map((edit) => [edit.before, edit.after]));
  const replace = (article: Article): Article => swap.get(article) ?? article;
  const rekeyed = <V>(map: ReadonlyMap<Article, V>): ReadonlyMap<Article, V> => {
    if (edits.length === 0) return map;
    const copy = new Map(map);
    for (const { before, after } of edits) {
      if (!copy.has(before)) continue;
      copy.set(after, copy.get(before) as V);
      copy.delete(before);
    }
    return copy;
  };
  const archive: Archive = {
    // The lazily made maps (related reading, neighbours, sidebars) are made here if they were not yet.
    ...previous,
    articles: edits.length === 0 ? previous.articles : previous.articles.map(replace),
    scheduled: edits.length === 0 ? previous.scheduled : previous.scheduled.map(replace),
    mustRead: previous.mustRead.map(replace),
    related: rekeyed(previous.related),
    neighbours: rekeyed(previous.neighbours),
    sidebarsBefore: rekeyed(previous.sidebarsBefore),
    sources: now.sources,
    // The sources' own diagnostics as read now, and the cross-checks as assembly made them (their inputs are as before).
    diagnostics: sortDiagnostics([...now.loadDiagnostics, ...crossChecks]),
  };
  if (assembly) keepAssembly(archive, { ...assembly, now: now.now });
  return archive;
}
