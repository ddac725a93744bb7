/**
 * Watches a process and all its descendants through /proc (Linux): peak total
 * resident memory, and CPU time summed over every process seen.
 */
import fs from "node:fs";

const PAGE_SIZE = 4096;
const TICKS_PER_SECOND = 100;

interface Stat {
  ppid: number;
  cpuTicks: number;
  rssBytes: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may contain spaces and parentheses; fields follow the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return {
      ppid: Number(fields[1]),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      rssBytes: Number(fields[21]) * PAGE_SIZE,
    };
  } catch {
    return undefined;
  }
}

export interface TreeUsage {
  peakRssBytes: number;
  cpuSeconds: number;
  /** [seconds since the watch began, resident memory of the tree in bytes], about once a second. */
  memory: Array<[number, number]>;
}

export function watchProcessTree(rootPid: number, intervalMs = 200): { stop(): TreeUsage } {
  const cpuByPid = new Map<number, number>();
  let peakRssBytes = 0;
  const started = performance.now();
  const memory: Array<[number, number]> = [];
  const sample = (): void => {
    const stats = new Map<number, Stat>();
    for (const entry of fs.readdirSync("/proc")) {
      const pid = Number(entry);
      if (!Number.isInteger(pid)) continue;
      const stat = readStat(pid);
      if (stat) stats.set(pid, stat);
    }
    const inTree = new Set<number>([rootPid]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [pid, stat] of stats) {
        if (!inTree.has(pid) && inTree.has(stat.ppid)) {
          inTree.add(pid);
          grew = true;
        }
      }
    }
    let rss = 0;
    for (const pid of inTree) {
      const stat = stats.get(pid);
      if (!stat) continue;
      rss += stat.rssBytes;
      cpuByPid.set(pid, Math.max(cpuByPid.get(pid) ?? 0, stat.cpuTicks));
    }
    peakRssBytes = Math.max(peakRssBytes, rss);
    const seconds = (performance.now() - started) / 1000;
    if (memory.length === 0 || seconds - (memory[memory.length - 1]?.[0] ?? 0) >= 1) memory.push([seconds, rss]);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      let ticks = 0;
      for (const value of cpuByPid.values()) ticks += value;
      return { peakRssBytes, cpuSeconds: ticks / TICKS_PER_SECOND, memory };
    },
  };
}
