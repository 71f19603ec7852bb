import { z } from 'zod';
import type { OrderIntent } from '../../../libs/contracts';
import type { Decision, DecisionInput, MarketDataRequest, StrategyDefinition } from '../../../libs/strategies/strategy';

export interface ScriptedConfig {
  symbol: string;
  max_order_notional?: number;
}

/**
 * A stand-in strategy for activity tests: asks for the market data it is given and decides what
 * it is told, remembering every input so a test can see what reached `decide`.
 */
export function scriptedStrategy(script: { request?: Partial<MarketDataRequest>; decision?: Partial<Decision> }) {
  const inputs: Array<DecisionInput<ScriptedConfig>> = [];
  const definition: StrategyDefinition<ScriptedConfig> = {
    type: 'pairs_trading',
    kind: 'interval',
    intervalSeconds: 60,
    supported: true,
    description: 'scripted for tests',
    configSchema: z.object({ symbol: z.string(), max_order_notional: z.number().optional() }),
    marketData: (config) => ({ symbol: config.symbol, timeframe: '1Day', limit: 3, ...script.request }),
    decide: (input) => {
      inputs.push(input);
      return { action: 'hold', reason: 'HOLD - scripted', orders: [], nextState: {}, ...script.decision };
    },
  };
  return { definition, inputs };
}

/** A market order intent; crypto pairs go gtc like the strategies send them. */
export function marketOrder(side: OrderIntent['side'], qty: number, symbol: string): OrderIntent {
  return { symbol, side, type: 'market', timeInForce: symbol.includes('/') ? 'gtc' : 'day', qty };
}
