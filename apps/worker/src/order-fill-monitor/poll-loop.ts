/**
 * Runs `cycle` now and then `intervalMs` after each cycle ends, so cycles never overlap however
 * long one takes. `runSoon` pulls the next cycle forward (or queues one right after the running
 * cycle); `stop` waits for a running cycle to finish.
 */
export class PollLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;

  constructor(
    private readonly cycle: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Starts the first cycle; resolves when it has finished. */
  start(): Promise<void> {
    this.stopped = false;
    return this.runNow();
  }

  runSoon(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    void this.runNow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private runNow(): Promise<void> {
    const run = (async () => {
      do {
        this.again = false;
        try {
          await this.cycle();
        } catch (error) {
          this.onError(error);
        }
      } while (this.again && !this.stopped);
    })();
    this.running = run.finally(() => {
      this.running = undefined;
      if (!this.stopped) this.timer = setTimeout(() => this.runNow(), this.intervalMs);
    });
    return this.running;
  }
}
