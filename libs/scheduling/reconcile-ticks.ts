// The reconciler runs on wall-clock ticks aligned to its interval (every minute on the minute by
// default), so any process can compute the next one: the API reports it as `next_reload`.

export function nextTickAt(nowMs: number, intervalSeconds: number): Date {
  const intervalMs = intervalSeconds * 1000;
  return new Date((Math.floor(nowMs / intervalMs) + 1) * intervalMs);
}

export function msUntilNextTick(nowMs: number, intervalSeconds: number): number {
  return Math.max(nextTickAt(nowMs, intervalSeconds).getTime() - nowMs, 1);
}
