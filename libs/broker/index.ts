export * from './broker.port';
export * from './broker.errors';
export { createAlpacaBroker, type AlpacaBrokerOptions } from './alpaca-broker';
export type { AlpacaEndpoints } from './alpaca-url-rewrite.middleware';
export { checkBrokerCredentials } from './check-broker-credentials';
export { exchangeOAuthCode, type OAuthCodeExchange, type OAuthToken } from './oauth-code-exchange';
export {
  subscribeTradeUpdates,
  type TradeStreamState,
  type TradeUpdateHandlers,
  type TradeUpdatesStreamOptions,
  type TradeUpdatesSubscription,
} from './trade-updates-stream';
