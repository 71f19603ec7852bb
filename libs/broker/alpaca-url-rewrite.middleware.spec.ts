import { alpacaUrlRewrite } from './alpaca-url-rewrite.middleware';

const rewrite = async (endpoints: { tradingUrl: string; dataUrl: string }, url: string) => {
  const middleware = alpacaUrlRewrite(endpoints);
  if (!middleware?.pre) return url;
  const init = { method: 'GET' };
  const result = await middleware.pre({ fetch, url, init });
  expect(result && result.init).toBe(init);
  return result ? result.url : url;
};

const local = { tradingUrl: 'http://127.0.0.1:4010/', dataUrl: 'http://127.0.0.1:4010' };

describe('alpacaUrlRewrite', () => {
  it.each([
    [local, 'https://paper-api.alpaca.markets/v2/orders?status=open', 'http://127.0.0.1:4010/v2/orders?status=open'],
    [local, 'https://api.alpaca.markets/v2/account', 'http://127.0.0.1:4010/v2/account'],
    [local, 'https://data.alpaca.markets/v2/stocks/AAPL/bars?timeframe=1Min', 'http://127.0.0.1:4010/v2/stocks/AAPL/bars?timeframe=1Min'],
    [local, 'https://data.sandbox.alpaca.markets/v2/stocks/bars', 'https://data.sandbox.alpaca.markets/v2/stocks/bars'],
    [local, 'https://api.alpaca.markets.evil.example/v2/account', 'https://api.alpaca.markets.evil.example/v2/account'],
    [
      { tradingUrl: 'http://exchange:4010/base', dataUrl: 'http://market-data:5000' },
      'https://data.alpaca.markets/v1beta3/crypto/us/bars',
      'http://market-data:5000/v1beta3/crypto/us/bars',
    ],
  ])('%j: %s -> %s', async (endpoints, from, to) => {
    expect(await rewrite(endpoints, from)).toBe(to);
  });

  it('leaves real Alpaca hosts to the SDK, which picks paper or live from the account', async () => {
    const real = { tradingUrl: 'https://paper-api.alpaca.markets', dataUrl: 'https://data.alpaca.markets' };
    expect(alpacaUrlRewrite(real)).toBeUndefined();
    const mixed = { tradingUrl: 'https://paper-api.alpaca.markets', dataUrl: 'http://127.0.0.1:4010' };
    expect(await rewrite(mixed, 'https://api.alpaca.markets/v2/account')).toBe('https://api.alpaca.markets/v2/account');
    expect(await rewrite(mixed, 'https://data.alpaca.markets/v2/stocks/bars')).toBe('http://127.0.0.1:4010/v2/stocks/bars');
  });
});
