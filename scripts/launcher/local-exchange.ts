import type { AppConfig } from '../../libs/config';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The paper exchange is started only when the broker URLs point at it (the default). With
 * ALPACA_TRADING_URL set to real Alpaca (or another exchange) there is nothing to start.
 */
export function usesLocalExchange(config: Pick<AppConfig, 'alpaca' | 'exchange'>): boolean {
  const { tradingUrl, dataUrl, streamUrl } = config.alpaca;
  return [tradingUrl, dataUrl, streamUrl].some((url) => isLocalExchangeUrl(url, config.exchange.port));
}

function isLocalExchangeUrl(value: string, exchangePort: number): boolean {
  try {
    const url = new URL(value);
    const port = Number(url.port || (url.protocol === 'https:' || url.protocol === 'wss:' ? 443 : 80));
    return LOOPBACK.has(url.hostname) && port === exchangePort;
  } catch {
    return false;
  }
}

/** The address a client on this machine dials for a server bound to host. */
export function dialHost(host: string): string {
  return host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
}
