/**
 * Progress of long stages: on a terminal, one line rewritten in place (stage,
 * count, rate, time left); elsewhere (CI, pipes) a plain line every 10% so logs
 * stay short and line-based.
 */
export interface Progress {
  tick(count?: number): void;
  done(): void;
}

export type ProgressSink = (line: string, final: boolean) => void;

/**
 * Whether a person is at a terminal on each stream a command uses: the
 * progress line is rewritten in place on stderr, `npm run new` prompts on
 * stdout and reads stdin. CI runners sometimes allocate a terminal, so `CI`
 * rules it out too.
 */
export function isInteractive(stream: { isTTY?: boolean }, ...more: ReadonlyArray<{ isTTY?: boolean }>): boolean {
  return [stream, ...more].every((s) => s.isTTY === true) && !process.env.CI;
}

/** A stage shows progress once it has run this long: a short one (a republish, a dev server rebuild) says nothing. */
const MIN_SECONDS = 1;

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  return s >= 90 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`;
}

export function createProgress(stage: string, total: number, sink?: ProgressSink): Progress {
  const interactive = isInteractive(process.stderr);
  const write: ProgressSink =
    sink ??
    ((line, final) => {
      if (interactive) process.stderr.write(`\r\x1b[K${line}${final ? "\n" : ""}`);
      else process.stdout.write(`${line}\n`);
    });
  const start = performance.now();
  let count = 0;
  let lastShown = 0;
  let lastDecile = 0;
  let shown = false;
  const line = (): string => {
    const elapsed = (performance.now() - start) / 1000;
    const rate = count / Math.max(elapsed, 0.001);
    const left = (total - count) / Math.max(rate, 0.001);
    return `${stage}: ${count.toLocaleString("en")}/${total.toLocaleString("en")} (${rate < 10 ? rate.toFixed(1) : Math.round(rate).toLocaleString("en")}/s, ${formatSeconds(left)} left)`;
  };
  return {
    tick(n = 1) {
      count += n;
      const now = performance.now();
      if (!shown) {
        if (now - start < MIN_SECONDS * 1000 || count >= total) return;
        shown = true;
      }
      if (interactive) {
        if (now - lastShown > 250) {
          lastShown = now;
          write(line(), false);
        }
      } else {
        const decile = Math.floor((count / total) * 10);
        if (decile > lastDecile && decile < 10) {
          lastDecile = decile;
          write(line(), false);
        }
      }
    },
    done() {
      if (!shown) return;
      const seconds = (performance.now() - start) / 1000;
      if (interactive) write(`${stage}: ${count.toLocaleString("en")} in ${seconds.toFixed(1)} s`, true);
    },
  };
}
