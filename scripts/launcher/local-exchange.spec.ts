import { dialHost, usesLocalExchange } from './local-exchange';

const urls = (tradingUrl: string, dataUrl = tradingUrl, streamUrl = 'wss://stream.data.alpaca.markets/v2/iex') => ({
  alpaca: { tradingUrl, dataUrl, streamUrl },
  exchange: { port: 4010 },
});

describe('usesLocalExchange', () => {
  it.each([
    ['http://127.0.0.1:4010', true],
    ['http://localhost:4010', true],
    ['http://127.0.0.1:5010', false],
    ['https://paper-api.alpaca.markets', false],
    ['http://exchange.internal:4010', false],
  ])('trading URL %s -> %p', (tradingUrl, expected) => {
    expect(usesLocalExchange(urls(tradingUrl, 'https://data.alpaca.markets') as never)).toBe(expected);
  });

  it('starts the exchange when only the market data points at it', () => {
    expect(usesLocalExchange(urls('https://paper-api.alpaca.markets', 'http://127.0.0.1:4010') as never)).toBe(true);
  });
});

describe('dialHost', () => {
  it.each([
    ['0.0.0.0', '127.0.0.1'],
    ['::', '127.0.0.1'],
    ['127.0.0.1', '127.0.0.1'],
    ['10.0.0.5', '10.0.0.5'],
  ])('%s -> %s', (host, expected) => {
    expect(dialHost(host)).toBe(expected);
  });
});
