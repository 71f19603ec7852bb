import { cpus, totalmem } from 'node:os';
import { startBenchStack, type BenchStack } from './bench-stack';
import { summarize, type Summary } from './stats';
import { call, connectPaperAccount, register, until } from './bench-http';
import { gridFillLatency } from './grid-fill-latency';

/**
 * `npm run bench`: latency of the strategy lifecycle as a user sees it, over HTTP against the
 * real Temporal dev server, database and paper exchange. Targets (issue 2): a new strategy is
 * listed by the scheduler with a next run time within 1 s; deactivation closes its workflow
 * within 1 s; a grid answers a fill with its counter order (issue 3: the old poller took up to
 * 120 s). Results go to stdout as JSON; record them in BENCHMARKS.md.
 */
const STRATEGIES = Number(process.env.BENCH_STRATEGIES ?? 30);

async function main(): Promise<void> {
  // The system's own log lines would drown the figures.
  process.env.LOG_LEVEL ??= 'silent';
  const stack = await startBenchStack();
  const results: Record<string, Summary | number | string> = {};
  try {
    const token = await register(stack);
    await connectPaperAccount(stack, token);
    Object.assign(results, {
      date: new Date().toISOString(),
      machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
      strategies: STRATEGIES,
    });

    const createMs: number[] = [];
    const scheduledMs: number[] = [];
    const ids: string[] = [];
    for (let i = 0; i < STRATEGIES; i += 1) {
      const started = performance.now();
      const created = await call(stack, token, 'POST', '/api/strategies', dcaStrategy(`bench ${i}`, false));
      createMs.push(performance.now() - started);
      ids.push(created.id);
      await until(async () => {
        const status = await call(stack, token, 'GET', '/api/strategies/scheduler/status');
        return status.jobs.some((job: { strategy_id: string; next_run_time: string | null }) => job.strategy_id === created.id && job.next_run_time);
      });
      scheduledMs.push(performance.now() - started);
    }
    results.create_strategy_ms = summarize(createMs);
    results.create_to_listed_with_next_run_ms = summarize(scheduledMs);

    const autoStartMs: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const started = performance.now();
      const created = await call(stack, token, 'POST', '/api/strategies', dcaStrategy(`bench auto ${i}`, true));
      if (!created.initial_execution_result) throw new Error('auto_start gave no initial result');
      autoStartMs.push(performance.now() - started);
      ids.push(created.id);
    }
    results.create_with_auto_start_ms = summarize(autoStartMs);

    results.manual_execute_ms = summarize(await timeEach(ids.slice(0, 20), (id) => call(stack, token, 'POST', `/api/strategies/${id}/execute`)));
    results.scheduler_status_ms = summarize(await timeEach(Array.from({ length: 20 }, () => ''), () => call(stack, token, 'GET', '/api/strategies/scheduler/status')));

    const closeMs: number[] = [];
    for (const id of ids.slice(0, 20)) {
      const started = performance.now();
      await call(stack, token, 'PATCH', `/api/strategies/${id}`, { is_active: false });
      await until(async () => (await stack.client.workflow.getHandle(`strategy-${id}`).describe()).status.name !== 'RUNNING');
      closeMs.push(performance.now() - started);
    }
    results.deactivate_to_workflow_closed_ms = summarize(closeMs);

    results.interval_lateness_ms = summarize(await intervalLateness(stack, token));
    results.rss_mb = Math.round(process.memoryUsage().rss / 2 ** 20);
  } finally {
    await stack.close();
  }
  // Each on a stack of its own: the order-fill monitor's settings differ.
  results.grid_fill_to_counter_order_ms_stream = await gridFillLatency({ ORDER_FILL_POLL_SECONDS: '5' });
  results.grid_fill_to_counter_order_ms_poll_only = await gridFillLatency({ ORDER_FILL_POLL_SECONDS: '5', ORDER_FILL_STREAM: 'off' });
  console.log(JSON.stringify(results, null, 2));
}

/** How late scheduled runs start relative to their 1 s interval, over ~20 runs. */
async function intervalLateness(stack: BenchStack, token: string): Promise<number[]> {
  const created = await call(stack, token, 'POST', '/api/strategies', { ...dcaStrategy('bench interval', false), configuration: { ...dcaStrategy('', false).configuration, interval_seconds: 1 } });
  await new Promise((r) => setTimeout(r, 22_000));
  await call(stack, token, 'PATCH', `/api/strategies/${created.id}`, { is_active: false });
  const runs: Array<{ started_at: string; trigger: string }> = await call(stack, token, 'GET', `/api/strategies/${created.id}/executions?limit=100`);
  const starts = runs.filter((r) => r.trigger === 'scheduled').map((r) => Date.parse(r.started_at)).sort((a, b) => a - b);
  return starts.slice(1).map((t, i) => t - starts[i] - 1000);
}

function dcaStrategy(name: string, autoStart: boolean) {
  return { name, type: 'dca', auto_start: autoStart, configuration: { symbol: 'BTC/USD', amount_per_buy: 5, allocated_capital: 1_000_000 } };
}

async function timeEach<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (const item of items) {
    const started = performance.now();
    await work(item);
    samples.push(performance.now() - started);
  }
  return samples;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
