import pino from 'pino';
import type { ExecuteStrategyDeps } from '../execute-strategy.activity';
import { FakeBroker } from './fake-broker';
import { InMemoryExecutionStore } from './in-memory-execution-store';
import { InMemoryRiskStore } from './in-memory-risk-store';

export const STRATEGY_ID = '9a55f1c2-0b7d-4c1e-6f1c-3d2f8e7b1a03';

export const runOf = (runNumber: number) => ({ strategyId: STRATEGY_ID, runNumber, trigger: 'scheduled' as const });

/** One active strategy of `type` over in-memory stores and a FakeBroker; log lines are kept for assertions. */
export function executionSetup(type: string, configuration: Record<string, unknown>, state: Record<string, unknown> = { entered: false }) {
  const store = new InMemoryExecutionStore();
  store.strategies.set(STRATEGY_ID, { id: STRATEGY_ID, userId: 'user-1', name: 'Test unit', type, isActive: true, configuration, state });
  const broker = new FakeBroker();
  const riskStore = new InMemoryRiskStore();
  const logLines: Array<{ level: number; msg: string }> = [];
  const deps: ExecuteStrategyDeps = {
    store,
    riskStore,
    loadCredentials: async () => ({ kind: 'key', keyId: 'k', secretKey: 's', environment: 'paper' }),
    brokerFor: () => broker,
    logger: pino({ level: 'info' }, { write: (line: string) => logLines.push(JSON.parse(line)) }),
    now: () => new Date('2026-11-25T15:00:00Z'),
    fillWait: { pollMs: 0, timeoutMs: 5 },
  };
  return { store, broker, riskStore, deps, logLines };
}
