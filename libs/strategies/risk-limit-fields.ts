import { z } from 'zod';
import { RISK_LIMIT_BOUNDS, limitRequirement, type RiskLimitField } from '../risk/risk-limits';
import { mustBe } from './config-fields';

function limitField(field: RiskLimitField) {
  const { min, max, exclusiveMin, integer, description } = RISK_LIMIT_BOUNDS[field];
  const error = mustBe(limitRequirement(field));
  const base = integer ? z.int({ error }) : z.number({ error });
  return (exclusiveMin ? base.gt(min, { error }) : base.min(min, { error }))
    .max(max, { error })
    .optional()
    .describe(`${description} Tightens your own limit (PATCH /api/users/me/risk-limits), never loosens it.`);
}

/**
 * The risk validator's per-strategy limits (libs/risk), optional in every strategy type: each
 * type spreads this shape into its schema. Unset, the user's limit or the default is in force.
 */
export const riskLimitFields = {
  max_order_notional: limitField('max_order_notional'),
  max_position_pct: limitField('max_position_pct'),
  max_open_orders: limitField('max_open_orders'),
  max_daily_loss: limitField('max_daily_loss'),
  stop_loss_cooldown_minutes: limitField('stop_loss_cooldown_minutes'),
};
