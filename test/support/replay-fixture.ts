import * as path from 'node:path';

/** A recorded strategyWorkflow history that the replay test checks the current code against. */
export const REPLAY_FIXTURE = path.join(__dirname, '..', 'fixtures', 'strategy-workflow-history.json');
