import type { ExitRules, ExitTrigger, PositionSide } from './exit-rules';

/** A price at which a rule fires, and the sentence that explains where it comes from. */
export interface ExitLevel {
  trigger: ExitTrigger;
  /** USD per unit. */
  price: number;
  basis: string;
}

// Away from binary noise (100 * 0.98 must be 98, not 97.99999999999999).
const roundPrice = (value: number) => Math.round(value * 1e9) / 1e9;

/**
 * The level of each rule the position has, in the order they are checked: stop loss first (when
 * several have crossed, the loss is what the user must hear about), then the trailing stop, then
 * take profit. Where a percentage and an absolute price are both set, the one the price reaches
 * first applies.
 */
export function exitLevels(side: PositionSide, entryPrice: number, waterMark: number, rules: ExitRules): ExitLevel[] {
  const long = side === 'long';
  // Towards a loss is down for a long and up for a short; `first` picks the level met first on the way.
  const lossward = (pct: number, from: number) => roundPrice(from * (long ? 1 - pct / 100 : 1 + pct / 100));
  const gainward = (pct: number) => roundPrice(entryPrice * (long ? 1 + pct / 100 : 1 - pct / 100));
  const firstOnLossSide = (a: number, b: number) => (long ? Math.max(a, b) : Math.min(a, b));
  const firstOnGainSide = (a: number, b: number) => (long ? Math.min(a, b) : Math.max(a, b));
  const levels: ExitLevel[] = [];

  const stops = [
    ...(rules.stopLossPct !== undefined ? [{ price: lossward(rules.stopLossPct, entryPrice), basis: `${rules.stopLossPct}% ${long ? 'below' : 'above'} the entry ${entryPrice}` }] : []),
    ...(rules.stopLossPrice !== undefined ? [{ price: rules.stopLossPrice, basis: 'stop_loss_price' }] : []),
  ];
  if (stops.length > 0) levels.push({ trigger: 'stop_loss', ...stops.reduce((a, b) => (firstOnLossSide(a.price, b.price) === a.price ? a : b)) });

  if (rules.trailingStopPct !== undefined) {
    const extreme = long ? 'high' : 'low';
    levels.push({
      trigger: 'trailing_stop',
      price: lossward(rules.trailingStopPct, waterMark),
      basis: `${rules.trailingStopPct}% ${long ? 'below' : 'above'} the ${extreme} ${waterMark}`,
    });
  }

  const targets = [
    ...(rules.takeProfitPct !== undefined ? [{ price: gainward(rules.takeProfitPct), basis: `${rules.takeProfitPct}% ${long ? 'above' : 'below'} the entry ${entryPrice}` }] : []),
    ...(rules.takeProfitPrice !== undefined ? [{ price: rules.takeProfitPrice, basis: 'take_profit_price' }] : []),
  ];
  if (targets.length > 0) levels.push({ trigger: 'take_profit', ...targets.reduce((a, b) => (firstOnGainSide(a.price, b.price) === a.price ? a : b)) });
  return levels;
}

/** Whether `price` has reached the level: stops fire at or beyond it on the loss side, take profit on the gain side. */
export function hasCrossed(level: ExitLevel, side: PositionSide, price: number): boolean {
  const belowFires = (side === 'long') === (level.trigger !== 'take_profit');
  return belowFires ? price <= level.price : price >= level.price;
}
