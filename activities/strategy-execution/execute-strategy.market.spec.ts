import { BrokerUnavailableError } from '../../libs/broker/broker.errors';
import type { BrokerPosition, NewsArticle } from '../../libs/broker/broker.port';
import * as registry from '../../libs/strategies/registry';
import { barsFromCloses, quoteAround } from '../../libs/strategies/testing/decision-input';
import { executeStrategy } from './execute-strategy.activity';
import { executionSetup, runOf, STRATEGY_ID } from './testing/execution-setup';
import { scriptedStrategy } from './testing/scripted-strategy';

function position(symbol: string, qty: number, avgEntryPrice: number): BrokerPosition {
  return { symbol, qty, side: qty < 0 ? 'short' : 'long', avgEntryPrice, marketValue: qty * avgEntryPrice, currentPrice: avgEntryPrice, unrealizedPl: 0 };
}

function article(id: string, symbols: string[], createdAt: string): NewsArticle {
  return { id, headline: `headline ${id}`, summary: '', source: 'test', symbols, createdAt };
}

afterEach(() => jest.restoreAllMocks());

describe('executeStrategy: the market a strategy asks for reaches decide', () => {
  it('hands decide every requested symbol (bars, latest price, position), reading the account once', async () => {
    const { broker, deps } = executionSetup('pairs_trading', { symbol: 'MSFT' });
    const { definition, inputs } = scriptedStrategy({ request: { otherSymbols: ['AAPL', 'MSFT'] } });
    jest.spyOn(registry, 'getStrategy').mockReturnValue(definition);
    broker.barsBySymbol = { MSFT: barsFromCloses([410, 415, 420]), AAPL: barsFromCloses([190, 188, 186]) };
    broker.prices = { MSFT: 421, AAPL: 185.5 };
    broker.positions = { AAPL: position('AAPL', -4, 191) };
    const getAccount = jest.spyOn(broker, 'getAccount');
    const getBars = jest.spyOn(broker, 'getBars');

    await executeStrategy(deps, runOf(1));

    const [input] = inputs;
    expect(Object.keys(input.markets)).toEqual(['MSFT', 'AAPL']);
    expect(input.markets.AAPL).toEqual({ bars: broker.barsBySymbol.AAPL, latestPrice: 185.5, position: { qty: -4, avgEntryPrice: 191, marketValue: -764 } });
    expect(input.markets.MSFT).toEqual({ bars: broker.barsBySymbol.MSFT, latestPrice: 421, position: null });
    expect({ bars: input.bars, latestPrice: input.latestPrice, position: input.position }).toEqual(input.markets.MSFT);
    expect(getBars.mock.calls).toEqual([['MSFT', '1Day', 3], ['AAPL', '1Day', 3]]);
    expect(getAccount).toHaveBeenCalledTimes(1);
    expect(input.quotes).toEqual({});
    expect(input.news).toEqual([]);
  });

  it('hands decide the latest quote of each requested symbol and the headlines since the requested time', async () => {
    const { broker, deps } = executionSetup('arbitrage', { symbol: 'BTC/USD' });
    const since = new Date('2026-11-25T14:00:00Z');
    const { definition, inputs } = scriptedStrategy({ request: { quotes: ['BTC/USD', 'BTC/USDT'], news: { symbols: ['AAPL', 'BTC/USD'], since, limit: 2 } } });
    jest.spyOn(registry, 'getStrategy').mockReturnValue(definition);
    broker.quotes = { 'BTC/USD': quoteAround(65_000, 10), 'BTC/USDT': quoteAround(65_200, 20) };
    broker.news = [
      article('old', ['AAPL'], '2026-11-25T13:59:59Z'),
      article('a', ['AAPL'], '2026-11-25T14:10:00Z'),
      article('other', ['TSLA'], '2026-11-25T14:20:00Z'),
      article('b', ['BTC/USD'], '2026-11-25T14:30:00Z'),
    ];

    await executeStrategy(deps, runOf(1));

    expect(inputs[0].quotes).toEqual(broker.quotes);
    expect(inputs[0].news.map((a) => a.id)).toEqual(['a', 'b']);
    expect(broker.newsQueries).toEqual([{ symbols: ['AAPL', 'BTC/USD'], start: since, limit: 2 }]);
  });

  it("gives a crypto pair the position of its base asset, which the broker keys against USD", async () => {
    const { broker, deps } = executionSetup('arbitrage', { symbol: 'BTC/USD' });
    const { definition, inputs } = scriptedStrategy({ request: { otherSymbols: ['BTC/USDT', 'USDT/USD'] } });
    jest.spyOn(registry, 'getStrategy').mockReturnValue(definition);
    broker.positions = { 'BTC/USD': position('BTCUSD', 0.5, 64_000), 'USDT/USD': undefined };
    const getPosition = jest.spyOn(broker, 'getPosition');

    await executeStrategy(deps, runOf(1));

    expect(inputs[0].markets['BTC/USDT'].position).toEqual({ qty: 0.5, avgEntryPrice: 64_000, marketValue: 32_000 });
    expect(inputs[0].markets['BTC/USD'].position).toEqual(inputs[0].markets['BTC/USDT'].position);
    expect(inputs[0].markets['USDT/USD'].position).toBeNull();
    expect(getPosition.mock.calls.map(([symbol]) => symbol)).toEqual(['BTC/USD', 'USDT/USD']);
  });

  it('fails the attempt, deciding nothing, when the broker cannot give a requested quote', async () => {
    const { store, broker, deps } = executionSetup('arbitrage', { symbol: 'BTC/USD' });
    const { definition, inputs } = scriptedStrategy({ request: { quotes: ['BTC/USDT'] } });
    jest.spyOn(registry, 'getStrategy').mockReturnValue(definition);
    broker.getLatestQuote = async () => {
      throw new BrokerUnavailableError('503 from the data API', 503);
    };

    await expect(executeStrategy(deps, runOf(1))).rejects.toMatchObject({ name: 'BrokerUnavailableError' });
    expect(inputs).toEqual([]);
    expect(store.executions.get(`${STRATEGY_ID}#1`)?.status).toBe('failed');
    expect(store.executions.get(`${STRATEGY_ID}#1`)?.decision).toBeUndefined();
  });
});
