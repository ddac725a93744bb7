/**
 * One import, from a source file to article files: the reader for its format
 * yields records one at a time (streaming: memory stays flat whatever the
 * file's size), the writer turns each into a checked article, and the tally
 * keeps what the summary reports. A bad record is skipped with its position;
 * the rest goes on.
 */
import path from "node:path";
import { parseContextFor } from "../content/loadSources.ts";
import type { SiteData } from "../content/siteData.ts";
import { createProgress, type ProgressSink } from "../publish/progress.ts";
import { ArticleWriter, type WrittenRecord } from "./articleWriter.ts";
import { countRecords } from "./countRecords.ts";
import type { ImportMap } from "./importMap.ts";
import { ImportLedger } from "./importLedger.ts";
import { MediaFolder } from "./importPhotos.ts";
import type { ImportRecord, ReadResult } from "./importRecord.ts";
import { emptyTally, noteLeftAlone, noteSkipped, type ImportTally } from "./importSummary.ts";
import { readTabular } from "./tabular/readTabular.ts";
import { readWxr, type DateSource } from "./wxr/readWxr.ts";
import { wordpressLookups, type WxrChannel } from "./wxr/wxrChannel.ts";
import { RenderPool, renderWorkerCount } from "./renderPool.ts";
import type { RenderPlan, RenderedArticle } from "./articleWriter.ts";

export type ImportFormat = "wxr" | "jsonl" | "json" | "csv";

export interface ImportOptions {
  /** The project: `articles/` and `_data/` are in it. */
  root: string;
  file: string;
  format: ImportFormat;
  map: ImportMap;
  site: SiteData;
  mediaDir?: string;
  dryRun: boolean;
  update: boolean;
  /** WordPress post types to import (default: posts only). */
  postTypes?: readonly string[];
  /** Where progress lines go (tests pass one; the command writes to the terminal). */
  progressSink?: ProgressSink;
}

export class ImportSetupError extends Error {}

interface SourceRead {
  result: ReadResult;
  dateSource?: DateSource;
}

async function* readSource(options: ImportOptions, onChannel: (channel: WxrChannel) => void): AsyncGenerator<SourceRead> {
  if (options.format === "wxr") {
    yield* readWxr(options.file, { map: options.map, site: options.site, postTypes: options.postTypes ?? options.map.wordpress?.postTypes, onChannel });
    return;
  }
  for await (const result of readTabular(options.file, options.format, options.map, options.site)) yield { result };
}


function tallyWritten(tally: ImportTally, record: ImportRecord, written: WrittenRecord): void {
  const { outcome } = written;
  if (outcome.kind === "invalid") {
    noteSkipped(tally, "not valid as an article", record.position, outcome.messages.join("; "));
    return;
  }
  if (outcome.kind === "left-alone") {
    noteLeftAlone(tally, outcome.why, outcome.file);
    return;
  }
  tally[outcome.kind]++;
  if (outcome.kind !== "unchanged") {
    tally.photosCopied += written.photosCopied;
    tally.photosMissing += written.photosMissing;
    tally.redirects += written.redirects;
    if (outcome.kind === "imported" && outcome.renamedFrom) tally.renamed.push(`${outcome.file} (wanted ${outcome.renamedFrom})`);
    for (const note of written.notes) tally.notes.push(`${outcome.file}: ${note.message}`);
  }
}

/** Records rendered ahead of the one being written: enough to keep every worker busy, few enough to keep memory flat. */
const RENDER_WINDOW = 64;

/** Runs the import; the tally says what happened. Throws ImportSetupError when the file is not what its format says. */
export async function runImport(options: ImportOptions): Promise<ImportTally> {
  const tally = emptyTally();
  const context = parseContextFor(options.root);
  if (!context) throw new ImportSetupError("the project's site data (_data/) has errors: run npm run check");
  const ledger = ImportLedger.open(options.root, !options.dryRun);
  const media = options.mediaDir ? new MediaFolder(path.resolve(options.mediaDir)) : undefined;
  const writer = new ArticleWriter({ root: options.root, site: options.site, context, ledger, media, dryRun: options.dryRun, update: options.update });
  // Workers start with the first record that needs rendering: a re-import where all is unchanged starts none.
  let pool: RenderPool | undefined;
  let startWorkers: (() => RenderPool) | undefined;
  const startPool = (records: number, channel?: WxrChannel): void => {
    const workers = renderWorkerCount(records);
    if (workers < 1) return;
    const init = { root: options.root, now: context.now ?? Date.now(), ...(channel ? { attachmentsById: channel.attachmentsById, attachmentsByPath: channel.attachmentsByPath } : {}) };
    startWorkers = () => new RenderPool(workers, init);
  };
  let progress: ReturnType<typeof createProgress> | undefined;
  if (options.format !== "wxr") {
    const total = await countRecords(options.file, options.format);
    progress = createProgress("import", total, options.progressSink);
    startPool(total);
  }
  const onChannel = (channel: WxrChannel): void => {
    writer.useWordPress(wordpressLookups(channel.attachmentsById, channel.attachmentsByPath));
    progress = createProgress("import", channel.itemCount, options.progressSink);
    startPool(channel.itemCount, channel);
  };
  // Records planned and sent to the workers, written in source order: a window keeps memory flat.
  const inFlight: Array<{ record: ImportRecord; plan?: RenderPlan; rendered: Promise<RenderedArticle | undefined> }> = [];
  const writeOldest = async (): Promise<void> => {
    const next = inFlight.shift();
    if (!next) return;
    const rendered = await next.rendered;
    tallyWritten(tally, next.record, await writer.write(next.record, next.plan ? { plan: next.plan, ...(rendered ? { rendered } : {}) } : undefined));
  };
  if (options.format === "wxr") tally.dateSources.localZone = options.map.timezone ?? options.site.site.timezone;
  try {
    for await (const { result, dateSource } of readSource(options, onChannel)) {
      progress?.tick();
      if (result.kind === "ignored") {
        tally.ignored.set(result.what, (tally.ignored.get(result.what) ?? 0) + 1);
        continue;
      }
      if (result.kind === "skipped") {
        noteSkipped(tally, result.skipped.reason, result.skipped.position, result.skipped.message);
        if (result.skipped.reason === "unmapped category") {
          for (const category of result.skipped.categories ?? ["(none)"]) tally.unmappedCategories.set(category, (tally.unmappedCategories.get(category) ?? 0) + 1);
        }
        continue;
      }
      if (dateSource) tally.dateSources[dateSource]++;
      const record = result.record;
      if (!pool && startWorkers && writer.needsRendering(record)) pool = startWorkers();
      if (!pool) {
        tallyWritten(tally, record, await writer.write(record));
        continue;
      }
      if (writer.needsRendering(record)) {
        const plan = await writer.plan(record);
        inFlight.push({ record, plan, rendered: pool.render(record, { folder: plan.folder, slug: plan.slug, placement: { bySource: plan.placement.bySource, missing: plan.placement.missing } }) });
      } else inFlight.push({ record, rendered: Promise.resolve(undefined) });
      while (inFlight.length > RENDER_WINDOW) await writeOldest();
    }
    while (inFlight.length > 0) await writeOldest();
  } finally {
    pool?.close();
    progress?.done();
    ledger.close();
  }
  return tally;
}
