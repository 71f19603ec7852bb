import type { Broker, BrokerPosition } from '../../../../libs/broker/broker.port';

/**
 * One account's positions and latest prices for one monitor cycle: asked of the broker once per
 * symbol however many strategies trade it.
 */
export class MarketSnapshot {
  private readonly positions = new Map<string, Promise<BrokerPosition | undefined>>();
  private readonly prices = new Map<string, Promise<number>>();

  constructor(private readonly broker: Broker) {}

  position(symbol: string): Promise<BrokerPosition | undefined> {
    return this.cached(this.positions, symbol, () => this.broker.getPosition(symbol));
  }

  /** USD, the latest trade. */
  price(symbol: string): Promise<number> {
    return this.cached(this.prices, symbol, () => this.broker.getLatestPrice(symbol));
  }

  /** An exit changed the position: whoever looks next asks the broker again. */
  forgetPosition(symbol: string): void {
    this.positions.delete(symbol);
  }

  private cached<T>(cache: Map<string, Promise<T>>, symbol: string, load: () => Promise<T>): Promise<T> {
    let value = cache.get(symbol);
    if (!value) {
      value = load();
      // A failed look-up is not remembered: the next strategy on the symbol tries again.
      value.catch(() => cache.delete(symbol));
      cache.set(symbol, value);
    }
    return value;
  }
}
