import type { Broker, BrokerAccount, BrokerAsset, BrokerPosition } from '../../broker/broker.port';
import type { GridStartMarket } from './grid-logic';

/** What the broker said at a grid's start: the start check's view of it, and the raw answers for later checks. */
export interface GridStartFacts {
  market: GridStartMarket;
  account: BrokerAccount;
  asset: BrokerAsset;
  /** null when the account is flat in the symbol. */
  position: BrokerPosition | null;
}

/** The market facts a grid's start check needs, read from the user's broker in one round. */
export async function fetchGridStartFacts(broker: Broker, symbol: string): Promise<GridStartFacts> {
  const [price, asset, account, position] = await Promise.all([
    broker.getLatestPrice(symbol),
    broker.getAsset(symbol),
    broker.getAccount(),
    broker.getPosition(symbol),
  ]);
  const isCrypto = asset.assetClass === 'crypto';
  const market: GridStartMarket = {
    price,
    isCrypto,
    shortable: asset.shortable,
    // Crypto cannot be bought on margin: only cash-based buying power counts for it.
    buyingPower: isCrypto ? account.nonMarginableBuyingPower : account.buyingPower,
    positionQty: position?.qty ?? 0,
  };
  return { market, account, asset, position: position ?? null };
}

export async function fetchGridStartMarket(broker: Broker, symbol: string): Promise<GridStartMarket> {
  return (await fetchGridStartFacts(broker, symbol)).market;
}
