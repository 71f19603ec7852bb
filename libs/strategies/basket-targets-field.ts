import { z } from 'zod';
import { mustBe, symbolField } from './config-fields';

export const MIN_BASKET_SYMBOLS = 2;
export const MAX_BASKET_SYMBOLS = 20;
// Weights typed with two decimals (3 x 33.33) still add up; the 1e-9 absorbs float noise in the sum.
const SUM_TOLERANCE_PCT = 0.01 + 1e-9;
const EXAMPLE = '{"SPY": 60, "QQQ": 30, "BTC/USD": 10}';

/** Symbol to target weight in percent, in the order the user listed them; symbols upper case. */
export type BasketTargets = Record<string, number>;

const weightField = z.number({ error: mustBe('a target weight in percent, greater than 0') }).positive();

function formatSum(sum: number): string {
  return String(Number(sum.toFixed(4)));
}

/**
 * A basket's target weights. Keys are normalized like `symbol` everywhere else (trimmed, upper
 * case, ticker or crypto pair), so "spy" and "SPY" are the same symbol and may not both appear.
 */
export const basketTargetsField = z
  .record(z.string(), weightField, { error: mustBe(`an object of symbols to target weights in percent, like ${EXAMPLE}`) })
  .transform((raw, ctx) => {
    const targets: BasketTargets = {};
    const spelled: Record<string, string> = {};
    const fail = (message: string) => {
      ctx.issues.push({ code: 'custom', message, input: raw });
      return z.NEVER;
    };
    for (const [key, weight] of Object.entries(raw)) {
      const symbol = symbolField.safeParse(key);
      if (!symbol.success) return fail(`has ${JSON.stringify(key)}, which must be a ticker like AAPL or a crypto pair like BTC/USD`);
      if (symbol.data in targets) {
        return fail(`names ${symbol.data} twice (${JSON.stringify(spelled[symbol.data])} and ${JSON.stringify(key)})`);
      }
      targets[symbol.data] = weight;
      spelled[symbol.data] = key;
    }
    const count = Object.keys(targets).length;
    if (count < MIN_BASKET_SYMBOLS || count > MAX_BASKET_SYMBOLS) {
      return fail(`must name ${MIN_BASKET_SYMBOLS} to ${MAX_BASKET_SYMBOLS} symbols; it names ${count}`);
    }
    const sum = Object.values(targets).reduce((total, weight) => total + weight, 0);
    if (Math.abs(sum - 100) > SUM_TOLERANCE_PCT) return fail(`must add up to 100 (percent); they add up to ${formatSum(sum)}`);
    return targets;
  })
  .describe(`Target weight of each symbol in percent, e.g. ${EXAMPLE}: ${MIN_BASKET_SYMBOLS} to ${MAX_BASKET_SYMBOLS} symbols adding up to 100.`);
