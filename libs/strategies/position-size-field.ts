import { z } from 'zod';
import { mustBe } from './config-fields';

/** Percent of allocated_capital one entry spends; the signal rules size every buy with it. */
export const positionSizePctField = z
  .number({ error: mustBe('a number greater than 0 and at most 100') })
  .positive()
  .max(100)
  .describe('Percent of allocated_capital spent on each entry.')
  .default(100);
