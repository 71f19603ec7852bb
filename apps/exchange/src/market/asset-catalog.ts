import { hashString, mixKeys } from './seeded-random';

export type AssetClass = 'us_equity' | 'crypto';

export interface Asset {
  id: string;
  symbol: string;
  name: string;
  assetClass: AssetClass;
  exchange: string;
  /** Typical price level the seeded path wanders around (USD). */
  basePrice: number;
  /** Standard deviation of the log price per minute. */
  volatilityPerMinute: number;
  shortable: boolean;
  fractionable: boolean;
}

type Row = [symbol: string, name: string, exchange: string, basePrice: number];

const EQUITIES: Row[] = [
  ['AAPL', 'Apple Inc. Common Stock', 'NASDAQ', 190],
  ['MSFT', 'Microsoft Corporation Common Stock', 'NASDAQ', 420],
  ['SPY', 'SPDR S&P 500 ETF Trust', 'ARCA', 520],
  ['QQQ', 'Invesco QQQ Trust, Series 1', 'NASDAQ', 440],
  ['IWM', 'iShares Russell 2000 ETF', 'ARCA', 205],
  ['DIA', 'SPDR Dow Jones Industrial Average ETF Trust', 'ARCA', 390],
  ['TSLA', 'Tesla, Inc. Common Stock', 'NASDAQ', 250],
  ['NVDA', 'NVIDIA Corporation Common Stock', 'NASDAQ', 120],
  ['AMZN', 'Amazon.com, Inc. Common Stock', 'NASDAQ', 185],
  ['GOOGL', 'Alphabet Inc. Class A Common Stock', 'NASDAQ', 170],
  ['META', 'Meta Platforms, Inc. Class A Common Stock', 'NASDAQ', 500],
  ['AMD', 'Advanced Micro Devices, Inc. Common Stock', 'NASDAQ', 160],
  ['NFLX', 'Netflix, Inc. Common Stock', 'NASDAQ', 650],
  ['JPM', 'JPMorgan Chase & Co. Common Stock', 'NYSE', 200],
  ['BAC', 'Bank of America Corporation Common Stock', 'NYSE', 38],
  ['XOM', 'Exxon Mobil Corporation Common Stock', 'NYSE', 115],
  ['KO', 'Coca-Cola Company (The) Common Stock', 'NYSE', 62],
  ['DIS', 'Walt Disney Company (The) Common Stock', 'NYSE', 100],
  ['F', 'Ford Motor Company Common Stock', 'NYSE', 12],
];

const CRYPTO: Row[] = [
  ['BTC/USD', 'Bitcoin / US Dollar', 'CRYPTO', 65000],
  ['ETH/USD', 'Ethereum / US Dollar', 'CRYPTO', 3200],
  ['SOL/USD', 'Solana / US Dollar', 'CRYPTO', 150],
  ['LTC/USD', 'Litecoin / US Dollar', 'CRYPTO', 80],
  ['DOGE/USD', 'Dogecoin / US Dollar', 'CRYPTO', 0.15],
];

// ~1.9 % a day for equities, ~3.4 % for crypto (the path runs 24 h a day).
const EQUITY_VOLATILITY = 0.0005;
const CRYPTO_VOLATILITY = 0.0009;

function assetId(symbol: string): string {
  // A stable UUID-shaped id per symbol, so ids survive restarts without being stored.
  const hex = [0, 1, 2, 3]
    .map((part) => mixKeys(hashString(symbol), part).toString(16).padStart(8, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function toAsset([symbol, name, exchange, basePrice]: Row, assetClass: AssetClass): Asset {
  const crypto = assetClass === 'crypto';
  return {
    id: assetId(symbol),
    symbol,
    name,
    assetClass,
    exchange,
    basePrice,
    volatilityPerMinute: crypto ? CRYPTO_VOLATILITY : EQUITY_VOLATILITY,
    // Crypto cannot be sold short on Alpaca.
    shortable: !crypto,
    fractionable: true,
  };
}

export const ASSETS: readonly Asset[] = [
  ...EQUITIES.map((row) => toAsset(row, 'us_equity')),
  ...CRYPTO.map((row) => toAsset(row, 'crypto')),
];

const BY_KEY = new Map<string, Asset>();
for (const asset of ASSETS) {
  BY_KEY.set(asset.symbol, asset);
  BY_KEY.set(asset.id, asset);
  // Alpaca accepts crypto pairs with or without the slash ("BTCUSD") in paths and filters.
  if (asset.assetClass === 'crypto') BY_KEY.set(asset.symbol.replace('/', ''), asset);
}

/** Looks an asset up by symbol ("AAPL", "BTC/USD", "BTCUSD") or asset id. */
export function findAsset(symbolOrId: string): Asset | undefined {
  return BY_KEY.get(symbolOrId.trim().toUpperCase()) ?? BY_KEY.get(symbolOrId.trim());
}

/** Alpaca reports crypto positions without the slash ("BTCUSD"). */
export function positionSymbol(asset: Asset): string {
  return asset.assetClass === 'crypto' ? asset.symbol.replace('/', '') : asset.symbol;
}
