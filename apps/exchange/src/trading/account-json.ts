import type { AccountRecord } from '../store/records';
import { formatDecimal } from './decimal';
import type { Ledger } from './ledger';

const money = (usd: number): string => formatDecimal(usd, 2);

/** GET /v2/account in Alpaca's shape: a cash account (multiplier 1) with no margin or shorting. */
export function toAccountJson(account: AccountRecord, ledger: Ledger): Record<string, unknown> {
  const longValue = ledger.positionsValue(account.id);
  const equity = ledger.equity(account);
  const buyingPower = ledger.buyingPower(account);
  return {
    id: account.id,
    account_number: account.accountNumber,
    status: 'ACTIVE',
    crypto_status: 'ACTIVE',
    currency: 'USD',
    cash: money(account.cash),
    buying_power: money(buyingPower),
    regt_buying_power: money(buyingPower),
    daytrading_buying_power: '0',
    non_marginable_buying_power: money(buyingPower),
    options_buying_power: '0',
    equity: money(equity),
    last_equity: money(equity),
    portfolio_value: money(equity),
    long_market_value: money(longValue),
    short_market_value: '0',
    initial_margin: '0',
    maintenance_margin: '0',
    last_maintenance_margin: '0',
    sma: '0',
    multiplier: '1',
    accrued_fees: '0',
    pending_transfer_in: '0',
    pending_transfer_out: '0',
    pending_reg_taf_fees: '0',
    intraday_adjustments: '0',
    daytrade_count: 0,
    pattern_day_trader: false,
    trading_blocked: false,
    transfers_blocked: false,
    account_blocked: false,
    trade_suspended_by_user: false,
    shorting_enabled: false,
    options_approved_level: 0,
    options_trading_level: 0,
    balance_asof: new Date().toISOString().slice(0, 10),
    created_at: account.createdAt,
  };
}
