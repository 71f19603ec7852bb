import { GRID_STRATEGY_TYPES, isGridStrategyType, STRATEGY_TYPES, type StrategyType } from '../contracts';
import { gridLogicFor } from './grid';
import { describeStrategyTypes, getStrategy, STRATEGY_REGISTRY, supportedStrategyTypes } from './registry';
import { StrategyNotSupportedError } from './strategy-errors';

// The guide's table, written out independently of the code under test.
const GUIDE: Record<StrategyType, [number, 'interval' | 'grid']> = {
  scalping: [30, 'interval'],
  arbitrage: [60, 'interval'],
  momentum_breakout: [300, 'interval'],
  news_based_trading: [300, 'interval'],
  mean_reversion: [1800, 'interval'],
  pairs_trading: [1800, 'interval'],
  swing_trading: [1800, 'interval'],
  covered_calls: [3600, 'interval'],
  wheel_strategy: [3600, 'interval'],
  iron_condor: [3600, 'interval'],
  short_put: [3600, 'interval'],
  dca: [86400, 'interval'],
  smart_rebalance: [604800, 'interval'],
  spot_grid: [86400, 'grid'],
  futures_grid: [86400, 'grid'],
  infinity_grid: [86400, 'grid'],
  reverse_grid: [86400, 'grid'],
};


// Their rules need an options chain, which the paper exchange does not have yet.
const OPTIONS_TYPES: readonly string[] = ['covered_calls', 'wheel_strategy', 'iron_condor', 'short_put'];

describe('strategy registry', () => {
  it('has exactly one entry per strategy type', () => {
    expect(Object.keys(STRATEGY_REGISTRY).sort()).toEqual([...STRATEGY_TYPES].sort());
  });

  it.each(STRATEGY_TYPES.map((type) => [type, ...GUIDE[type]] as const))(
    '%s runs every %p s as a %s strategy',
    (type, seconds, kind) => {
      const definition = getStrategy(type);
      expect(definition.type).toBe(type);
      expect(definition.intervalSeconds).toBe(seconds);
      expect(definition.kind).toBe(kind);
      expect(definition.description.length).toBeGreaterThan(20);
    },
  );

  it('supports every type but the options strategies in this release', () => {
    expect(supportedStrategyTypes()).toEqual(STRATEGY_TYPES.filter((type) => !OPTIONS_TYPES.includes(type)));
  });

  it.each([...GRID_STRATEGY_TYPES])('%s carries its grid logic and holds on a scheduled run', (type) => {
    const definition = getStrategy(type);
    expect(definition.grid).toBeDefined();
    expect(definition.grid).toBe(gridLogicFor(type));
    expect(definition.grid?.type).toBe(type);
    const input = { config: { symbol: 'AAPL' }, asOf: new Date(0), bars: [], latestPrice: 1, position: null, account: { cash: 0, buyingPower: 0, equity: 0 }, state: { grid: 1 }, markets: {}, quotes: {}, news: [] };
    expect(definition.decide(input)).toEqual({ action: 'hold', reason: 'HOLD - grid strategies act on order fills, not on a schedule', orders: [], nextState: { grid: 1 } });
    expect(definition.marketData({ symbol: 'AAPL' }, { state: {}, asOf: new Date(0) })).toEqual({ symbol: 'AAPL', timeframe: '1Day', limit: 1 });
  });

  it.each(STRATEGY_TYPES.filter((type) => !isGridStrategyType(type)))('%s has no grid logic', (type) => {
    expect(getStrategy(type).grid).toBeUndefined();
    expect(gridLogicFor(type)).toBeUndefined();
  });

  it.each(STRATEGY_TYPES.filter((type) => !STRATEGY_REGISTRY[type].supported))(
    '%s refuses to decide with StrategyNotSupportedError',
    (type) => {
      const definition = getStrategy(type);
      const config = definition.configSchema.parse({ symbol: 'spy', allocated_capital: 1000, extra: { kept: true } });
      expect(config).toEqual({ symbol: 'SPY', allocated_capital: 1000, extra: { kept: true } });
      const input = {
        config,
        asOf: new Date(0),
        bars: [],
        latestPrice: 1,
        position: null,
        account: { cash: 0, buyingPower: 0, equity: 0 },
        state: {},
        markets: {},
        quotes: {},
        news: [],
      };
      expect(() => definition.decide(input)).toThrow(StrategyNotSupportedError);
      expect(() => definition.decide(input)).toThrow(`strategy type "${type}" is not supported yet`);
      expect(() => definition.marketData(config, { state: {}, asOf: new Date(0) })).toThrow(StrategyNotSupportedError);
    },
  );

  it('names the error for retry policies', () => {
    const error = new StrategyNotSupportedError('wheel_strategy');
    expect(error.name).toBe('StrategyNotSupportedError');
    expect(error.strategyType).toBe('wheel_strategy');
    expect(error).toBeInstanceOf(Error);
  });
});

describe('describeStrategyTypes', () => {
  const described = describeStrategyTypes();

  it('lists every type with its interval, kind and support', () => {
    expect(described.map((entry) => entry.type)).toEqual([...STRATEGY_TYPES]);
    for (const entry of described) {
      expect([entry.interval_seconds, entry.kind]).toEqual(GUIDE[entry.type]);
      expect(entry.supported).toBe(!OPTIONS_TYPES.includes(entry.type));
    }
  });

  it('gives a JSON Schema of what a user sends', () => {
    const momentum = described.find((entry) => entry.type === 'momentum_breakout')!.configuration_schema;
    expect(momentum).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['symbol', 'allocated_capital'],
      properties: {
        symbol: { type: 'string' },
        allocated_capital: { type: 'number', exclusiveMinimum: 0 },
        interval_seconds: { type: 'integer', minimum: 1 },
        lookback_bars: { type: 'integer', minimum: 2, maximum: 500, default: 20 },
        exit_lookback_bars: { type: 'integer', default: 10 },
        volume_multiplier: { type: 'number', default: 1.5 },
        timeframe: { enum: ['1Min', '5Min', '15Min', '1Hour', '1Day'], default: '5Min' },
        position_size_pct: { type: 'number', exclusiveMinimum: 0, maximum: 100, default: 100 },
      },
    });
    const dca = described.find((entry) => entry.type === 'dca')!.configuration_schema;
    expect(dca).toMatchObject({
      required: ['symbol', 'allocated_capital', 'amount_per_buy'],
      properties: { amount_per_buy: { type: 'number', exclusiveMinimum: 0, description: expect.stringContaining('USD') } },
    });
  });

  it.each<[StrategyType, string[], string[]]>([
    ['spot_grid', ['symbol', 'lower_price', 'upper_price', 'grid_count'], ['spacing', 'quantity_per_grid', 'allocated_capital']],
    ['reverse_grid', ['symbol', 'lower_price', 'upper_price', 'grid_count'], ['acquire_inventory', 'quantity_per_grid', 'allocated_capital']],
    ['futures_grid', ['symbol', 'lower_price', 'upper_price', 'grid_count'], ['direction', 'leverage']],
    ['infinity_grid', ['symbol', 'lower_price', 'step_pct', 'allocated_capital'], []],
  ])('describes the %s configuration', (type, required, optional) => {
    const schema = described.find((entry) => entry.type === type)!.configuration_schema as { required: string[]; properties: Record<string, unknown>; additionalProperties: boolean };
    expect(schema.required).toEqual(required);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining([...required, ...optional]));
    expect(schema.additionalProperties).toBe(false);
  });

  it('serializes to plain JSON', () => {
    expect(JSON.parse(JSON.stringify(described))).toEqual(described);
  });
});
