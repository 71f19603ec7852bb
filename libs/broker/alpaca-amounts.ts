/** Decimal string without float artefacts or trailing zeros (0.1 + 0.2 -> "0.3"). */
export function formatAmount(value: number, maxDecimals: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite amount: ${value}`);
  const fixed = value.toFixed(maxDecimals);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

export const isCryptoSymbol = (symbol: string): boolean => symbol.includes('/');

/**
 * Limit prices on Alpaca's tick grid: equities in cents at or above $1 and 1/100 cent below
 * (sub-penny prices are rejected); crypto accepts up to 9 decimals.
 */
export function formatLimitPrice(symbol: string, price: number): string {
  if (isCryptoSymbol(symbol)) return formatAmount(price, 9);
  return formatAmount(price, price >= 1 ? 2 : 4);
}

/** Number from Alpaca's decimal strings; null when absent. */
export function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const parsed = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Alpaca names crypto positions without the slash ("BTCUSD"); the port uses "BTC/USD". */
export function cryptoPairSymbol(symbol: string): string {
  if (symbol.includes('/')) return symbol;
  const match = /^([A-Z0-9]+?)(USDT|USDC|USD|BTC)$/.exec(symbol);
  return match ? `${match[1]}/${match[2]}` : symbol;
}
