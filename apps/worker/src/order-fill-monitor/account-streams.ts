import type { Logger } from 'pino';
import type { BrokerCredentials, TradeUpdate } from '../../../../libs/broker/broker.port';
import type { TradeStreamState, TradeUpdateHandlers, TradeUpdatesSubscription } from '../../../../libs/broker/trade-updates-stream';
import type { StreamedAccount } from './fill-monitor-source';
import type { RepeatedWarnings } from './repeated-warnings';

export type OpenTradeStream = (credentials: BrokerCredentials, handlers: TradeUpdateHandlers) => TradeUpdatesSubscription;

export interface AccountStreamsDeps {
  open: OpenTradeStream;
  loadCredentials(userId: string): Promise<BrokerCredentials>;
  /** Called one update at a time per account, in the stream's order. */
  onUpdate(userId: string, update: TradeUpdate): Promise<void>;
  /** The stream is listening (again): whatever happened while it was not must be polled for. */
  onConnected(userId: string): void;
  logger: Logger;
  warnings: RepeatedWarnings;
}

interface HeldStream {
  connectionVersion: string;
  /** Unset only while the stream is being opened. */
  subscription?: TradeUpdatesSubscription;
  state: TradeStreamState;
  updates: Promise<void>;
}

/** One trade_updates stream per streamed broker account, opened and closed as the set changes. */
export class AccountStreams {
  private readonly held = new Map<string, HeldStream>();

  constructor(private readonly deps: AccountStreamsDeps) {}

  /** Opens streams for new accounts (or changed credentials) and closes those no longer wanted. */
  async sync(accounts: StreamedAccount[]): Promise<void> {
    const wanted = new Map(accounts.map((a) => [a.userId, a]));
    for (const [userId, stream] of this.held) {
      const account = wanted.get(userId);
      if (account?.connectionVersion === stream.connectionVersion) continue;
      await this.close(userId, account ? 'credentials changed' : 'no active strategy');
    }
    for (const account of accounts) {
      if (!this.held.has(account.userId)) await this.open(account);
    }
  }

  state(userId: string): TradeStreamState | undefined {
    return this.held.get(userId)?.state;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.held.keys()].map((userId) => this.close(userId, 'shutting down')));
  }

  private async open(account: StreamedAccount): Promise<void> {
    const { userId } = account;
    let credentials: BrokerCredentials;
    try {
      credentials = await this.deps.loadCredentials(userId);
    } catch (err) {
      this.deps.warnings.warn(`stream:${userId}`, { user_id: userId }, `⚠️ Cannot stream trade updates: ${(err as Error).message}`);
      return;
    }
    const stream: HeldStream = { connectionVersion: account.connectionVersion, state: 'connecting', updates: Promise.resolve() };
    try {
      stream.subscription = this.deps.open(credentials, {
        onUpdate: (update) => {
          stream.updates = stream.updates
            .then(() => this.deps.onUpdate(userId, update))
            .catch((err) =>
              this.deps.logger.error({ err, user_id: userId, broker_order_id: update.order.id }, `❌ Failed to record a trade update: ${(err as Error).message}`),
            );
        },
        onStateChange: (state) => {
          stream.state = state;
          this.deps.logger.debug({ user_id: userId }, `Trade updates stream ${state}`);
          if (state !== 'connected') return;
          this.deps.warnings.clear(`stream-error:${userId}`);
          this.deps.onConnected(userId);
        },
        // A stream that cannot reach the broker fails the same way on every reconnect attempt.
        onError: (message) => this.deps.warnings.warn(`stream-error:${userId}`, { user_id: userId }, `⚠️ Trade updates stream: ${message}`),
      });
    } catch (err) {
      this.deps.warnings.warn(`stream:${userId}`, { user_id: userId }, `⚠️ Cannot stream trade updates: ${(err as Error).message}`);
      return;
    }
    this.deps.warnings.clear(`stream:${userId}`);
    this.held.set(userId, stream);
    this.deps.logger.info({ user_id: userId }, '📡 Streaming trade updates');
  }

  private async close(userId: string, why: string): Promise<void> {
    const stream = this.held.get(userId);
    if (!stream) return;
    this.held.delete(userId);
    await stream.subscription?.close();
    await stream.updates;
    this.deps.logger.info({ user_id: userId }, `Trade updates stream closed: ${why}`);
  }
}
