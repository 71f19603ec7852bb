import { condition, patched } from '@temporalio/workflow';

// Histories recorded before the lock held let every waiter that one release woke go ahead.
const STEP_LOCK_PATCH = 'step-lock';

/**
 * Lets a workflow's steps (scheduled runs, manual executes, fill answers, reconciles) run one at
 * a time: a step that finds another running waits for it to finish.
 */
export class StepLock {
  private held = false;

  /** Whether a step is running now. */
  get busy(): boolean {
    return this.held;
  }

  async run<T>(step: () => Promise<T>): Promise<T> {
    await condition(() => !this.held);
    // One release (or one idle moment) wakes every waiter at once: the first to resume takes
    // the lock, the others wait again. Only this contended path records the patch marker.
    if (this.held && patched(STEP_LOCK_PATCH)) {
      while (this.held) await condition(() => !this.held);
    }
    this.held = true;
    try {
      return await step();
    } finally {
      this.held = false;
    }
  }
}
