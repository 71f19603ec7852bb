/** Which way the position points: a long profits when the price rises, a short when it falls. */
export type PositionSide = 'long' | 'short';

/** What closed a position; the values of exit_events.trigger. */
export type ExitTrigger = 'take_profit' | 'stop_loss' | 'trailing_stop';

/**
 * A strategy's exit rules, from its configuration (take_profit_pct, stop_loss_pct,
 * trailing_stop_pct, take_profit_price, stop_loss_price). Percentages are of the average entry
 * price (of the water mark for the trailing stop); prices are USD per unit.
 */
export interface ExitRules {
  takeProfitPct?: number;
  stopLossPct?: number;
  trailingStopPct?: number;
  takeProfitPrice?: number;
  stopLossPrice?: number;
}

const FIELDS: ReadonlyArray<[keyof ExitRules, string]> = [
  ['takeProfitPct', 'take_profit_pct'],
  ['stopLossPct', 'stop_loss_pct'],
  ['trailingStopPct', 'trailing_stop_pct'],
  ['takeProfitPrice', 'take_profit_price'],
  ['stopLossPrice', 'stop_loss_price'],
];

/**
 * The exit rules a (validated) configuration sets, or undefined when it sets none. A value that is
 * not a positive number is ignored: the API validates configurations, this only reads them.
 */
export function exitRulesOf(configuration: Record<string, unknown>): ExitRules | undefined {
  const rules: ExitRules = {};
  for (const [key, field] of FIELDS) {
    const value = configuration[field];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) rules[key] = value;
  }
  return Object.keys(rules).length > 0 ? rules : undefined;
}
