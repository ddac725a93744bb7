/** Polls `probe` until it gives a value (a rejection counts as not yet); throws with `context()` after the timeout. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, options: { timeoutMs?: number; everyMs?: number; context?: () => string } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, options.everyMs ?? 250));
  }
  throw new Error(`Timed out waiting for ${what}.${options.context ? ` Server output:\n${options.context()}` : ""}`);
}
