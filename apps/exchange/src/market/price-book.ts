import type { ExchangeStore } from '../store/exchange-store';
import type { CustomBarsRecord, PriceAnchorRecord } from '../store/records';
import { isCrossPair, usdPairOf, type Asset } from './asset-catalog';
import { crossPairDislocation } from './cross-pair-dislocation';
import { logPriceOffset, priceTick, roundPrice } from './price-path';
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
// Ask minus bid, in basis points of the price, for symbols without a spread set by POST /admin/quotes.
export const DEFAULT_SPREAD_BPS = { us_equity: 2, crypto: 4 };
export const MAX_SPREAD_BPS = 5000;
const MAX_SAMPLES_PER_BAR = 30;

/**
 * The price of every symbol at any instant, and bars derived from the same path.
 *
 * With drift on, a symbol follows its seeded path; an admin price "anchors" the path so that it
 * passes through the given price at the given instant (the whole path is rescaled, so the last
 * bar's close always equals the current price). With drift off, or for a symbol whose admin
 * price was frozen, the price is the anchor (or the symbol's base price) at all times.
 *
 * A cross pair (BTC/USDT, ETH/BTC) has no path of its own: its price is what its legs imply
 * (BTC/USD / USDT/USD), off by a seeded dislocation in a few minutes (none without drift). An
 * admin price on the pair itself overrides that like any anchor, so a test can script an exact
 * dislocation.
 */
export class PriceBook {
  constructor(
    private readonly store: ExchangeStore,
    private readonly options: PriceBookOptions,
    private readonly now: () => number = Date.now,
  ) {}

  price(asset: Asset, atMs: number = this.now()): number {
    const anchor = this.store.priceAnchors.get(asset.symbol);
    if (!this.options.drift || anchor?.frozen) return anchor?.price ?? this.restingPrice(asset, atMs);
    if (isCrossPair(asset)) return this.crossPrice(asset, atMs, anchor);
    const offset = this.logOffset(asset, atMs);
    if (!anchor) return roundPrice(asset.basePrice * Math.exp(offset), asset.priceDecimals);
    if (atMs === anchor.atMs) return anchor.price;
    return roundPrice(anchor.price * Math.exp(offset - this.logOffset(asset, anchor.atMs)), asset.priceDecimals);
  }

  /** Best bid and offer around the price: half the symbol's spread each side, at least a tick. */
  quote(asset: Asset): { bid: number; ask: number; price: number } {
    const price = this.price(asset);
    const tick = priceTick(price, asset.priceDecimals);
    const half = Math.max((price * this.spreadBps(asset)) / 20_000, tick);
    return { bid: roundPrice(price - half, asset.priceDecimals), ask: roundPrice(price + half, asset.priceDecimals), price };
  }

  spreadBps(asset: Asset): number {
    return this.store.quoteSpreads.get(asset.symbol)?.spreadBps ?? DEFAULT_SPREAD_BPS[asset.assetClass];
  }

  /** null restores the asset class's default spread. */
  setSpread(asset: Asset, spreadBps: number | null): void {
    if (spreadBps === null) this.store.quoteSpreads.delete(asset.symbol);
    else this.store.quoteSpreads.put({ id: asset.symbol, spreadBps });
  }

  /**
   * Sets the price now; the caller runs the matching engine afterwards. `frozen`: the symbol keeps
   * exactly this price (its bars too) until the next admin price.
   */
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
    return { t: startMs, o, h, l, c, v, n: tradeCount(v, asset), vw: roundPrice((h + l + c) / 3, asset.priceDecimals) };
  }

  private customBar(asset: Asset, timeframe: Timeframe, startMs: number): BarValue | undefined {
    const record = this.store.customBars.get(`${asset.symbol}|${timeframe.label}`);
    const bar = record?.bars.find((candidate) => candidate.t === startMs);
    if (!bar) return undefined;
    return { ...bar, n: tradeCount(bar.v, asset), vw: roundPrice((bar.h + bar.l + bar.c) / 3, asset.priceDecimals) };
  }

  private volume(asset: Asset, startMs: number, minutes: number): number {
    const base = (USD_PER_MINUTE[asset.assetClass] / usdBasePrice(asset)) * minutes;
    const noise = 0.5 + unitFloat(this.key(asset), 7919, Math.floor(startMs / 60_000));
    const v = base * noise;
    return asset.assetClass === 'crypto' ? Math.round(v * 1e4) / 1e4 : Math.round(v);
  }

  /** Without drift (or before any drift applies): the base price, or what a cross pair's legs imply. */
  private restingPrice(asset: Asset, atMs: number): number {
    return isCrossPair(asset) ? roundPrice(this.impliedPrice(asset, atMs), asset.priceDecimals) : asset.basePrice;
  }

  /** The legs' ratio, rescaled through an admin price like any path, times the seeded dislocation. */
  private crossPrice(asset: Asset, atMs: number, anchor: PriceAnchorRecord | undefined): number {
    if (anchor && atMs === anchor.atMs) return anchor.price;
    const implied = this.impliedPrice(asset, atMs);
    const level = anchor ? (anchor.price * implied) / this.impliedPrice(asset, anchor.atMs) : implied;
    return roundPrice(level * (1 + crossPairDislocation(this.options.seed, asset.symbol, atMs)), asset.priceDecimals);
  }

  private impliedPrice(asset: Asset, atMs: number): number {
    const { base, quote } = crossLegs(asset);
    return this.price(base, atMs) / this.price(quote, atMs);
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
  return Math.max(volume > 0 ? 1 : 0, Math.round((volume * usdBasePrice(asset)) / 20_000));
}

function crossLegs(asset: Asset): { base: Asset; quote: Asset } {
  const base = usdPairOf(asset.baseCurrency);
  const quote = usdPairOf(asset.quoteCurrency);
  if (!base || !quote) throw new Error(`cross pair ${asset.symbol} has no USD legs`);
  return { base, quote };
}

/** Typical USD value of one unit of the base currency (a cross pair's base price is in its quote currency). */
function usdBasePrice(asset: Asset): number {
  return isCrossPair(asset) ? crossLegs(asset).base.basePrice : asset.basePrice;
}
