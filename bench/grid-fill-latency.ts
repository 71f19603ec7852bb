import { cpus, totalmem } from 'node:os';
import { startBenchStack, type BenchStack } from './bench-stack';
import { summarize, type Summary } from './stats';
import { call, connectPaperAccount, register, until } from './bench-http';

/**
 * Fill -> counter-order latency of a spot grid (issue 3): the time from the paper exchange
 * filling a grid order to the counter order arriving at the exchange, measured on the exchange's
 * own event clock. Run once with the trade_updates stream and once with the poll only
 * (ORDER_FILL_STREAM=off, ORDER_FILL_POLL_SECONDS=5, the default interval).
 */
const STEPS = Number(process.env.BENCH_GRID_STEPS ?? 15);

export async function gridFillLatency(env: Record<string, string>): Promise<Summary> {
  const stack = await startBenchStack(env);
  try {
    const token = await register(stack);
    await connectPaperAccount(stack, token);
    await admin(stack, '/admin/clock', { is_open: true });
    const top = 100 + STEPS;
    await admin(stack, '/admin/prices', { symbol: 'AAPL', price: top + 0.5 });

    // Whenever an order fills, note when; when an order arrives whose parent filled, measure.
    const filledAt = new Map<string, number>();
    const samples: number[] = [];
    let arrivals = 0;
    const unsubscribe = stack.exchange.onTradeUpdate((_account, update) => {
      const cid = String(update.order.client_order_id);
      if (update.event === 'fill') filledAt.set(cid, Date.parse(update.timestamp));
      if (update.event === 'new') {
        arrivals += 1;
        const lastFill = [...filledAt.values()].pop();
        if (lastFill !== undefined) samples.push(Date.parse(update.timestamp) - lastFill);
        filledAt.clear();
      }
    });

    const created = await call(stack, token, 'POST', '/api/strategies', {
      name: 'bench grid',
      type: 'spot_grid',
      configuration: { symbol: 'AAPL', lower_price: 100, upper_price: top + 1, grid_count: STEPS + 2, quantity_per_grid: 1 },
    });
    // A buy on every level from 100 to `top`, below the start price.
    await until(() => Promise.resolve(arrivals >= STEPS + 1), 60_000);
    // The monitor opens an account's stream on its next poll after the account's first active
    // strategy; measure the steady state, not that first window (the poll covers it).
    await new Promise((r) => setTimeout(r, (Number(env.ORDER_FILL_POLL_SECONDS ?? 5) + 1) * 1000));
    // One level down at a time (each buy answered by a sell), then back up (each sell by a buy).
    const jitterMs = env.ORDER_FILL_STREAM === 'off' ? Number(env.ORDER_FILL_POLL_SECONDS ?? 5) * 1000 : 0;
    // Step k down fills the buy at top-k+1 and places its sell at top-k+2; step k up fills that sell.
    for (let step = 1; step <= STEPS; step += 1) await moveAndAwaitAnswer(stack, top - step + 0.5, () => arrivals, jitterMs);
    for (let step = STEPS; step >= 1; step -= 1) await moveAndAwaitAnswer(stack, top - step + 2.5, () => arrivals, jitterMs);
    unsubscribe();
    await call(stack, token, 'PATCH', `/api/strategies/${created.id}`, { is_active: false });
    return summarize(samples);
  } finally {
    await stack.close();
  }
}

async function moveAndAwaitAnswer(stack: BenchStack, price: number, arrivals: () => number, jitterMs: number): Promise<void> {
  // Without a stream an answer waits for the next poll: fills at random moments of the poll
  // cycle (not always just after a poll) give its real distribution, not only its worst case.
  if (jitterMs > 0) await new Promise((r) => setTimeout(r, Math.random() * jitterMs));
  const before = arrivals();
  await admin(stack, '/admin/prices', { symbol: 'AAPL', price });
  await until(() => Promise.resolve(arrivals() > before), 60_000);
}

async function admin(stack: BenchStack, route: string, body: unknown): Promise<void> {
  const res = await fetch(`${stack.exchange.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${route} answered ${res.status}`);
}

if (require.main === module) {
  (async () => {
    process.env.LOG_LEVEL ??= 'silent';
    const results = {
      date: new Date().toISOString(),
      machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
      fill_to_counter_order_ms_stream: await gridFillLatency({ ORDER_FILL_POLL_SECONDS: '5' }),
      fill_to_counter_order_ms_poll_only: await gridFillLatency({ ORDER_FILL_POLL_SECONDS: '5', ORDER_FILL_STREAM: 'off' }),
    };
    console.log(JSON.stringify(results, null, 2));
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
