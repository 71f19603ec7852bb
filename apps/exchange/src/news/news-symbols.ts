// Alpaca tags crypto news with the pair written without its slash ("BTCUSD") and accepts either
// spelling in the `symbols` filter; the exchange stores and matches that one spelling.

const NEWS_SYMBOL = /^[A-Z0-9.\-]{1,20}$/;

/** "btc/usd" -> "BTCUSD", "aapl" -> "AAPL"; undefined for something that is no ticker. */
export function newsSymbol(raw: string): string | undefined {
  const symbol = raw.trim().toUpperCase().replace('/', '');
  return NEWS_SYMBOL.test(symbol) ? symbol : undefined;
}
