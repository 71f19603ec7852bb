import type { Bar } from '../broker/broker.port';
import { mean } from './statistics';

function requireBars(bars: readonly Bar[], what: string): void {
  // Callers check bar counts first; an empty window here is a bug, not a market condition.
  if (bars.length === 0) throw new RangeError(`${what} needs at least one bar`);
}

/** The `count` bars just before the last (current) one, oldest first. */
export function barsBeforeLast(bars: readonly Bar[], count: number): Bar[] {
  return bars.slice(Math.max(0, bars.length - 1 - count), bars.length - 1);
}

export function highestHigh(bars: readonly Bar[]): number {
  requireBars(bars, 'highestHigh');
  return Math.max(...bars.map((bar) => bar.h));
}

export function lowestLow(bars: readonly Bar[]): number {
  requireBars(bars, 'lowestLow');
  return Math.min(...bars.map((bar) => bar.l));
}

export function averageVolume(bars: readonly Bar[]): number {
  requireBars(bars, 'averageVolume');
  return mean(bars.map((bar) => bar.v));
}
