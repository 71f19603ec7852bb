import { STRATEGY_TYPES } from '../contracts';
import { describeStrategyTypes, getStrategy } from './registry';
import { validateStrategyConfiguration } from './validate-configuration';

describe('risk limit fields', () => {
  const limits = { max_order_notional: 500, max_position_pct: 10, max_open_orders: 20, max_daily_loss: 250, stop_loss_cooldown_minutes: 0 };
  const dca = { symbol: 'AAPL', amount_per_buy: 10, allocated_capital: 100 };

  it.each(STRATEGY_TYPES)('%s accepts every risk limit field', (type) => {
    const parsed = getStrategy(type).configSchema.safeParse(limits);
    const unknown = parsed.success ? [] : parsed.error.issues.filter((issue) => issue.code === 'unrecognized_keys' || Object.keys(limits).includes(String(issue.path[0])));
    expect(unknown).toEqual([]);
  });

  it.each(describeStrategyTypes().map((entry) => [entry.type, entry.configuration_schema] as const))('%s lists them, optional, in its JSON Schema', (_type, schema) => {
    const { properties, required = [] } = schema as { properties: Record<string, unknown>; required?: string[] };
    expect(Object.keys(properties)).toEqual(expect.arrayContaining(Object.keys(limits)));
    expect(required.filter((field) => field in limits)).toEqual([]);
  });

  it('keeps them in a valid configuration, and leaves them out when unset', () => {
    expect(validateStrategyConfiguration('dca', { ...dca, ...limits })).toMatchObject({ ok: true, config: limits });
    const plain = validateStrategyConfiguration('dca', dca);
    expect(plain.ok && Object.keys(plain.config).filter((field) => field in limits)).toEqual([]);
  });

  it.each([
    [{ max_order_notional: 0 }, 'configuration.max_order_notional must be a number greater than 0 and at most 1000000000'],
    [{ max_position_pct: 401 }, 'configuration.max_position_pct must be a number greater than 0 and at most 400'],
    [{ max_open_orders: 2.5 }, 'configuration.max_open_orders must be a whole number from 1 to 10000'],
    [{ max_open_orders: 0 }, 'configuration.max_open_orders must be a whole number from 1 to 10000'],
    [{ max_daily_loss: 'lots' }, 'configuration.max_daily_loss must be a number greater than 0 and at most 1000000000'],
    [{ stop_loss_cooldown_minutes: -1 }, 'configuration.stop_loss_cooldown_minutes must be a whole number from 0 to 10080'],
  ])('refuses %p', (fields, message) => {
    expect(validateStrategyConfiguration('dca', { ...dca, ...fields })).toEqual({ ok: false, errors: [message] });
  });
});
