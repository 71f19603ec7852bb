import type { Broker } from '../../broker/broker.port';
import type { GridStartMarket } from './grid-logic';

/** The market facts a grid's start check needs, read from the user's broker in one round. */
export async function fetchGridStartMarket(broker: Broker, symbol: string): Promise<GridStartMarket> {
  const [price, asset, account, position] = await Promise.all([
    broker.getLatestPrice(symbol),
    broker.getAsset(symbol),
    broker.getAccount(),
    broker.getPosition(symbol),
  ]);
  const isCrypto = asset.assetClass === 'crypto';
  return {
    price,
    isCrypto,
    shortable: asset.shortable,
    // Crypto cannot be bought on margin: only cash-based buying power counts for it.
    buyingPower: isCrypto ? account.nonMarginableBuyingPower : account.buyingPower,
    positionQty: position?.qty ?? 0,
  };
}
