import { startExchange, type ExchangeHandle } from '../../apps/exchange/src/exchange';
import { createPaperAccount, setFaults, setPrice, type PaperAccount } from '../../apps/exchange/src/testing/admin-client';
import { fromStatus, toBrokerError } from './alpaca-error.mapper';
import { createAlpacaBroker } from './alpaca-broker';
import {
  BrokerAuthError,
  BrokerError,
  BrokerNotFoundError,
  BrokerUnavailableError,
  InsufficientBuyingPowerError,
  OrderRejectedError,
} from './broker.errors';
import type { Broker } from './broker.port';

describe('fromStatus', () => {
  it.each([
    [401, 'request is not authorized', BrokerAuthError, false],
    [403, 'insufficient buying power', InsufficientBuyingPowerError, false],
    [403, 'insufficient qty available for order (requested: 3, available: 2)', InsufficientBuyingPowerError, false],
    [403, 'forbidden: live trading is not enabled', BrokerAuthError, false],
    [400, 'invalid request', OrderRejectedError, false],
    [422, 'client_order_id must be unique', OrderRejectedError, false],
    [404, 'order not found', BrokerNotFoundError, false],
    [408, 'request timeout', BrokerUnavailableError, true],
    [429, 'rate limit exceeded', BrokerUnavailableError, true],
    [500, 'internal server error', BrokerUnavailableError, true],
    [503, 'service unavailable', BrokerUnavailableError, true],
    [409, 'conflict', BrokerError, false],
  ])('%d %j -> %p (retryable %p)', (status, message, errorClass, retryable) => {
    const error = fromStatus(status, message);
    expect(error).toBeInstanceOf(errorClass);
    expect(error.constructor).toBe(errorClass);
    expect(error).toMatchObject({ message, status, retryable, name: errorClass.name });
  });

  it('passes BrokerErrors through and leaves unknown errors alone', () => {
    const original = new OrderRejectedError('no');
    expect(toBrokerError(original)).toBe(original);
    const other = new TypeError('boom');
    expect(toBrokerError(other)).toBe(other);
  });
});

