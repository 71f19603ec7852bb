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
  return {
    price,
    isCrypto: asset.assetClass === 'crypto',
    shortable: asset.shortable,
    buyingPower: account.buyingPower,
    positionQty: position?.qty ?? 0,
  };
}
