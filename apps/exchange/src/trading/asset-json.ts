import type { Asset } from '../market/asset-catalog';

/** An asset in Alpaca's shape. Crypto is neither marginable nor shortable. */
export function toAssetJson(asset: Asset): Record<string, unknown> {
  const crypto = asset.assetClass === 'crypto';
  return {
    id: asset.id,
    class: asset.assetClass,
    exchange: asset.exchange,
    symbol: asset.symbol,
    name: asset.name,
    status: 'active',
    tradable: true,
    marginable: !crypto,
    shortable: asset.shortable,
    easy_to_borrow: asset.shortable,
    fractionable: asset.fractionable,
    attributes: [],
    ...(crypto
      ? { min_order_size: '0.000000001', min_trade_increment: '0.000000001', price_increment: '0.000001' }
      : { maintenance_margin_requirement: 30, margin_requirement_long: '30', margin_requirement_short: '100' }),
  };
}
