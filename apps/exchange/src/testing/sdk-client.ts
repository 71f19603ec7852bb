import { Alpaca } from '@alpacahq/alpaca-trade-api';
import type { PaperAccount } from './admin-client';

/**
 * The real SDK pointed at a paper exchange: its fixed Alpaca hosts are rewritten to `baseUrl`,
 * and the client-side rate limiter and retries are off so tests see every answer as is.
 */
export function sdkClient(baseUrl: string, auth: PaperAccount | { accessToken: string }): Alpaca {
  const credentials = 'accessToken' in auth ? { accessToken: auth.accessToken } : { keyId: auth.key_id, secret: auth.secret_key };
  return new Alpaca({
    ...credentials,
    paper: true,
    rateLimit: false,
    retry: false,
    middleware: [
      {
        pre: async ({ url, init }) => ({ url: url.replace(/^https:\/\/(paper-api|api|data)\.alpaca\.markets/, baseUrl), init }),
      },
    ],
  });
}
