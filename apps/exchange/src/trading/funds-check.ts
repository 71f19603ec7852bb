import { forbidden } from '../http/api-error';
import type { AccountRecord, PositionIntent } from '../store/records';
import { accountBalances, MARGIN_MIN_EQUITY } from './account-balances';
import { formatDecimal, roundQty } from './decimal';
import type { Ledger } from './ledger';
import type { ValidatedOrder } from './order-validation';

/**
 * Alpaca's pre-trade checks; a failure is a 403 with Alpaca's wording. Buys that open or grow a
 * position need buying power (crypto: non-marginable buying power; a cross pair: its quote
 * currency); sells beyond the long units
 * not yet promised to other sells are short sales, allowed for shortable equities on margin
 * accounts and valued against buying power. Returns whether the order opens or closes.
 */
export function checkFunds(ledger: Ledger, account: AccountRecord, request: ValidatedOrder): PositionIntent {
  const { asset } = request;
  const order = { symbol: asset.symbol, qty: request.qty, notional: request.notional, limitPrice: request.limitPrice };
  const held = ledger.positionQty(account.id, asset.symbol);
  const qty = ledger.estimatedQty(order);

  if (request.side === 'buy') {
    if (ledger.quoteHoldingSymbol(asset.symbol)) {
      checkQuoteBalance(ledger, account, request);
      return 'buy_to_open';
    }
    const cover = Math.min(qty, ledger.uncoveredShortQty(account.id, asset.symbol));
    const openingCost = qty > 0 ? ledger.estimatedCost(order) * ((qty - cover) / qty) : 0;
    const balances = accountBalances(account, ledger);
    const limit = asset.assetClass === 'crypto' ? balances.nonMarginableBuyingPower : balances.buyingPower;
    if (openingCost > limit) throw forbidden('insufficient buying power');
    return held < 0 ? 'buy_to_close' : 'buy_to_open';
  }

  const available = Math.max(0, ledger.availableQty(account.id, asset.symbol));
  const intent: PositionIntent = held > 0 ? 'sell_to_close' : 'sell_to_open';
  if (qty <= available) return intent;
  const amounts = `(requested: ${formatDecimal(qty)}, available: ${formatDecimal(available)})`;
  if (asset.assetClass === 'crypto') throw forbidden(`insufficient balance for ${asset.baseCurrency} ${amounts}`);
  const refusal = `insufficient qty available for order ${amounts}`;
  if (!asset.shortable) throw forbidden(`${refusal}: ${asset.symbol} is not shortable`);
  const balances = accountBalances(account, ledger);
  if (!balances.shortingEnabled) {
    throw forbidden(`${refusal}: short selling needs a margin account (equity of at least $${MARGIN_MIN_EQUITY.toLocaleString('en-US')})`);
  }
  const shortQty = roundQty(qty - available);
  if (request.notional !== null || !Number.isInteger(shortQty)) throw forbidden('fractional orders cannot be sold short');
  if (shortQty * ledger.shortSalePrice(asset.symbol, request.limitPrice) > balances.buyingPower) {
    throw forbidden('insufficient buying power');
  }
  return intent;
}

/**
 * A cross pair (BTC/USDT) is bought with its quote currency, not USD: the account must hold
 * enough of it beyond what open orders already promise.
 */
function checkQuoteBalance(ledger: Ledger, account: AccountRecord, request: ValidatedOrder): void {
  const { asset } = request;
  const cost = ledger.quoteCost({ symbol: asset.symbol, qty: request.qty, notional: request.notional, limitPrice: request.limitPrice });
  const available = Math.max(0, ledger.availableQty(account.id, ledger.quoteHoldingSymbol(asset.symbol)!));
  if (cost > available) {
    throw forbidden(`insufficient balance for ${asset.quoteCurrency} (requested: ${formatDecimal(cost)}, available: ${formatDecimal(available)})`);
  }
}
