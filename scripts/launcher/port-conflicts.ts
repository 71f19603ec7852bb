import { isPortFree } from '../process/free-port';

export interface PortClaim {
  port: number;
  host: string;
  /** What would listen there, and the variable that moves it. */
  what: string;
  envVar: string;
}

/**
 * Finds every port already taken before anything starts, so the user gets one clear message
 * instead of a child dying with EADDRINUSE halfway through the start.
 */
export async function findPortConflicts(claims: readonly PortClaim[]): Promise<string[]> {
  const conflicts: string[] = [];
  for (const claim of claims) {
    if (!(await isPortFree(claim.port, claim.host))) {
      conflicts.push(`port ${claim.port} (${claim.what}) is already in use on ${claim.host}; stop what uses it or set ${claim.envVar}`);
    }
  }
  return conflicts;
}
