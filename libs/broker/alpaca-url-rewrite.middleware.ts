import type { trading } from '@alpacahq/alpaca-trade-api';

export interface AlpacaEndpoints {
  /** Trading REST base, e.g. http://127.0.0.1:4010 (paper exchange) or https://paper-api.alpaca.markets */
  tradingUrl: string;
  /** Market-data REST base, e.g. http://127.0.0.1:4010 or https://data.alpaca.markets */
  dataUrl: string;
  /** trade_updates WebSocket URL; used by the streaming monitor, not by REST calls. */
  streamUrl?: string;
}

const TRADING_HOSTS = /^https:\/\/(?:paper-api|api)\.alpaca\.markets(?=\/|$)/;
const DATA_HOST = /^https:\/\/data\.alpaca\.markets(?=\/|$)/;
const ALPACA_ORIGIN = /^https:\/\/[a-z0-9.-]*\.?alpaca\.markets(?::443)?\/?$/i;

/**
 * SDK v4 has no baseUrl option: every REST call targets Alpaca's fixed hosts, so this `pre`
 * middleware rewrites them to the configured URLs. A URL that is itself an Alpaca host is left
 * alone, so the SDK's own paper/live choice (from the account's environment) stands.
 * Returns undefined when nothing needs rewriting.
 */
export function alpacaUrlRewrite(endpoints: AlpacaEndpoints): trading.Middleware | undefined {
  const rules: Array<[RegExp, string]> = [];
  if (!ALPACA_ORIGIN.test(endpoints.tradingUrl)) rules.push([TRADING_HOSTS, withoutTrailingSlash(endpoints.tradingUrl)]);
  if (!ALPACA_ORIGIN.test(endpoints.dataUrl)) rules.push([DATA_HOST, withoutTrailingSlash(endpoints.dataUrl)]);
  if (rules.length === 0) return undefined;
  return {
    pre: async ({ url, init }) => ({ url: rewriteUrl(url, rules), init }),
  };
}

export function rewriteUrl(url: string, rules: Array<[RegExp, string]>): string {
  for (const [pattern, base] of rules) {
    if (pattern.test(url)) return url.replace(pattern, base);
  }
  return url;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
