import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { REDACTED_LOG_PATHS } from './log-redaction';

export interface CreateLoggerOptions {
  /** pino level name; defaults to $LOG_LEVEL, else "info". */
  level?: string;
  /** Where lines go (tests capture them); defaults to stdout. */
  destination?: DestinationStream;
  /** Human-readable output; defaults to true when stdout is a terminal. */
  pretty?: boolean;
}

/**
 * A pino logger for code that runs outside Nest (activities, scripts, the exchange). Structured JSON
 * with secrets redacted; pretty-printed only for a human at a terminal, since log shippers and the
 * guide's grep recipes want one JSON object per line.
 */
export function createLogger(name: string, options: CreateLoggerOptions = {}): Logger {
  const pretty = options.pretty ?? (options.destination === undefined && process.stdout.isTTY === true);
  const base: LoggerOptions = {
    name,
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: REDACTED_LOG_PATHS, censor: '[Redacted]' },
  };
  if (options.destination) return pino(base, options.destination);
  if (pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  // Synchronous: pino's default buffers and flushes on 'exit', which never fires when Nest re-raises
  // SIGTERM after its shutdown hooks, so the last lines (the shutdown itself) would be lost.
  return pino(base, pino.destination({ dest: 1, sync: true }));
}