describe('error mapping against the paper exchange', () => {
  let exchange: ExchangeHandle;
  let account: PaperAccount;
  let broker: Broker;
  const connect = (keyId: string, secretKey: string, tradingUrl = exchange.url) =>
    createAlpacaBroker({ kind: 'key', keyId, secretKey, environment: 'paper' }, { tradingUrl, dataUrl: tradingUrl }, { rateLimit: false, retry: false });

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false, marketHours: 'always_open' });
    account = await createPaperAccount(exchange.url, 1_000);
    broker = connect(account.key_id, account.secret_key);
    await setPrice(exchange.url, 'AAPL', 100);
  });
  afterAll(() => exchange.close());
  afterEach(() => setFaults(exchange.url, { error_rate: 0, rate_limit_per_minute: null }));

  const order = (overrides: Partial<Parameters<Broker['placeOrder']>[0]> = {}) =>
    broker.placeOrder({ clientOrderId: `e-${Math.random()}`, symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', qty: 1, ...overrides });

  it('401 -> BrokerAuthError with the broker\'s reason, and no secret in it', async () => {
    const failure = connect(account.key_id, 'wrong-secret').getAccount();
    await expect(failure).rejects.toBeInstanceOf(BrokerAuthError);
    await expect(failure).rejects.toMatchObject({ message: 'request is not authorized', status: 401 });
    await expect(failure).rejects.not.toMatchObject({ message: expect.stringContaining('wrong-secret') });
  });

  it('403 buying power -> InsufficientBuyingPowerError', async () => {
    await expect(order({ qty: 11 })).rejects.toBeInstanceOf(InsufficientBuyingPowerError);
  });

  it('403 qty available -> InsufficientBuyingPowerError', async () => {
    await expect(order({ side: 'sell', qty: 5 })).rejects.toMatchObject({
      name: 'InsufficientBuyingPowerError',
      message: expect.stringContaining('insufficient qty available'),
    });
  });

  it('422 duplicate client_order_id and invalid orders -> OrderRejectedError', async () => {
    await order({ clientOrderId: 'dup' });
    await expect(order({ clientOrderId: 'dup' })).rejects.toMatchObject({ name: 'OrderRejectedError', status: 422 });
    await expect(order({ symbol: 'NOPE' })).rejects.toBeInstanceOf(OrderRejectedError);
  });

  it('rejects an order without exactly one of qty and notional before sending it', async () => {
    await expect(order({ qty: undefined })).rejects.toBeInstanceOf(OrderRejectedError);
    await expect(order({ notional: 10 })).rejects.toBeInstanceOf(OrderRejectedError);
  });

  it('404 -> BrokerNotFoundError', async () => {
    await expect(broker.getOrder('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(BrokerNotFoundError);
    await expect(broker.closePosition('MSFT')).rejects.toBeInstanceOf(BrokerNotFoundError);
    await expect(broker.getLatestPrice('NOPE')).rejects.toBeInstanceOf(BrokerNotFoundError);
    await expect(broker.getLatestPrice('NOPE/USD')).rejects.toBeInstanceOf(BrokerNotFoundError);
  });

  it('500 -> BrokerUnavailableError (retryable)', async () => {
    await setFaults(exchange.url, { error_rate: 1 });
    await expect(broker.getClock()).rejects.toMatchObject({ name: 'BrokerUnavailableError', status: 500, retryable: true });
  });

  it('429 -> BrokerUnavailableError (retryable)', async () => {
    await setFaults(exchange.url, { rate_limit_per_minute: 1 });
    const outcomes = await Promise.allSettled([broker.getClock(), broker.getClock(), broker.getClock()]);
    const rejected = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    expect(rejected[0].reason).toMatchObject({ name: 'BrokerUnavailableError', status: 429 });
  });

  it('connection refused -> BrokerUnavailableError', async () => {
    const closed = await startExchange();
    await closed.close();
    const failure = connect('PK', 'secret', closed.url).getAccount();
    await expect(failure).rejects.toBeInstanceOf(BrokerUnavailableError);
    await expect(failure).rejects.toMatchObject({ message: expect.stringContaining('broker unreachable') });
  });

  it('timeout -> BrokerUnavailableError', async () => {
    await setFaults(exchange.url, { latency_ms: 300 });
    try {
      const impatient = createAlpacaBroker(
        { kind: 'key', keyId: account.key_id, secretKey: account.secret_key, environment: 'paper' },
        { tradingUrl: exchange.url, dataUrl: exchange.url },
        { rateLimit: false, retry: false, timeoutMs: 50 },
      );
      await expect(impatient.getClock()).rejects.toMatchObject({ name: 'BrokerUnavailableError', message: 'broker request timed out' });
    } finally {
      await setFaults(exchange.url, { latency_ms: 0 });
    }
  });

  it.each([
    ['', ''],
    ['PKONLYKEY', ''],
    ['', 'only-secret'],
  ])('incomplete key pair %j/%j -> BrokerAuthError, never the environment\'s keys', (keyId, secret) => {
    process.env.APCA_API_KEY_ID = account.key_id;
    process.env.APCA_API_SECRET_KEY = account.secret_key;
    try {
      expect(() => connect(keyId, secret)).toThrow(BrokerAuthError);
    } finally {
      delete process.env.APCA_API_KEY_ID;
      delete process.env.APCA_API_SECRET_KEY;
    }
  });

  it('an empty OAuth token -> BrokerAuthError', () => {
    const options = { rateLimit: false, retry: false };
    expect(() => createAlpacaBroker({ kind: 'oauth', accessToken: '', environment: 'paper' }, { tradingUrl: exchange.url, dataUrl: exchange.url }, options)).toThrow(
      'broker credentials are incomplete',
    );
  });
});
