import { PollLoop } from './poll-loop';

describe('PollLoop', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A cycle that takes `ms` of (fake) time and records when each run started and ended. */
  function timedCycle(ms: number) {
    const runs: Array<{ start: number; end?: number }> = [];
    let active = 0;
    let maxActive = 0;
    const cycle = async () => {
      const run: { start: number; end?: number } = { start: Date.now() };
      runs.push(run);
      maxActive = Math.max(maxActive, ++active);
      await new Promise((resolve) => setTimeout(resolve, ms));
      active -= 1;
      run.end = Date.now();
    };
    return { cycle, runs, maxActive: () => maxActive };
  }

  it('runs at once, then one interval after each cycle ends, never two at a time', async () => {
    const { cycle, runs, maxActive } = timedCycle(3_000);
    const loop = new PollLoop(cycle, 5_000, () => undefined);
    const t0 = Date.now();
    void loop.start();
    await jest.advanceTimersByTimeAsync(20_000);
    await loop.stop();

    expect(runs.map((r) => r.start - t0)).toEqual([0, 8_000, 16_000]);
    expect(maxActive()).toBe(1);
  });

  it('runSoon during a cycle queues one more right after it; when idle it runs now', async () => {
    const { cycle, runs } = timedCycle(1_000);
    const loop = new PollLoop(cycle, 60_000, () => undefined);
    const t0 = Date.now();
    void loop.start();
    await jest.advanceTimersByTimeAsync(500);
    loop.runSoon();
    loop.runSoon();
    await jest.advanceTimersByTimeAsync(3_000);
    expect(runs.map((r) => r.start - t0)).toEqual([0, 1_000]);

    loop.runSoon();
    await jest.advanceTimersByTimeAsync(0);
    expect(runs.map((r) => r.start - t0)).toEqual([0, 1_000, 3_500]);
    await jest.advanceTimersByTimeAsync(1_000);
    await loop.stop();
  });

  it('keeps going after a failing cycle and reports the error', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const loop = new PollLoop(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database down');
      },
      1_000,
      (error) => errors.push(error),
    );
    await loop.start();
    await jest.advanceTimersByTimeAsync(1_000);
    await loop.stop();
    expect(calls).toBe(2);
    expect(errors).toEqual([new Error('database down')]);
  });

  it('stop waits for the running cycle and schedules nothing more', async () => {
    const { cycle, runs } = timedCycle(2_000);
    const loop = new PollLoop(cycle, 1_000, () => undefined);
    void loop.start();
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(stopped).toBe(false);
    await jest.advanceTimersByTimeAsync(1_000);
    await stopping;
    loop.runSoon();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(1);
    expect(runs[0].end).toBeDefined();
  });
});
