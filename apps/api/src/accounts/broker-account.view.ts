import type { BrokerAccount } from '../../../../libs/broker/broker.port';

/** The account figures the API shows, in its snake_case JSON (USD amounts as numbers). */
export interface BrokerAccountView {
  account_number: string;
  status: string;
  currency: string;
  cash: number;
  buying_power: number;
  equity: number;
  portfolio_value: number;
}

export function toBrokerAccountView(account: BrokerAccount): BrokerAccountView {
  return {
    account_number: account.accountNumber,
    status: account.status,
    currency: account.currency,
    cash: account.cash,
    buying_power: account.buyingPower,
    equity: account.equity,
    portfolio_value: account.portfolioValue,
  };
}
