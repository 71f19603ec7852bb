/** Thrown when a health probe did not answer in time. */
export class ProbeTimeoutError extends Error {
  override readonly name = 'ProbeTimeoutError';
}

/**
 * Races a probe against a timer so one hung dependency cannot hang /health/detailed. The probe
 * itself keeps running; callers pass an AbortSignal or deadline to it where the client supports one.
 */
export async function withTimeout<T>(probe: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeoutError(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function describeProbeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
