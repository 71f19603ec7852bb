import { ApiError } from '../http/api-error';
import { validateOrder } from './order-validation';

const market = { symbol: 'AAPL', side: 'buy', type: 'market', time_in_force: 'day', qty: '1' };

describe('validateOrder', () => {
  it.each([
    ['a whole-share market day order', market, { qty: 1, notional: null, limitPrice: null }],
    ['a fractional market day order', { ...market, qty: '0.5' }, { qty: 0.5 }],
    ['a notional market day order', { ...market, qty: undefined, notional: '250.5' }, { qty: null, notional: 250.5 }],
    ['a gtc limit order', { ...market, type: 'limit', time_in_force: 'gtc', limit_price: '150.25' }, { limitPrice: 150.25 }],
    ['a sub-dollar limit with 4 decimals', { ...market, symbol: 'F', type: 'limit', limit_price: '0.1234' }, { limitPrice: 0.1234 }],
    ['trailing zeros on a limit price', { ...market, type: 'limit', limit_price: '150.2500' }, { limitPrice: 150.25 }],
    ['a fractional crypto gtc limit', { symbol: 'BTC/USD', side: 'buy', type: 'limit', time_in_force: 'gtc', qty: '0.0012', limit_price: '60000.5' }, { qty: 0.0012 }],
    ['a crypto pair without slash', { ...market, symbol: 'ETHUSD', time_in_force: 'ioc' }, { timeInForce: 'ioc' }],
    ['a cross pair notional in USDT', { ...market, symbol: 'BTC/USDT', time_in_force: 'gtc', qty: undefined, notional: '130.5' }, { notional: 130.5 }],
    ['a notional in BTC under 1 (ETH/BTC)', { ...market, symbol: 'ETHBTC', time_in_force: 'gtc', qty: undefined, notional: '0.05' }, { notional: 0.05 }],
  ])('accepts %s', (_name, body, expected) => {
    expect(validateOrder(body)).toMatchObject(expected);
  });

  it('assigns a client_order_id when none is given and keeps a given one', () => {
    expect(validateOrder(market).clientOrderId).toMatch(/^[0-9a-f-]{36}$/);
    expect(validateOrder({ ...market, client_order_id: 'ap-1' }).clientOrderId).toBe('ap-1');
  });

  it.each([
    ['no symbol', { ...market, symbol: undefined }, 'symbol is required'],
    ['an unknown symbol', { ...market, symbol: 'NOPE' }, 'asset "NOPE" not found'],
    ['a bad side', { ...market, side: 'hold' }, 'invalid side "hold"'],
    ['a stop order', { ...market, type: 'stop' }, 'order type "stop" is not supported by the paper exchange'],
    ['no time_in_force', { ...market, time_in_force: undefined }, 'time_in_force is required'],
    ['crypto with day', { ...market, symbol: 'BTC/USD' }, 'invalid crypto time_in_force "day"'],
    ['both qty and notional', { ...market, notional: '100' }, 'only one of qty or notional must be given'],
    ['neither qty nor notional', { ...market, qty: undefined }, 'qty or notional is required'],
    ['a negative qty', { ...market, qty: '-1' }, 'invalid qty "-1"'],
    ['a zero qty', { ...market, qty: '0' }, 'qty must be > 0'],
    ['a non-numeric qty', { ...market, qty: 'ten' }, 'invalid qty "ten"'],
    ['a limit order without price', { ...market, type: 'limit' }, 'limit_price is required for limit orders'],
    ['a market order with limit price', { ...market, limit_price: '10' }, 'limit_price must not be given for market orders'],
    ['a sub-penny limit', { ...market, type: 'limit', limit_price: '150.123' }, 'sub-penny increment'],
    ['a notional limit order', { ...market, type: 'limit', qty: undefined, notional: '100', limit_price: '10' }, 'notional orders must be market orders'],
    ['a notional gtc equity order', { ...market, qty: undefined, notional: '100', time_in_force: 'gtc' }, 'notional orders must be DAY orders'],
    ['a notional under $1', { ...market, qty: undefined, notional: '0.5' }, 'notional must be at least 1'],
    ['a notional under 1 USDT', { ...market, symbol: 'SOL/USDT', time_in_force: 'gtc', qty: undefined, notional: '0.5' }, 'notional must be at least 1'],
    ['fractional limit shares', { ...market, qty: '1.5', type: 'limit', limit_price: '10' }, 'fractional orders must be market orders'],
    ['fractional gtc shares', { ...market, qty: '1.5', time_in_force: 'gtc' }, 'fractional orders must be DAY orders'],
    ['a bracket order', { ...market, order_class: 'bracket' }, 'order_class "bracket" is not supported'],
    ['a too long client_order_id', { ...market, client_order_id: 'x'.repeat(129) }, 'client_order_id must be no more than 128 characters'],
  ])('rejects %s with 422', (_name, body, message) => {
    let thrown: unknown;
    try {
      validateOrder(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ status: 422 });
    expect((thrown as ApiError).message).toContain(message);
  });
});
