import { STRATEGY_TYPES } from '../contracts';
import { getStrategy } from './registry';
import { validateStrategyConfiguration } from './validate-configuration';

describe('exit rule fields', () => {
  const exitRules = { take_profit_pct: 5, stop_loss_pct: 2, trailing_stop_pct: 1.5, take_profit_price: 120, stop_loss_price: 90 };

  // The exit monitor watches one symbol's position; a pair, a basket or an arbitrage cycle has none.
  const MULTI_SYMBOL_TYPES: readonly string[] = ['pairs_trading', 'arbitrage', 'smart_rebalance'];

  it.each(STRATEGY_TYPES.filter((type) => !MULTI_SYMBOL_TYPES.includes(type)))('%s accepts every exit field', (type) => {
    const parsed = getStrategy(type).configSchema.safeParse(exitRules);
    const unknown = parsed.success ? [] : parsed.error.issues.filter((issue) => issue.code === 'unrecognized_keys');
    expect(unknown).toEqual([]);
  });

  it.each(MULTI_SYMBOL_TYPES)('%s refuses exit fields by name', (type) => {
    const parsed = getStrategy(type as (typeof STRATEGY_TYPES)[number]).configSchema.safeParse(exitRules);
    const unknown = parsed.success ? [] : parsed.error.issues.filter((issue) => issue.code === 'unrecognized_keys');
    expect(unknown).toHaveLength(1);
  });

  it('keeps them in a valid configuration', () => {
    const result = validateStrategyConfiguration('dca', { symbol: 'AAPL', amount_per_buy: 10, allocated_capital: 100, ...exitRules });
    expect(result).toMatchObject({ ok: true, config: exitRules });
  });

  it('are optional', () => {
    expect(validateStrategyConfiguration('dca', { symbol: 'AAPL', amount_per_buy: 10, allocated_capital: 100 }).ok).toBe(true);
  });

  it.each([
    [{ stop_loss_pct: 0 }, 'configuration.stop_loss_pct must be a number greater than 0 and below 100'],
    [{ stop_loss_pct: 100 }, 'configuration.stop_loss_pct must be a number greater than 0 and below 100'],
    [{ trailing_stop_pct: -1 }, 'configuration.trailing_stop_pct must be a number greater than 0 and below 100'],
    [{ take_profit_pct: 1001 }, 'configuration.take_profit_pct must be a number greater than 0 and at most 1000'],
    [{ take_profit_price: 'high' }, 'configuration.take_profit_price must be a number greater than 0'],
  ])('refuses %p', (fields, message) => {
    const result = validateStrategyConfiguration('spot_grid', {
      symbol: 'AAPL',
      lower_price: 90,
      upper_price: 110,
      grid_count: 5,
      quantity_per_grid: 1,
      ...fields,
    });
    expect(result).toEqual({ ok: false, errors: [message] });
  });
});
