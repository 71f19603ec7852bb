/**
 * Log paths whose values are secrets. Pino replaces them with "[Redacted]" before a line is
 * written, so a careless `log.info({ credentials })` still cannot leak a key. `*.x` matches one
 * level deep, hence the top-level names as well.
 */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'password',
  'secret_key',
  'access_token',
  'key_id',
  'secretKey',
  'accessToken',
  'keyId',
  'encryptionKey',
  'client_secret',
  '*.password',
  '*.secret_key',
  '*.access_token',
  '*.key_id',
  '*.secretKey',
  '*.accessToken',
  '*.keyId',
  '*.encryptionKey',
  '*.client_secret',
  '*.authorization',
];

/** Shape of a request in access logs. */
export interface LoggedRequest {
  id?: unknown;
  method?: string;
  url?: string;
}

/**
 * Request serializer for access logs: method and path only. Headers carry the bearer token and the
 * query string can carry an OAuth code, and bodies carry passwords and keys, so none is logged.
 */
export function serializeRequest(req: LoggedRequest): LoggedRequest {
  return { id: req.id, method: req.method, url: req.url?.split('?')[0] };
}

/** Response in access logs: the status only (a redirect's Location can carry an OAuth state). */
export function serializeResponse(res: { statusCode?: number }): { statusCode?: number } {
  return { statusCode: res.statusCode };
}
