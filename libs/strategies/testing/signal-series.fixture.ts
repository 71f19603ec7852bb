// Test fixture: close series whose signal is known by construction, for the single-symbol signal
// rules (mean_reversion, swing_trading, scalping) with their default configurations. The e2e
// tests post the same closes to the paper exchange (POST /admin/bars), so a scripted run and the
// unit tests agree on what must trade.

/** `count` closes alternating first, second, first, ... */
export function alternatingCloses(count: number, first: number, second: number): number[] {
  return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? first : second));
}

/** 20 closes alternating 100/102 (mean 101, population sd 1), then 98.5: z-score -2.50. */
export const MEAN_REVERSION_DIP = [...alternatingCloses(20, 100, 102), 98.5];

/** The dip, then 99.8 (z-score -1.00: keep holding) and 101.5 (z-score +0.61: back at the mean). */
export const MEAN_REVERSION_DIP_AND_REVERT = [...MEAN_REVERSION_DIP, 99.8, 101.5];

// 10 closes zigzagging down 0.3 a bar after a flat zigzag: the fast SMA sinks below the slow.
const SWING_DIP = [99.2, 99.9, 98.6, 99.3, 98, 98.7, 97.4, 98.1, 96.8, 97.5];

/**
 * 31 closes (SMA 10/30, RSI 14): 14 alternating 99.5/100.5, the dip, then 7 rising 1 a bar
 * (98..104). The fast SMA crosses above the slow on the last bar (99.28 vs 99.55, then 99.94 vs
 * 99.70) with RSI 66.5.
 */
export const SWING_GOLDEN_CROSS = [...alternatingCloses(14, 99.5, 100.5), ...SWING_DIP, 98, 99, 100, 101, 102, 103, 104];

/**
 * 31 closes: 17 alternating 100.5/99.5, the dip, then 4 rising 3 a bar (100..109). Golden cross on
 * the last bar (99.48 vs 99.77, then 100.45 vs 100.05) with RSI 71.6: overbought.
 */
export const SWING_GOLDEN_CROSS_OVERBOUGHT = [...alternatingCloses(17, 100.5, 99.5), ...SWING_DIP, 100, 103, 106, 109];

/** SWING_GOLDEN_CROSS mirrored around 100: the fast SMA crosses below the slow on the last bar. */
export const SWING_DEATH_CROSS = SWING_GOLDEN_CROSS.map((close) => Number((200 - close).toFixed(2)));

/**
 * 40 closes (EMA 5/13): 39 falling 0.05 a bar from 102 to 100.1 (fast EMA below the slow), then
 * 101.6. The fast EMA crosses above the slow on the last bar (100.20 vs 100.40, then 100.67 vs 100.57).
 */
export const SCALPING_EMA_CROSS_UP = [...Array.from({ length: 39 }, (_, i) => Number((102 - 0.05 * i).toFixed(2))), 101.6];

/** SCALPING_EMA_CROSS_UP mirrored around 100: the fast EMA crosses below the slow on the last bar. */
export const SCALPING_EMA_CROSS_DOWN = SCALPING_EMA_CROSS_UP.map((close) => Number((200 - close).toFixed(2)));
