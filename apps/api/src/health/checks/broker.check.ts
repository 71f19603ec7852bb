import { describeProbeError } from './with-timeout';

export interface BrokerHealth {
  status: 'reachable' | 'unreachable';
  url: string;
  http_status?: number;
  error?: string;
}

/**
 * Reachability of the broker's trading API without credentials: any HTTP answer (a 401 included)
 * proves the host is up and speaking HTTP; only a network failure or timeout is "unreachable".
 */
export async function checkBroker(tradingUrl: string, timeoutMs: number, fetchImpl: typeof fetch = fetch): Promise<BrokerHealth> {
  const url = tradingUrl.replace(/\/+$/, '');
  try {
    const response = await fetchImpl(`${url}/v2/clock`, { signal: AbortSignal.timeout(timeoutMs) });
    // Drain the body so the socket is released.
    await response.arrayBuffer().catch(() => undefined);
    return { status: 'reachable', url, http_status: response.status };
  } catch (error) {
    return { status: 'unreachable', url, error: describeProbeError(error) };
  }
}
