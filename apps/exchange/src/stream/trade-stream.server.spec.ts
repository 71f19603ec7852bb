import { WebSocket, type RawData } from 'ws';
import { startExchange, type ExchangeHandle } from '../exchange';
import { createPaperAccount, type PaperAccount } from '../testing/admin-client';
import { sdkClient } from '../testing/sdk-client';

interface Frame {
  stream?: string;
  action?: string;
  data: Record<string, unknown>;
}

/** A raw client: records every frame (and whether it came binary) and the close code. */
async function connect(url: string) {
  const ws = new WebSocket(url);
  const frames: Frame[] = [];
  const binary: boolean[] = [];
  let closeCode: number | undefined;
  ws.on('message', (data: RawData, isBinary: boolean) => {
    binary.push(isBinary);
    frames.push(JSON.parse(data.toString()) as Frame);
  });
  ws.on('close', (code) => (closeCode = code));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const next = async (count: number) => {
    const deadline = Date.now() + 3_000;
    while (frames.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} frames, got ${JSON.stringify(frames)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return frames[count - 1];
  };
  const closed = async () => {
    while (closeCode === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    return closeCode;
  };
  return { ws, frames, binary, next, closed, send: (payload: unknown) => ws.send(JSON.stringify(payload)) };
}

describe('trade_updates stream server', () => {
  let exchange: ExchangeHandle;
  let account: PaperAccount;
  const sockets: WebSocket[] = [];
  const open = async (url = exchange.streamUrl) => {
    const client = await connect(url);
    sockets.push(client.ws);
    return client;
  };
  const authenticate = { action: 'authenticate', data: {} as Record<string, string> };
  const keyAuth = (paper: PaperAccount) => ({ ...authenticate, data: { key_id: paper.key_id, secret_key: paper.secret_key } });

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false, marketHours: 'always_open' });
  });
  beforeEach(async () => {
    account = await createPaperAccount(exchange.url);
  });
  afterEach(() => sockets.splice(0).forEach((ws) => ws.terminate()));
  afterAll(() => exchange.close());

  it('authorizes, confirms listening and sends binary frames', async () => {
    const client = await open();
    client.send(keyAuth(account));
    expect(await client.next(1)).toEqual({ stream: 'authorization', data: { status: 'authorized', action: 'authenticate' } });
    client.send({ action: 'listen', data: { streams: ['trade_updates', 'account_updates'] } });
    expect(await client.next(2)).toEqual({ stream: 'listening', data: { streams: ['trade_updates'] } });
    expect(client.binary).toEqual([true, true]);
  });

  it.each([
    ['a wrong secret', (paper: PaperAccount) => ({ ...authenticate, data: { key_id: paper.key_id, secret_key: 'nope' } })],
    ['an unknown OAuth token', () => ({ ...authenticate, data: { oauth_token: 'unknown' } })],
  ])('refuses %s and closes', async (_name, frame) => {
    const client = await open();
    client.send(frame(account));
    expect(await client.next(1)).toEqual({ stream: 'authorization', data: { status: 'unauthorized', action: 'authenticate' } });
    expect(await client.closed()).toBe(1008);
  });

  it('refuses listen before authenticate', async () => {
    const client = await open();
    client.send({ action: 'listen', data: { streams: ['trade_updates'] } });
    expect(await client.next(1)).toEqual({ stream: 'authorization', data: { status: 'unauthorized', action: 'listen' } });
    expect(await client.closed()).toBe(1008);
  });

  it('answers a malformed frame with an error and stays open', async () => {
    const client = await open();
    client.ws.send('{not json');
    expect(await client.next(1)).toEqual({ action: 'error', data: { error_message: 'invalid syntax' } });
    client.send(keyAuth(account));
    expect((await client.next(2)).data.status).toBe('authorized');
  });

  it('pushes only after listen, in Alpaca shape', async () => {
    const client = await open();
    client.send(keyAuth(account));
    await client.next(1);
    const api = sdkClient(exchange.url, account);
    const before = await api.trading.orders.limit({ symbol: 'AAPL', qty: 1, side: 'buy', limitPrice: 1 });
    client.send({ action: 'listen', data: { streams: ['trade_updates'] } });
    await client.next(2);
    // The Raw variant plus value() reads the 204, so the SDK's request timer does not linger.
    await (await api.trading.orders.deleteOrderByOrderIDRaw({ orderId: before.id! })).value();
    const update = await client.next(3);
    expect(client.frames).toHaveLength(3);
    expect(update).toMatchObject({ stream: 'trade_updates', data: { event: 'canceled', position_qty: '0', order: { id: before.id, status: 'canceled' } } });
    expect(typeof update.data.timestamp).toBe('string');
  });

  it('lets a newer connection of the same account take over', async () => {
    const older = await open();
    older.send(keyAuth(account));
    await older.next(1);
    const newer = await open();
    newer.send(keyAuth(account));
    expect((await newer.next(1)).data.status).toBe('authorized');
    expect(await older.closed()).toBe(1008);
  });

  it('refuses upgrades on other paths', async () => {
    await expect(connect(exchange.streamUrl.replace('/stream', '/v2/stream'))).rejects.toThrow(/404/);
  });

  it('closes stream sockets when the exchange closes', async () => {
    const own = await startExchange({ priceDrift: false });
    const client = await connect(own.streamUrl);
    client.send(keyAuth(await createPaperAccount(own.url)));
    await client.next(1);
    await own.close();
    expect(await client.closed()).toBe(1006);
  });
});
