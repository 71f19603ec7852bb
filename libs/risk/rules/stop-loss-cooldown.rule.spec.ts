import { buy, NOW, riskInput, sell } from '../testing/risk-input.fixture';
import { stopLossCooldownRule } from './stop-loss-cooldown.rule';

const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

describe('stopLossCooldownRule', () => {
  it.each([
    ['no stop-loss ever', null, {}, [buy(1)], 0, true],
    ['a stop-loss 10 min ago, default 60 min cooldown', minutesAgo(10), {}, [buy(1)], 0, false],
    ['a stop-loss 61 min ago', minutesAgo(61), {}, [buy(1)], 0, true],
    ['exactly when the cooldown ends', minutesAgo(60), {}, [buy(1)], 0, true],
    ['selling what is held during the cooldown', minutesAgo(10), {}, [sell(2)], 5, true],
    ['a longer cooldown the user set', minutesAgo(90), { user: { stop_loss_cooldown_minutes: 120 } }, [buy(1)], 0, false],
    ['no cooldown (0) set by the user', minutesAgo(1), { user: { stop_loss_cooldown_minutes: 0 } }, [buy(1)], 0, true],
    ['a strategy cannot shorten the user cooldown', minutesAgo(10), { strategy: { stop_loss_cooldown_minutes: 5 } }, [buy(1)], 0, false],
  ])('%s: allowed %p', (_label, lastStopLossAt, settings, orders, held, allowed) => {
    expect(stopLossCooldownRule(riskInput({ lastStopLossAt, orders, accountPositionQty: held }, settings)).allow).toBe(allowed);
  });

  it('says since when and until when', () => {
    expect(stopLossCooldownRule(riskInput({ lastStopLossAt: minutesAgo(10) }))).toEqual({
      allow: false,
      rule: 'stop_loss_cooldown',
      reason: "a stop-loss closed this strategy's position 10 min ago; the default stop_loss_cooldown_minutes 60 allows new positions from 2026-07-15T15:50:00.000Z",
      details: { last_stop_loss_at: '2026-07-15T14:50:00.000Z', cooldown_minutes: 60, cooldown_until: '2026-07-15T15:50:00.000Z', limit_source: 'default' },
    });
  });
});
