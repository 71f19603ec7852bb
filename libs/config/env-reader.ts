import { SECRET_ENV_VARS, type ConfigEnvVar } from './config-env-vars';

const TRUE_WORDS = ['true', '1', 'on'];
const FALSE_WORDS = ['false', '0', 'off'];
const MAX_SHOWN_CHARS = 80;

/**
 * Reads typed values from the environment and collects every problem instead of stopping at the
 * first, so loadConfig can report them all together. Blank values count as unset: compose files
 * and .env templates commonly carry `NAME=` for "use the default".
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  raw(name: ConfigEnvVar): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  string(name: ConfigEnvVar, fallback: string): string {
    const value = this.raw(name);
    if (value !== undefined && /\s/.test(value)) {
      return this.fail(name, 'must not contain whitespace', value, fallback);
    }
    return value ?? fallback;
  }

  integer(name: ConfigEnvVar, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      return this.fail(name, `must be an integer ${min}-${max}`, value, fallback);
    }
    return parsed;
  }

  port(name: ConfigEnvVar, fallback: number): number {
    return this.integer(name, fallback, 1, 65535);
  }

  boolean(name: ConfigEnvVar, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (TRUE_WORDS.includes(value)) return true;
    if (FALSE_WORDS.includes(value)) return false;
    return this.fail(name, 'must be one of true/false/1/0/on/off', value, fallback);
  }

  oneOf<T extends string>(name: ConfigEnvVar, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(name, `must be one of ${allowed.join('/')}`, value, fallback);
  }

  /** An absolute URL with one of the given protocols (e.g. 'http:'), without a trailing slash. */
  url(name: ConfigEnvVar, fallback: string, protocols: readonly string[]): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!isUrlWithProtocol(value, protocols)) {
      const schemes = protocols.map((p) => `${p}//`).join(' or ');
      return this.fail(name, `must be an absolute ${schemes} URL`, value, fallback);
    }
    return value.replace(/\/+$/, '');
  }

  /**
   * Records a problem and returns the fallback so parsing can go on. `shown` is what the message may
   * print of the value: secrets are hidden by name, callers pass URLs with passwords masked.
   */
  fail<T>(name: ConfigEnvVar, requirement: string, shown: string | undefined, fallback: T): T {
    this.problems.push(`${name} ${requirement}, ${describe(name, shown)}`);
    return fallback;
  }
}

function describe(name: ConfigEnvVar, value: string | undefined): string {
  if (value === undefined || SECRET_ENV_VARS.includes(name)) return 'got a value that is hidden because it is secret';
  const shown = value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS)}...` : value;
  return `got ${JSON.stringify(shown)}`;
}

export function isUrlWithProtocol(value: string, protocols: readonly string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
}
