import { hashString, unitFloat } from './seeded-random';

// In a few percent of minutes a cross pair (BTC/USDT, ETH/BTC) trades away from what its legs
// imply, by 0.3-1.5 %: the edge an arbitrage strategy looks for. Seeded per pair and minute, so
// a run can be replayed exactly; the whole minute is dislocated, bars included.
const DISLOCATED_SHARE = 0.03;
const MIN_DISLOCATION = 0.003;
const MAX_DISLOCATION = 0.015;

/** Relative dislocation of `symbol` during the minute containing `atMs`; 0 in most minutes. */
export function crossPairDislocation(seed: string, symbol: string, atMs: number): number {
  const key = hashString(`${seed}|${symbol}|dislocation`);
  const minute = Math.floor(atMs / 60_000);
  if (unitFloat(key, minute) >= DISLOCATED_SHARE) return 0;
  const size = MIN_DISLOCATION + (MAX_DISLOCATION - MIN_DISLOCATION) * unitFloat(key, minute, 1);
  return unitFloat(key, minute, 2) < 0.5 ? -size : size;
}
