import type { Logger } from 'pino';
import type { BrokerCredentials } from '../../../../libs/broker/broker.port';
import type { RepeatedWarnings } from '../order-fill-monitor/repeated-warnings';
import type { OpenPriceStream, PriceStream, PriceStreamState } from './sdk-price-stream';

interface HeldStream {
  keyId: string;
  stream: PriceStream;
  state: PriceStreamState;
}

export interface AccountPriceStreamsDeps {
  open: OpenPriceStream;
  onTrade(userId: string, symbol: string, price: number): void;
  logger: Logger;
  warnings: RepeatedWarnings;
}

/** One market-data subscription per account (key pairs only), following the symbols its strategies watch. */
export class AccountPriceStreams {
  private readonly held = new Map<string, HeldStream>();

  constructor(private readonly deps: AccountPriceStreamsDeps) {}

  /** Streams exactly `symbols` for the account from now on (opening, or reopening after new keys). */
  async follow(userId: string, credentials: BrokerCredentials, symbols: string[]): Promise<void> {
    let held = this.held.get(userId);
    const keyId = credentials.kind === 'key' ? credentials.keyId : undefined;
    if (held && held.keyId !== keyId) {
      await this.close(userId, 'credentials changed');
      held = undefined;
    }
    if (credentials.kind !== 'key') return;
    if (!held) {
      const opened = this.open(userId, credentials);
      if (!opened) return;
      held = opened;
    }
    held.stream.follow(symbols);
  }

  /** Closes the streams of accounts no longer watched. */
  async retain(userIds: Set<string>): Promise<void> {
    for (const userId of [...this.held.keys()]) if (!userIds.has(userId)) await this.close(userId, 'no position to watch');
  }

  /** 'connected' once subscribed; undefined when none is held. */
  state(userId: string): PriceStreamState | undefined {
    return this.held.get(userId)?.state;
  }

  subscribed(userId: string): string[] {
    return this.held.get(userId)?.stream.subscribed() ?? [];
  }

  async closeAll(): Promise<void> {
    for (const userId of [...this.held.keys()]) await this.close(userId, 'shutting down');
  }

  private open(userId: string, credentials: Extract<BrokerCredentials, { kind: 'key' }>): HeldStream | undefined {
    const subject = `price-stream:${userId}`;
    try {
      const held: HeldStream = { keyId: credentials.keyId, state: 'connecting', stream: undefined as unknown as PriceStream };
      held.stream = this.deps.open(credentials, {
        onTrade: (symbol, price) => this.deps.onTrade(userId, symbol, price),
        onStateChange: (state) => {
          held.state = state;
          this.deps.logger.debug({ user_id: userId }, `Price stream ${state}`);
          if (state === 'connected') this.deps.warnings.clear(subject);
        },
        // A stream that cannot reach the broker fails the same way on every reconnect attempt.
        onError: (message) => this.deps.warnings.warn(subject, { user_id: userId }, `⚠️ Price stream: ${message}`),
      });
      this.held.set(userId, held);
      this.deps.logger.info({ user_id: userId }, '📡 Streaming trades of watched positions');
      return held;
    } catch (err) {
      this.deps.warnings.warn(subject, { user_id: userId }, `⚠️ Cannot stream prices: ${(err as Error).message}`);
      return undefined;
    }
  }

  private async close(userId: string, why: string): Promise<void> {
    const held = this.held.get(userId);
    if (!held) return;
    this.held.delete(userId);
    await held.stream.close();
    this.deps.logger.info({ user_id: userId }, `Price stream closed: ${why}`);
  }
}
