import { createAlpacaBroker, type AlpacaBrokerOptions } from './alpaca-broker';
import type { AlpacaEndpoints } from './alpaca-url-rewrite.middleware';
import type { BrokerAccount, BrokerCredentials } from './broker.port';

/**
 * Proves credentials work by reading the account (GET /v2/account). Bad credentials throw
 * BrokerAuthError carrying the broker's reason; an unreachable broker, BrokerUnavailableError.
 */
export function checkBrokerCredentials(
  credentials: BrokerCredentials,
  endpoints: AlpacaEndpoints,
  options: AlpacaBrokerOptions = {},
): Promise<BrokerAccount> {
  return createAlpacaBroker(credentials, endpoints, options).getAccount();
}
