import type { AccountRecord } from '../store/records';
import { accountBalances } from './account-balances';
import { formatDecimal } from './decimal';
import type { Ledger } from './ledger';

const money = (usd: number): string => formatDecimal(usd, 2);

/**
 * GET /v2/account in Alpaca's shape: a Reg T margin account (multiplier 2, shorting enabled)
 * from $2,000 of equity, a cash account below. No pattern day trading rules.
 */
export function toAccountJson(account: AccountRecord, ledger: Ledger): Record<string, unknown> {
  const balances = accountBalances(account, ledger);
  const equity = balances.equity;
  const buyingPower = balances.buyingPower;
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
    non_marginable_buying_power: money(balances.nonMarginableBuyingPower),
    options_buying_power: '0',
    equity: money(equity),
    last_equity: money(equity),
    portfolio_value: money(equity),
    long_market_value: money(balances.longMarketValue),
    short_market_value: money(balances.shortMarketValue),
    initial_margin: money(balances.initialMargin),
    maintenance_margin: money(balances.maintenanceMargin),
    last_maintenance_margin: money(balances.maintenanceMargin),
    sma: '0',
    multiplier: String(balances.multiplier),
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
    shorting_enabled: balances.shortingEnabled,
    options_approved_level: 0,
    options_trading_level: 0,
    balance_asof: new Date().toISOString().slice(0, 10),
    created_at: account.createdAt,
  };
}
