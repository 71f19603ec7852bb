import type { Broker } from '../../../../libs/broker/broker.port';
import { reportFailure, type UserStopContext } from './user-stop-context';

/**
 * Closes the account's position in each symbol (a market order for the whole quantity, long or
 * short). The broker holds one position per symbol, so a position the user opened by hand in a
 * symbol their strategies traded is closed too: flatten means flat.
 */
export async function closeStrategyPositions(ctx: UserStopContext & { broker: Broker }, symbols: string[]): Promise<number> {
  let closed = 0;
  // 'BTC/USD' and 'BTCUSD' name one position.
  const unique = [...new Map(symbols.map((s) => [s.replace('/', '').toUpperCase(), s])).values()];
  for (const symbol of unique) {
    try {
      const position = await ctx.broker.getPosition(symbol);
      if (!position || position.qty === 0) continue;
      await ctx.broker.closePosition(symbol);
      closed += 1;
      ctx.logger.warn({ user_id: ctx.userId, symbol }, `🚨 Emergency stop: closing ${position.qty} ${symbol}`);
    } catch (err) {
      reportFailure(ctx, 'close_position', symbol, err);
    }
  }
  return closed;
}
