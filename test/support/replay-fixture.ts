import * as path from 'node:path';

/** A recorded strategyWorkflow history that the replay test checks the current code against. */
export const REPLAY_FIXTURE = path.join(__dirname, '..', 'fixtures', 'strategy-workflow-history.json');

/** A recorded gridStrategyWorkflow history (set-up, fill signals and answers, cancellation). */
export const GRID_REPLAY_FIXTURE = path.join(__dirname, '..', 'fixtures', 'grid-workflow-history.json');
