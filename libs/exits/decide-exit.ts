import { exitLevels, hasCrossed } from './exit-levels';
import type { ExitRules, ExitTrigger, PositionSide } from './exit-rules';
import { nextWaterMark } from './water-mark';

export interface ExitCheck {
  side: PositionSide;
  /** USD per unit: the position's average entry price. */
  entryPrice: number;
  /** USD per unit: the latest trade. */
  price: number;
  /** The water mark so far (high for a long, low for a short); undefined for a position not seen before. */
  waterMark?: number;
  rules: ExitRules;
}

export type ExitDecision =
  | { trigger: 'none' }
  | {
      trigger: ExitTrigger;
      /** The rule's level the price reached, USD. */
      thresholdPrice: number;
      /** The price that reached it, USD. */
      price: number;
      reason: string;
    };

export interface ExitEvaluation {
  decision: ExitDecision;
  /** The water mark including this price: what to remember for the next check. */
  waterMark: number;
}

/** Moves the water mark to this price, then decides whether a rule has fired. Pure. */
export function evaluateExit(check: ExitCheck): ExitEvaluation {
  const { side, entryPrice, price, rules } = check;
  const waterMark = nextWaterMark(side, check.waterMark, entryPrice, price);
  const crossed = exitLevels(side, entryPrice, waterMark, rules).find((level) => hasCrossed(level, side, price));
  if (!crossed) return { decision: { trigger: 'none' }, waterMark };
  const comparison = price === crossed.price ? 'at' : (price < crossed.price ? 'below' : 'above');
  return {
    decision: {
      trigger: crossed.trigger,
      thresholdPrice: crossed.price,
      price,
      reason: `${crossed.trigger.replace('_', ' ')}: ${price} is ${comparison} ${crossed.price} (${crossed.basis})`,
    },
    waterMark,
  };
}
