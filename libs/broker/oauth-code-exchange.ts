import { fromStatus } from './alpaca-error.mapper';
import { BrokerError, BrokerUnavailableError } from './broker.errors';

export interface OAuthCodeExchange {
  /** e.g. https://api.alpaca.markets/oauth/token, or the paper exchange's /oauth/token */
  tokenUrl: string;
  code: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  timeoutMs?: number;
}

export interface OAuthToken {
  accessToken: string;
  scope?: string;
}

/**
 * Redeems an OAuth authorization code for an access token, as Alpaca's /oauth/token expects
 * (POST, form-urlencoded). A refused code or client is a BrokerAuthError with the server's
 * reason; a transport failure or 5xx is BrokerUnavailableError.
 */
export async function exchangeOAuthCode(exchange: OAuthCodeExchange): Promise<OAuthToken> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: exchange.code,
    client_id: exchange.clientId,
    client_secret: exchange.clientSecret,
    redirect_uri: exchange.redirectUri,
  });
  let response: Response;
  try {
    response = await fetch(exchange.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(exchange.timeoutMs ?? 15_000),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'unreachable';
    throw new BrokerUnavailableError(`OAuth token endpoint ${reason}`);
  }
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const reason = firstText(payload.message, payload.error_description, payload.error) ?? `HTTP ${response.status}`;
    // A refused code or client is an authorization failure whatever 4xx status carries it.
    throw fromStatus(response.status === 400 || response.status === 422 ? 401 : response.status, reason);
  }
  const accessToken = firstText(payload.access_token);
  if (!accessToken) throw new BrokerError('OAuth token response carried no access_token', response.status);
  return { accessToken, scope: firstText(payload.scope) };
}

function firstText(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.length > 0);
}
