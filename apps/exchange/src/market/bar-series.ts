import type { Asset } from './asset-catalog';
import type { BarValue, PriceBook } from './price-book';
import { bucketStart, type Timeframe } from './timeframe';

export interface BarQuery {
  assets: Asset[];
  timeframe: Timeframe;
  startMs: number;
  endMs: number;
  limit: number;
  sort: 'asc' | 'desc';
  /** Position in the concatenated (symbol, bucket) sequence: what the page token carries. */
  offset: number;
}

export interface BarPage {
  bars: Map<Asset, BarValue[]>;
  nextOffset: number | null;
}

/**
 * One page of bars for several symbols, ordered by symbol, then by time. Buckets are computed
 * arithmetically, so a window of years costs nothing until its bars are actually returned.
 * The limit counts bars across all symbols, as Alpaca's does.
 */
export function pageBars(prices: PriceBook, query: BarQuery, nowMs: number): BarPage {
  const { timeframe } = query;
  const aligned = bucketStart(timeframe, query.startMs);
  const first = aligned === query.startMs ? aligned : aligned + timeframe.ms;
  const last = bucketStart(timeframe, Math.min(query.endMs, nowMs));
  const perSymbol = last >= first ? (last - first) / timeframe.ms + 1 : 0;
  const total = perSymbol * query.assets.length;

  const bars = new Map<Asset, BarValue[]>();
  const end = Math.min(total, query.offset + query.limit);
  for (let position = query.offset; position < end; position++) {
    const asset = query.assets[Math.floor(position / perSymbol)];
    const index = position % perSymbol;
    const bucket = query.sort === 'asc' ? first + index * timeframe.ms : last - index * timeframe.ms;
    const list = bars.get(asset) ?? [];
    list.push(prices.bar(asset, timeframe, bucket));
    bars.set(asset, list);
  }
  return { bars, nextOffset: end < total ? end : null };
}
