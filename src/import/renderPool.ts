/**
 * Render workers for a large import: each record's body conversion, assembly and check (most of an import's
 * CPU) run in child processes while the main process reads the source and writes files, so an import uses
 * every core. Results are used in source order by ArticleWriter.write, which checks each against its own
 * decisions: the output is the same, byte for byte, with or without workers (tested).
 */
import type { ChildProcess } from "node:child_process";
import os from "node:os";
import { forkModule } from "../model/forkModule.ts";
import type { PlacementView, RenderedArticle } from "./articleWriter.ts";
import type { ImportRecord, PhotoReference } from "./importRecord.ts";

export interface RenderWorkerInit {
  root: string;
  now: number;
  attachmentsById?: Map<string, PhotoReference>;
  attachmentsByPath?: Map<string, PhotoReference>;
}

export interface RenderJob {
  id: number;
  record: ImportRecord;
  plan: { folder: string; slug: string; placement: PlacementView };
}

/** Below this many records the workers' start (about a second) costs more than they save. */
export const MIN_RECORDS_FOR_WORKERS = 2000;

/** How many render workers: `ARCHIVE_IMPORT_WORKERS`, else one per core (0 or 1: render in the main process). */
export function renderWorkerCount(records: number): number {
  const asked = process.env.ARCHIVE_IMPORT_WORKERS;
  if (asked !== undefined && asked !== "") return Math.max(0, Math.floor(Number(asked)) || 0);
  const cores = os.availableParallelism();
  return records >= MIN_RECORDS_FOR_WORKERS && cores > 1 ? cores : 0;
}

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  inFlight: number;
}

export class RenderPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { resolve: (rendered: RenderedArticle | undefined) => void; worker: Worker }>();
  private nextId = 0;
  private failed = false;

  constructor(count: number, init: RenderWorkerInit) {
    this.workers = Array.from({ length: count }, () => this.startWorker(init));
  }

  private startWorker(init: RenderWorkerInit): Worker {
    const child = forkModule(new URL("./renderWorker.ts", import.meta.url), { serialization: "advanced" });
    let markReady: () => void = () => {};
    const worker: Worker = { child, ready: new Promise((resolve) => (markReady = resolve)), inFlight: 0 };
    child.on("message", (message: { ready?: true; id?: number; rendered?: RenderedArticle }) => {
      if (message.ready) return markReady();
      if (message.id === undefined) return;
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      worker.inFlight--;
      waiting?.resolve(message.rendered);
    });
    // A worker that dies costs speed, not records: what it held is rendered again in the main process.
    child.on("exit", () => {
      this.failed = true;
      markReady();
      for (const [id, waiting] of this.pending) {
        if (waiting.worker !== worker) continue;
        this.pending.delete(id);
        waiting.resolve(undefined);
      }
    });
    child.send(init);
    return worker;
  }

  /** The record rendered by the least busy worker; undefined if no worker could (the caller renders it itself). */
  async render(record: ImportRecord, plan: RenderJob["plan"]): Promise<RenderedArticle | undefined> {
    const alive = this.workers.filter((w) => w.child.exitCode === null && w.child.connected);
    const worker = alive.sort((a, b) => a.inFlight - b.inFlight)[0];
    if (!worker) return undefined;
    await worker.ready;
    if (!worker.child.connected) return undefined;
    const id = this.nextId++;
    worker.inFlight++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, worker });
      const job: RenderJob = { id, record, plan };
      worker.child.send(job, (error) => {
        if (!error) return;
        this.pending.delete(id);
        worker.inFlight--;
        resolve(undefined);
      });
    });
  }

  get degraded(): boolean {
    return this.failed;
  }

  close(): void {
    for (const worker of this.workers) if (worker.child.connected) worker.child.disconnect();
  }
}
