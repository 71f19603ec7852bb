import type { Logger } from 'pino';

/**
 * Warns once per (subject, problem) until the problem changes or goes away: a user whose
 * credentials expired would otherwise fill the log every poll cycle with the same line.
 */
export class RepeatedWarnings {
  private readonly last = new Map<string, string>();

  constructor(private readonly logger: Logger) {}

  warn(subject: string, fields: Record<string, unknown>, message: string): void {
    if (this.last.get(subject) === message) {
      this.logger.debug(fields, message);
      return;
    }
    this.last.set(subject, message);
    this.logger.warn(fields, message);
  }

  clear(subject: string): void {
    this.last.delete(subject);
  }
}
