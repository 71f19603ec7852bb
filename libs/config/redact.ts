import type { AppConfig } from './app-config.types';

const MASK = '***';

/** Masks the password of a connection URL; also copes with strings that do not parse as URLs. */
export function redactUrlPassword(value: string): string {
  try {
    const url = new URL(value);
    if (url.password === '') return value;
    url.password = MASK;
    return url.toString();
  } catch {
    return value.replace(/(\/\/[^/:@]*:)[^@/]*@/, `$1${MASK}@`);
  }
}

/** A copy of the configuration that is safe to log: no key, no client secret, no database password. */
export function redactConfig(config: AppConfig): Record<string, unknown> {
  const database =
    config.database.kind === 'postgres'
      ? { kind: 'postgres', databaseUrl: redactUrlPassword(config.database.databaseUrl) }
      : { ...config.database };
  return {
    ...config,
    database,
    alpaca: { ...config.alpaca, oauth: { ...config.alpaca.oauth, clientSecret: MASK } },
    encryptionKey: MASK,
  };
}
