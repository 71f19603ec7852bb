import { z } from 'zod';
import { intervalSecondsField, mustBe, positiveUsdField, symbolField, wholeNumberField } from '../config-fields';
import { isCryptoSymbol } from '../order-sizing';
import { GRID_SPACINGS, gridBoundsIssues, gridLadderIssues, MAX_GRID_COUNT, MIN_GRID_COUNT, type GridSpacing } from './grid-levels';

// The configuration of the grids with a bounded ladder (spot, reverse, futures): the levels and
// how much each level trades. Each type spreads `ladderConfigShape` into its own strict object.

export function ladderConfigShape(sizing: { quantity: string; capital: string }) {
  return {
    symbol: symbolField,
    lower_price: positiveUsdField('Lowest grid level, USD.'),
    upper_price: positiveUsdField('Highest grid level, USD.'),
    grid_count: wholeNumberField(MIN_GRID_COUNT, MAX_GRID_COUNT, 'Number of price levels, lower_price and upper_price included.'),
    spacing: z
      .enum(GRID_SPACINGS, { error: mustBe('"arithmetic" or "geometric"') })
      .default('arithmetic')
      .describe('arithmetic: levels the same USD apart; geometric: the same percent apart.'),
    quantity_per_grid: z
      .number({ error: mustBe('a number greater than 0') })
      .positive()
      .optional()
      .describe(`${sizing.quantity} Set this or allocated_capital.`),
    allocated_capital: positiveUsdField(`${sizing.capital} Set this or quantity_per_grid.`).optional(),
    interval_seconds: intervalSecondsField,
  };
}

export interface LadderConfig {
  symbol: string;
  lower_price: number;
  upper_price: number;
  grid_count: number;
  spacing: GridSpacing;
  quantity_per_grid?: number;
  allocated_capital?: number;
}

/** Exactly one sizing field, whole shares for equities, and a ladder the price tick can hold. */
export function refineLadderConfig(config: LadderConfig, ctx: z.core.$RefinementCtx<LadderConfig>): void {
  const sizing = [config.quantity_per_grid, config.allocated_capital].filter((v) => v !== undefined).length;
  if (sizing === 0) ctx.addIssue({ code: 'custom', path: [], message: 'must set exactly one of quantity_per_grid or allocated_capital' });
  if (sizing === 2) {
    ctx.addIssue({ code: 'custom', path: ['allocated_capital'], message: 'must not be set together with quantity_per_grid; set exactly one' });
  }
  // Grid orders are gtc limit orders, and Alpaca takes fractional equity quantities only on market day orders.
  if (config.quantity_per_grid !== undefined && !isCryptoSymbol(config.symbol) && !Number.isInteger(config.quantity_per_grid)) {
    ctx.addIssue({
      code: 'custom',
      path: ['quantity_per_grid'],
      message: 'must be a whole number of shares for equities (Alpaca allows fractional quantities only on market day orders)',
    });
  }
  // zod still runs this refinement after a field's range check failed; those fields already said so.
  if (gridBoundsIssues(config).length > 0) return;
  for (const issue of gridLadderIssues(config)) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
}
