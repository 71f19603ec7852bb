import { STRATEGY_TYPES } from '../contracts';
import { validateStrategyConfiguration } from './validate-configuration';

const momentum = { symbol: 'AAPL', allocated_capital: 1000 };
const dca = { symbol: 'AAPL', allocated_capital: 1000, amount_per_buy: 100 };
const grid = { symbol: 'AAPL', lower_price: 100, upper_price: 110, grid_count: 6, quantity_per_grid: 2 };

describe('validateStrategyConfiguration', () => {
  it.each([
    ['dca', { ...dca, amount_per_buy: 0 }, ['configuration.amount_per_buy must be a number greater than 0']],
    ['dca', { ...dca, amount_per_buy: -5 }, ['configuration.amount_per_buy must be a number greater than 0']],
    ['dca', { ...dca, amount_per_buy: '100' }, ['configuration.amount_per_buy must be a number greater than 0']],
    ['dca', { symbol: 'AAPL', allocated_capital: 1000 }, ['configuration.amount_per_buy is required']],
    ['dca', { ...dca, allocated_capital: 50 }, ['configuration.allocated_capital must be greater than or equal to amount_per_buy']],
    ['dca', {}, ['configuration.symbol is required', 'configuration.allocated_capital is required', 'configuration.amount_per_buy is required']],
    ['dca', { ...dca, symbol: 'AA PL' }, ['configuration.symbol must be a ticker like AAPL or a crypto pair like BTC/USD']],
    ['dca', { ...dca, symbol: 42 }, ['configuration.symbol must be a ticker like AAPL or a crypto pair like BTC/USD']],
    ['dca', { ...dca, interval_seconds: 0 }, ['configuration.interval_seconds must be a whole number from 1 to 31536000']],
    ['dca', { ...dca, interval_seconds: 1.5 }, ['configuration.interval_seconds must be a whole number from 1 to 31536000']],
    ['momentum_breakout', { symbol: 'AAPL' }, ['configuration.allocated_capital is required']],
    ['momentum_breakout', { ...momentum, allocated_capital: null }, ['configuration.allocated_capital must be a number greater than 0']],
    ['momentum_breakout', { ...momentum, lookback_bars: 1 }, ['configuration.lookback_bars must be a whole number from 2 to 500']],
    ['momentum_breakout', { ...momentum, lookback_bars: 501 }, ['configuration.lookback_bars must be a whole number from 2 to 500']],
    ['momentum_breakout', { ...momentum, exit_lookback_bars: 0 }, ['configuration.exit_lookback_bars must be a whole number from 1 to 500']],
    ['momentum_breakout', { ...momentum, volume_multiplier: -1 }, ['configuration.volume_multiplier must be a number from 0 to 100']],
    ['momentum_breakout', { ...momentum, timeframe: '2Min' }, ['configuration.timeframe must be one of 1Min, 5Min, 15Min, 1Hour, 1Day']],
    ['momentum_breakout', { ...momentum, position_size_pct: 0 }, ['configuration.position_size_pct must be a number greater than 0 and at most 100']],
    ['momentum_breakout', { ...momentum, position_size_pct: 150 }, ['configuration.position_size_pct must be a number greater than 0 and at most 100']],
    ['momentum_breakout', [], ['configuration must be an object']],
    ['momentum_breakout', 'AAPL', ['configuration must be an object']],
    ['momentum_breakout', undefined, ['configuration is required']],
    ['wheel_strategy', momentum, ['type "wheel_strategy" is not supported yet; supported types: spot_grid, futures_grid, infinity_grid, reverse_grid, dca, momentum_breakout, news_based_trading, mean_reversion, pairs_trading, swing_trading, scalping, arbitrage, smart_rebalance']],
    ['spot_grid', {}, ['configuration.symbol is required', 'configuration.lower_price is required', 'configuration.upper_price is required', 'configuration.grid_count is required']],
    ['spot_grid', { ...grid, allocated_capital: 1000 }, ['configuration.allocated_capital must not be set together with quantity_per_grid; set exactly one']],
    ['spot_grid', { ...grid, upper_price: 90 }, ['configuration.upper_price must be greater than lower_price']],
    ['spot_grid', { ...grid, grid_count: 201 }, ['configuration.grid_count must be a whole number from 2 to 200']],
    ['reverse_grid', { ...grid, quantity_per_grid: 1.5 }, ['configuration.quantity_per_grid must be a whole number of shares for equities (Alpaca allows fractional quantities only on market day orders)']],
    ['futures_grid', { ...grid, leverage: 0 }, ['configuration.leverage must be a whole number from 1 to 5']],
    ['infinity_grid', { symbol: 'AAPL', lower_price: 100, allocated_capital: 1000 }, ['configuration.step_pct is required']],
    ['grid', momentum, [`type "grid" is not a valid strategy type; valid types: ${STRATEGY_TYPES.join(', ')}`]],
    ['', momentum, [`type "" is not a valid strategy type; valid types: ${STRATEGY_TYPES.join(', ')}`]],
  ])('%s %j -> %j', (type, configuration, errors) => {
    expect(validateStrategyConfiguration(type, configuration)).toEqual({ ok: false, errors });
  });

  it('reports every bad field at once', () => {
    const result = validateStrategyConfiguration('momentum_breakout', { symbol: '', allocated_capital: -1, timeframe: 5 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      'configuration.symbol must be a ticker like AAPL or a crypto pair like BTC/USD',
      'configuration.allocated_capital must be a number greater than 0',
      'configuration.timeframe must be one of 1Min, 5Min, 15Min, 1Hour, 1Day',
    ]);
  });

  it.each([
    ['momentum_breakout', { ...momentum, symbol: ' aapl ' }, { symbol: 'AAPL', allocated_capital: 1000, lookback_bars: 20, exit_lookback_bars: 10, volume_multiplier: 1.5, timeframe: '5Min', position_size_pct: 100 }],
    ['momentum_breakout', { ...momentum, interval_seconds: 2, lookback_bars: 5 }, { lookback_bars: 5, interval_seconds: 2 }],
    ['dca', { ...dca, symbol: 'btc/usd' }, { symbol: 'BTC/USD', amount_per_buy: 100, allocated_capital: 1000 }],
    ['dca', { ...dca, allocated_capital: 100 }, { allocated_capital: 100 }],
    ['momentum_breakout', { ...momentum, symbol: 'BRK.B' }, { symbol: 'BRK.B' }],
    ['spot_grid', grid, { ...grid, spacing: 'arithmetic' }],
    ['futures_grid', { ...grid, direction: 'neutral' }, { direction: 'neutral', leverage: 1 }],
    ['reverse_grid', grid, { acquire_inventory: false }],
    ['infinity_grid', { symbol: 'eth/usd', lower_price: 2000, step_pct: 1, allocated_capital: 5000 }, { symbol: 'ETH/USD', step_pct: 1 }],
  ])('accepts %s %j with defaults applied', (type, configuration, expected) => {
    const result = validateStrategyConfiguration(type, configuration);
    expect(result).toMatchObject({ ok: true, type, config: expected });
  });

  // A misspelt field would otherwise be ignored silently and the strategy trade on a default.
  it.each([
    ['dca', { ...dca, amount_per_by: 5 }, 'configuration has unknown fields amount_per_by'],
    ['momentum_breakout', { ...momentum, lookback_bar: 5 }, 'configuration has unknown fields lookback_bar'],
  ])('rejects unknown fields of %s %j', (type, configuration, message) => {
    expect(validateStrategyConfiguration(type, configuration)).toEqual({ ok: false, errors: [message] });
  });
});
