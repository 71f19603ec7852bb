import { exitRulesOf } from './exit-rules';

describe('exitRulesOf', () => {
  it('reads the five exit fields of a configuration and ignores the rest', () => {
    expect(
      exitRulesOf({ symbol: 'AAPL', amount_per_buy: 10, take_profit_pct: 5, stop_loss_pct: 2, trailing_stop_pct: 1.5, take_profit_price: 120, stop_loss_price: 90 }),
    ).toEqual({ takeProfitPct: 5, stopLossPct: 2, trailingStopPct: 1.5, takeProfitPrice: 120, stopLossPrice: 90 });
  });

  it.each([[{ symbol: 'AAPL' }], [{ stop_loss_pct: 0 }], [{ stop_loss_pct: '2' }], [{ take_profit_price: -1 }]])('%p has no rules', (config) => {
    expect(exitRulesOf(config)).toBeUndefined();
  });
});
