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
  /** What one unit is ("BTC" for BTC/USDT, "AAPL" for AAPL). */
  baseCurrency: string;
  /** What the price is counted in ("USDT" for BTC/USDT); USD for equities. */
  quoteCurrency: string;
  /** Decimals a price is quoted to when not the usual (cents above $1): stablecoins trade in 1/100 cent. */
  priceDecimals?: number;
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
  ['USDT/USD', 'USD Tether / US Dollar', 'CRYPTO', 1],
  ['USDC/USD', 'USD Coin / US Dollar', 'CRYPTO', 1],
];

// Pairs whose quote currency is not USD, as Alpaca lists them. Their price is derived from the
// two legs' USD prices (see PriceBook), so their base price is too.
const CROSS_PAIRS: Array<[symbol: string, name: string]> = [
  ['BTC/USDT', 'Bitcoin / USD Tether'],
  ['ETH/USDT', 'Ethereum / USD Tether'],
  ['SOL/USDT', 'Solana / USD Tether'],
  ['ETH/BTC', 'Ethereum / Bitcoin'],
];

// Stablecoins stay within a few hundredths of a percent of $1.
const STABLECOIN_VOLATILITY: Record<string, number> = { 'USDT/USD': 0.000003, 'USDC/USD': 0.000002 };
const STABLECOIN_PRICE_DECIMALS = 4;

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
  const [baseCurrency, quoteCurrency] = crypto ? symbol.split('/') : [symbol, 'USD'];
  const stable = STABLECOIN_VOLATILITY[symbol];
  return {
    id: assetId(symbol),
    symbol,
    name,
    assetClass,
    exchange,
    basePrice,
    volatilityPerMinute: stable ?? (crypto ? CRYPTO_VOLATILITY : EQUITY_VOLATILITY),
    // Crypto cannot be sold short on Alpaca.
    shortable: !crypto,
    fractionable: true,
    baseCurrency,
    quoteCurrency,
    ...(stable !== undefined && { priceDecimals: STABLECOIN_PRICE_DECIMALS }),
  };
}

const USD_CRYPTO = CRYPTO.map((row) => toAsset(row, 'crypto'));

function toCrossPair([symbol, name]: [string, string]): Asset {
  const [base, quote] = symbol.split('/');
  const leg = (currency: string) => USD_CRYPTO.find((asset) => asset.baseCurrency === currency)!;
  return { ...toAsset([symbol, name, 'CRYPTO', leg(base).basePrice / leg(quote).basePrice], 'crypto'), volatilityPerMinute: 0 };
}

export const ASSETS: readonly Asset[] = [
  ...EQUITIES.map((row) => toAsset(row, 'us_equity')),
  ...USD_CRYPTO,
  ...CROSS_PAIRS.map(toCrossPair),
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

/** Whether the pair is priced in something other than USD (BTC/USDT, ETH/BTC): no USD cash moves. */
export function isCrossPair(asset: Asset): boolean {
  return asset.quoteCurrency !== 'USD';
}

/** The USD pair of a crypto currency ("USDT" -> USDT/USD): what positions in it are kept under. */
export function usdPairOf(currency: string): Asset | undefined {
  return currency === 'USD' ? undefined : BY_KEY.get(`${currency}/USD`);
}

/**
 * The asset a position in `asset`'s base currency is kept under: the coin's USD pair for crypto
 * (buying BTC/USDT grows the BTC/USD position, as Alpaca reports "BTCUSD"), the asset itself otherwise.
 */
export function holdingAsset(asset: Asset): Asset {
  return asset.assetClass === 'crypto' ? (usdPairOf(asset.baseCurrency) ?? asset) : asset;
}

/** Alpaca reports crypto positions without the slash ("BTCUSD"). */
export function positionSymbol(asset: Asset): string {
  return asset.assetClass === 'crypto' ? asset.symbol.replace('/', '') : asset.symbol;
}
