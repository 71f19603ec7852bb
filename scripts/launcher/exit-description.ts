import { constants } from 'node:os';
import type { ChildExit } from '../process/stop-child';

/** "code 1", or "code 137 (SIGKILL)" for a process the guard saw killed by a signal. */
export function describeExit(exit: ChildExit): string {
  if (exit.signal !== null) return `signal ${exit.signal}`;
  if (exit.code === null) return 'an unknown status';
  const signal = exit.code > 128 ? signalName(exit.code - 128) : undefined;
  return signal === undefined ? `code ${exit.code}` : `code ${exit.code} (${signal})`;
}

function signalName(value: number): string | undefined {
  return Object.entries(constants.signals).find(([, number]) => number === value)?.[0];
}

/** Exit 0, or death by the SIGTERM we sent (what Nest's shutdown hooks end with): a clean stop. */
export function isCleanStop(exit: ChildExit): boolean {
  return exit.code === 0 || exit.code === 128 + constants.signals.SIGTERM || exit.signal === 'SIGTERM';
}
