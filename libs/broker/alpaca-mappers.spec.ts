import type { streaming, trading } from '@alpacahq/alpaca-trade-api';
import { toBrokerQuote, toTradeUpdate } from './alpaca-mappers';

const order = {
  id: 'o-1',
  clientOrderId: 'c-1',
  symbol: 'AAPL',
  side: 'sell',
  type: 'limit',
  timeInForce: 'day',
  qty: '5',
  limitPrice: '101.5',
  status: 'partially_filled',
  filledQty: '2',
  filledAvgPrice: '101.5',
  submittedAt: new Date('2026-01-02T15:00:00Z'),
} as unknown as trading.Order;

describe('toTradeUpdate', () => {
  it.each([
    [
      'a partial fill with execution details',
      { event: 'partial_fill', order, price: '101.5', qty: '2', positionQty: '-2', executionId: 'x-9', timestamp: new Date('2026-01-02T15:00:01Z') },
      { event: 'partial_fill', price: 101.5, qty: 2, positionQty: -2, executionId: 'x-9', timestamp: '2026-01-02T15:00:01.000Z' },
    ],
    [
      'a new order without execution fields',
      { event: 'new', order, positionQty: '0', timestamp: new Date('2026-01-02T15:00:00Z') },
      { event: 'new', positionQty: 0, timestamp: '2026-01-02T15:00:00.000Z' },
    ],
  ])('maps %s', (_name, update, expected) => {
    const mapped = toTradeUpdate(update as streaming.TradeUpdate);
    expect(mapped).toEqual({ ...expected, order: expect.objectContaining({ id: 'o-1', clientOrderId: 'c-1', qty: 5, filledQty: 2, limitPrice: 101.5 }) });
    expect(Object.keys(mapped).sort()).toEqual([...Object.keys(expected), 'order'].sort());
  });
});

describe('toBrokerQuote', () => {
  it.each([
    ['a stock quote (Date time)', new Date('2026-01-02T15:00:00.123Z')],
    ['a crypto quote (string time)', '2026-01-02T15:00:00.123Z'],
  ])('maps %s', (_name, t) => {
    expect(toBrokerQuote({ bp: 99.75, bs: 3, ap: 100.25, as: 0.5, t })).toEqual({
      bid: 99.75,
      ask: 100.25,
      bidSize: 3,
      askSize: 0.5,
      timestamp: '2026-01-02T15:00:00.123Z',
    });
  });
});
