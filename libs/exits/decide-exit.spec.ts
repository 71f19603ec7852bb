import { evaluateExit, type ExitCheck } from './decide-exit';
import type { ExitRules } from './exit-rules';

type Row = [label: string, check: ExitCheck, trigger: string, threshold: number | undefined];

describe('evaluateExit', () => {
  const long = (price: number, rules: ExitRules, waterMark?: number): ExitCheck => ({ side: 'long', entryPrice: 100, price, rules, waterMark });
  const short = (price: number, rules: ExitRules, waterMark?: number): ExitCheck => ({ side: 'short', entryPrice: 100, price, rules, waterMark });

  it.each<Row>([
    ['long above its stop', long(98.01, { stopLossPct: 2 }), 'none', undefined],
    ['long at its stop', long(98, { stopLossPct: 2 }), 'stop_loss', 98],
    ['long below its stop', long(97, { stopLossPct: 2 }), 'stop_loss', 98],
    ['long below its target', long(104.99, { takeProfitPct: 5 }), 'none', undefined],
    ['long at its target', long(105, { takeProfitPct: 5 }), 'take_profit', 105],
    ['long falling 3% under a 2% trail of 110', long(107.5, { trailingStopPct: 2 }, 110), 'trailing_stop', 107.8],
    ['long 1% under a 2% trail of 110', long(108.9, { trailingStopPct: 2 }, 110), 'none', undefined],
    ['long new high never trails itself', long(120, { trailingStopPct: 2 }, 110), 'none', undefined],
    ['long first sighting trails from the entry', long(97.9, { trailingStopPct: 2 }), 'trailing_stop', 98],
    ['long absolute stop price', long(94.5, { stopLossPrice: 95 }), 'stop_loss', 95],
    ['long absolute target price', long(130, { takeProfitPrice: 125 }), 'take_profit', 125],
    ['long: of pct and price stops, the higher fires first', long(97.5, { stopLossPct: 5, stopLossPrice: 97.5 }), 'stop_loss', 97.5],
    ['long: of pct and price targets, the lower fires first', long(103, { takeProfitPct: 10, takeProfitPrice: 103 }), 'take_profit', 103],
    ['long: stop loss wins over the trailing stop', long(90, { stopLossPct: 2, trailingStopPct: 1 }, 105), 'stop_loss', 98],
    ['short above its stop', short(102, { stopLossPct: 2 }), 'stop_loss', 102],
    ['short under its stop', short(101.99, { stopLossPct: 2 }), 'none', undefined],
    ['short at its target', short(95, { takeProfitPct: 5 }), 'take_profit', 95],
    ['short rising 2% over its low of 90', short(91.8, { trailingStopPct: 2 }, 90), 'trailing_stop', 91.8],
    ['short new low', short(89, { trailingStopPct: 2 }, 90), 'none', undefined],
    ['short absolute stop price', short(111, { stopLossPrice: 110 }), 'stop_loss', 110],
    ['short: of pct and price stops, the lower fires first', short(103, { stopLossPct: 5, stopLossPrice: 103 }), 'stop_loss', 103],
  ])('%s', (_label, check, trigger, threshold) => {
    const { decision } = evaluateExit(check);
    expect(decision.trigger).toBe(trigger);
    if (decision.trigger !== 'none') {
      expect(decision.thresholdPrice).toBeCloseTo(threshold!, 9);
      expect(decision.price).toBe(check.price);
      expect(decision.reason).toContain(String(check.price));
    }
  });

  it('no rules never exit', () => {
    expect(evaluateExit(long(1, {})).decision).toEqual({ trigger: 'none' });
  });

  // A seeded walk: up from 100 to a high, then down; the 3% trailing stop must fire once the
  // price falls 3% below the highest price seen, and not before.
  it('follows a rise and fires on the fall, along a seeded price path', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const path = [
      ...Array.from({ length: 30 }, (_, i) => 100 + i * 0.7 + random() * 0.5),
      ...Array.from({ length: 30 }, (_, i) => 121 - i * 0.4 + random() * 0.2),
    ];
    let waterMark: number | undefined;
    let highest = 0;
    let firedAt: number | undefined;
    for (const [i, price] of path.entries()) {
      highest = Math.max(highest, price, 100);
      const result = evaluateExit({ side: 'long', entryPrice: 100, price, waterMark, rules: { trailingStopPct: 3 } });
      waterMark = result.waterMark;
      expect(waterMark).toBeCloseTo(highest, 9);
      const shouldFire = price <= highest * 0.97;
      expect(result.decision.trigger).toBe(shouldFire ? 'trailing_stop' : 'none');
      if (shouldFire) {
        firedAt = i;
        break;
      }
    }
    expect(firedAt).toBeGreaterThan(30);
  });
});
