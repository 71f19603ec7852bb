import type { Decision } from './strategy';

/** A decision to do nothing this run, saying why; the state goes on unchanged. */
export function hold(reason: string, state: Record<string, unknown>): Decision {
  return { action: 'hold', reason: `HOLD - ${reason}`, orders: [], nextState: state };
}
