import type { ExchangeStore } from '../store/exchange-store';
import type { CustomBarsRecord } from '../store/records';
import type { Asset } from './asset-catalog';
import { logPriceOffset, roundPrice } from './price-path';
import { hashString, unitFloat } from './seeded-random';
import { bucketStart, type Timeframe } from './timeframe';

export interface BarValue {
  /** Bucket start, epoch ms. */
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  n: number;
  vw: number;
}

export interface PriceBookOptions {
  seed: string;
  /** false: prices never move by themselves (deterministic tests). */
  drift: boolean;
}

// Typical traded value per minute (USD), used to derive reproducible bar volumes.
const USD_PER_MINUTE = { us_equity: 3_000_000, crypto: 1_000_000 };
const HALF_SPREAD = { us_equity: 0.0001, crypto: 0.0002 };
const MAX_SAMPLES_PER_BAR = 30;

/**
 * The price of every symbol at any instant, and bars derived from the same path.
 *
 * With drift on, a symbol follows its seeded path; an admin price "anchors" the path so that it
 * passes through the given price at the given instant (the whole path is rescaled, so the last
 * bar's close always equals the current price). With drift off, or for a symbol whose admin
 * price was frozen, the price is the anchor (or the symbol's base price) at all times.
 */
export class PriceBook {
  constructor(
    private readonly store: ExchangeStore,
    private readonly options: PriceBookOptions,
    private readonly now: () => number = Date.now,
  ) {}

  price(asset: Asset, atMs: number = this.now()): number {
    const anchor = this.store.priceAnchors.get(asset.symbol);
    if (!this.options.drift || anchor?.frozen) return anchor?.price ?? asset.basePrice;
    const offset = this.logOffset(asset, atMs);
    if (!anchor) return roundPrice(asset.basePrice * Math.exp(offset));
    if (atMs === anchor.atMs) return anchor.price;
    return roundPrice(anchor.price * Math.exp(offset - this.logOffset(asset, anchor.atMs)));
  }

  quote(asset: Asset): { bid: number; ask: number; price: number } {
    const price = this.price(asset);
    const half = HALF_SPREAD[asset.assetClass];
    const tick = price >= 1 ? 0.01 : 0.000001;
    const spread = Math.max(price * half, tick);
    return { bid: roundPrice(price - spread), ask: roundPrice(price + spread), price };
  }

  /** Sets the price now; the caller runs the matching engine afterwards. */
  /** `frozen`: the symbol keeps exactly this price (its bars too) until the next admin price. */
  setPrice(asset: Asset, price: number, frozen = false): void {
    this.store.priceAnchors.put({ id: asset.symbol, price, atMs: this.now(), ...(frozen ? { frozen } : {}) });
  }

  /** Replaces the most recent bars (oldest first); the last one is the current bucket. */
  setBars(asset: Asset, timeframe: Timeframe, bars: Array<{ o: number; h: number; l: number; c: number; v: number }>): void {
    const nowMs = this.now();
    const lastStart = bucketStart(timeframe, nowMs);
    const record: CustomBarsRecord = {
      id: `${asset.symbol}|${timeframe.label}`,
      symbol: asset.symbol,
      timeframe: timeframe.label,
      bucketMs: timeframe.ms,
      bars: bars.map((bar, i) => ({ ...bar, t: lastStart - (bars.length - 1 - i) * timeframe.ms })),
    };
    this.store.transaction(() => {
      this.store.customBars.put(record);
      this.store.priceAnchors.put({ id: asset.symbol, price: bars[bars.length - 1].c, atMs: nowMs });
    });
  }

  /** The bar of the bucket starting at `startMs` (the current bucket is partial, closing at now). */
  bar(asset: Asset, timeframe: Timeframe, startMs: number): BarValue {
    const nowMs = this.now();
    const current = startMs === bucketStart(timeframe, nowMs);
    const custom = this.customBar(asset, timeframe, startMs);
    if (custom) {
      if (!current) return custom;
      const c = this.price(asset, nowMs);
      return { ...custom, c, h: Math.max(custom.h, c), l: Math.min(custom.l, c) };
    }
    const endMs = Math.min(startMs + timeframe.ms, nowMs);
    const samples = Math.max(1, Math.min(MAX_SAMPLES_PER_BAR, Math.round(timeframe.ms / 60_000)));
    let h = -Infinity;
    let l = Infinity;
    for (let i = 0; i <= samples; i++) {
      const p = this.price(asset, startMs + ((endMs - startMs) * i) / samples);
      h = Math.max(h, p);
      l = Math.min(l, p);
    }
    const o = this.price(asset, startMs);
    const c = this.price(asset, endMs);
    const minutes = Math.max(endMs - startMs, 0) / 60_000;
    const v = this.volume(asset, startMs, minutes);
    return { t: startMs, o, h, l, c, v, n: tradeCount(v, asset), vw: roundPrice((h + l + c) / 3) };
  }

  private customBar(asset: Asset, timeframe: Timeframe, startMs: number): BarValue | undefined {
    const record = this.store.customBars.get(`${asset.symbol}|${timeframe.label}`);
    const bar = record?.bars.find((candidate) => candidate.t === startMs);
    if (!bar) return undefined;
    return { ...bar, n: tradeCount(bar.v, asset), vw: roundPrice((bar.h + bar.l + bar.c) / 3) };
  }

  private volume(asset: Asset, startMs: number, minutes: number): number {
    const base = (USD_PER_MINUTE[asset.assetClass] / asset.basePrice) * minutes;
    const noise = 0.5 + unitFloat(this.key(asset), 7919, Math.floor(startMs / 60_000));
    const v = base * noise;
    return asset.assetClass === 'crypto' ? Math.round(v * 1e4) / 1e4 : Math.round(v);
  }

  private logOffset(asset: Asset, atMs: number): number {
    return logPriceOffset(this.key(asset), atMs / 60_000, asset.volatilityPerMinute);
  }

  private key(asset: Asset): number {
    return hashString(`${this.options.seed}|${asset.symbol}`);
  }
}

// About one print per $20k traded.
function tradeCount(volume: number, asset: Asset): number {
  return Math.max(volume > 0 ? 1 : 0, Math.round((volume * asset.basePrice) / 20_000));
}
