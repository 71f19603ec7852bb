import { BadRequestException } from '@nestjs/common';
import { createValidationPipe } from '../../validation/create-validation-pipe';
import { UpdateRiskLimitsDto } from './update-risk-limits.dto';

async function validate(body: unknown): Promise<{ fields: string[]; message: string[] }> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: UpdateRiskLimitsDto });
    return { fields: [], message: [] };
  } catch (error) {
    return (error as BadRequestException).getResponse() as { fields: string[]; message: string[] };
  }
}

describe('UpdateRiskLimitsDto', () => {
  it.each<[string, unknown, string[]]>([
    ['every limit', { max_order_notional: 500, max_position_pct: 10, max_open_orders: 20, max_daily_loss: 250, stop_loss_cooldown_minutes: 0 }, []],
    ['null to go back to the default', { max_order_notional: null }, []],
    ['a zero notional', { max_order_notional: 0 }, ['max_order_notional']],
    ['a text percent', { max_position_pct: '10' }, ['max_position_pct']],
    ['a fractional order count', { max_open_orders: 2.5 }, ['max_open_orders']],
    ['a negative daily loss', { max_daily_loss: -5 }, ['max_daily_loss']],
    ['a cooldown beyond a week', { stop_loss_cooldown_minutes: 10_081 }, ['stop_loss_cooldown_minutes']],
    ['an unknown field', { max_leverage: 3 }, ['max_leverage']],
  ])('%s -> bad fields %j', async (_label, body, fields) => {
    expect((await validate(body)).fields).toEqual(fields);
  });

  it('says what each bad field must be', async () => {
    expect((await validate({ max_open_orders: 0, max_order_notional: 'lots' })).message).toEqual([
      'max_order_notional must be a number greater than 0 and at most 1000000000, or null to use the default',
      'max_open_orders must be a whole number from 1 to 10000, or null to use the default',
    ]);
  });
});
