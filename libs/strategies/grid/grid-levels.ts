import { InvalidGridError } from './grid-errors';

export const GRID_SPACINGS = ['arithmetic', 'geometric'] as const;
export type GridSpacing = (typeof GRID_SPACINGS)[number];

export const MIN_GRID_COUNT = 2;
export const MAX_GRID_COUNT = 200;

/** grid_count is the number of price levels, both bounds included (2 = just lower and upper). */
export interface GridLevelsInput {
  lower_price: number;
  upper_price: number;
  grid_count: number;
  spacing: GridSpacing;
}

export interface GridLevelIssue {
  field: 'lower_price' | 'upper_price' | 'grid_count';
  message: string;
}

/** Alpaca rejects limit prices with more than 2 decimals at/above $1, or more than 4 below. */
export function tickDecimals(price: number): number {
  return price >= 1 ? 2 : 4;
}

/**
 * Rounds a price to the nearest valid tick. Goes through a fixed-point string first so binary
 * noise (1.005 * 100 = 100.49999999999999) rounds the way a person expects.
 */
export function roundToTick(price: number): number {
  const factor = 10 ** tickDecimals(price);
  return Math.round(Number((price * factor).toFixed(6))) / factor;
}

function rawLevel(input: GridLevelsInput, index: number): number {
  const { lower_price: lower, upper_price: upper, grid_count: count } = input;
  const step = index / (count - 1);
  return input.spacing === 'geometric' ? lower * (upper / lower) ** step : lower + (upper - lower) * step;
}

function unroundedLadder(input: GridLevelsInput): number[] {
  return Array.from({ length: input.grid_count }, (_, index) => rawLevel(input, index));
}

/** Each bound and grid_count on its own: the same checks the config schema's fields make. */
export function gridBoundsIssues(input: GridLevelsInput): GridLevelIssue[] {
  const issues: GridLevelIssue[] = [];
  const { lower_price: lower, upper_price: upper, grid_count: count } = input;
  if (!Number.isFinite(lower) || lower <= 0) issues.push({ field: 'lower_price', message: 'must be a number greater than 0' });
  if (!Number.isFinite(upper) || upper <= 0) issues.push({ field: 'upper_price', message: 'must be a number greater than 0' });
  if (!Number.isInteger(count) || count < MIN_GRID_COUNT || count > MAX_GRID_COUNT) {
    issues.push({ field: 'grid_count', message: `must be a whole number from ${MIN_GRID_COUNT} to ${MAX_GRID_COUNT}` });
  }
  return issues;
}

/** What is wrong with the ladder as a whole, given bounds that pass `gridBoundsIssues`. */
export function gridLadderIssues(input: GridLevelsInput): GridLevelIssue[] {
  if (roundToTick(input.lower_price) >= roundToTick(input.upper_price)) {
    return [{ field: 'upper_price', message: 'must be greater than lower_price' }];
  }
  const ladder = unroundedLadder(input).map(roundToTick);
  const clash = ladder.findIndex((price, index) => index > 0 && price <= ladder[index - 1]);
  if (clash > 0) {
    return [
      {
        field: 'grid_count',
        message: `is too large for the range: levels ${clash - 1} and ${clash} both round to ${ladder[clash]} at the exchange's price tick; use fewer levels or a wider range`,
      },
    ];
  }
  return [];
}

/**
 * Everything wrong with a ladder's parameters, worded after the field they are about
 * ("grid_count must be ..."). Empty when `gridLevels` will succeed.
 */
export function gridLevelIssues(input: GridLevelsInput): GridLevelIssue[] {
  const bounds = gridBoundsIssues(input);
  return bounds.length > 0 ? bounds : gridLadderIssues(input);
}

/**
 * The grid's price levels, ascending, each rounded to the exchange tick. Arithmetic levels are
 * evenly spaced in dollars; geometric levels in percent (each level is the previous times a
 * constant ratio). Throws InvalidGridError when the parameters cannot make a ladder.
 */
export function gridLevels(input: GridLevelsInput): number[] {
  const [issue] = gridLevelIssues(input);
  if (issue) throw new InvalidGridError(issue.field, issue.message);
  return unroundedLadder(input).map(roundToTick);
}
