import { prettyFactory } from 'pino-pretty';

const COLORS: Record<string, number> = { temporal: 35, exchange: 36, worker: 33, api: 32, autopilot: 1 };

export interface OutputFormat {
  /** The lines to print for one line a process wrote. */
  format(name: string, line: string): string[];
}

/**
 * Prefixes every line with its process's tag, colored in a terminal. The apps log pino JSON (their
 * stdout is our pipe, not a terminal): for a person at a terminal the launcher pretty-prints it,
 * and when its own output is redirected it passes the JSON through untouched for grep and jq.
 */
export function createOutputFormat(terminal: boolean): OutputFormat {
  const width = Math.max(...Object.keys(COLORS).map((name) => name.length)) + 2;
  const pretty = terminal
    ? prettyFactory({ colorize: true, singleLine: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss.l' })
    : undefined;
  return {
    format(name, line) {
      const label = `[${name}]`.padEnd(width);
      const tag = terminal ? `\u001b[${COLORS[name] ?? 0}m${label}\u001b[0m` : label;
      const body = pretty !== undefined && line.startsWith('{') ? prettyJson(pretty, line) : [line];
      return body.map((text) => `${tag} ${text}`);
    },
  };
}

function prettyJson(pretty: (input: string) => string, line: string): string[] {
  try {
    return pretty(line).replace(/\n$/, '').split('\n');
  } catch {
    return [line];
  }
}
