import { isCryptoSymbol } from '../../libs/strategies/order-sizing';

/** The asset a symbol's fills move: BTC for BTC/USDT and BTC/USD alike; an equity is its own asset. */
export function baseAsset(symbol: string): string {
  return isCryptoSymbol(symbol) ? symbol.slice(0, symbol.indexOf('/')) : symbol;
}

/** The currency a symbol is priced in: USDT for BTC/USDT, BTC for ETH/BTC, USD for equities. */
export function quoteCurrency(symbol: string): string {
  return isCryptoSymbol(symbol) ? symbol.slice(symbol.indexOf('/') + 1) : 'USD';
}

export function isUsdQuoted(symbol: string): boolean {
  return quoteCurrency(symbol) === 'USD';
}

/**
 * The symbol to ask the broker for the position a symbol's fills move. A crypto position belongs
 * to its base asset whatever it was bought with, and the exchange keys it against USD (BTCUSD), so
 * BTC/USDT asks for BTC/USD.
 */
export function positionSymbolOf(symbol: string): string {
  return isCryptoSymbol(symbol) ? `${baseAsset(symbol)}/USD` : symbol;
}
