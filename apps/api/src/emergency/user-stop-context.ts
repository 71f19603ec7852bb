import type { Logger } from 'pino';
import type { Broker } from '../../../../libs/broker/broker.port';
import type { EmergencyStore } from './emergency-stop.ports';
import type { EmergencyStopFailure } from './emergency-stop.report';

/** What each step of one user's emergency stop works with, and where it reports what failed. */
export interface UserStopContext {
  userId: string;
  store: EmergencyStore;
  /** Undefined when the user's broker connection is unusable (the failure is reported once). */
  broker?: Broker;
  logger: Logger;
  failures: EmergencyStopFailure[];
}

export function reportFailure(ctx: UserStopContext, step: EmergencyStopFailure['step'], target: string, err: unknown): void {
  const error = err instanceof Error ? err.message : String(err);
  ctx.failures.push({ user_id: ctx.userId, step, target, error });
  ctx.logger.error({ user_id: ctx.userId, step, target }, `❌ Emergency stop: ${step} ${target} failed: ${error}`);
}

/**
 * Prefixes of the client_order_ids the strategies send: runs `ap-` and grids `ag-` (clientOrderId
 * and gridClientOrderId in libs/contracts), exits `ax-` (the worker's position-exit monitor).
 */
export function orderPrefixesOf(strategyIds: readonly string[]): string[] {
  return strategyIds.flatMap((id) => {
    const compact = id.replace(/-/g, '');
    return [`ap-${compact}-`, `ag-${compact}-`, `ax-${compact}-`];
  });
}
