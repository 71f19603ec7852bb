import { IsOptional, ValidateBy } from 'class-validator';
import { isValidLimit, limitRequirement, type RiskLimitField } from '../../../../../libs/risk/risk-limits';

// null is let through (IsOptional): it removes the user's own limit, putting the default back.
function RiskLimit(field: RiskLimitField): PropertyDecorator {
  return ValidateBy(
    { name: 'riskLimit', validator: { validate: (value) => isValidLimit(field, value) } },
    { message: `${field} must be ${limitRequirement(field)}, or null to use the default` },
  );
}

/** Body of PATCH /api/users/me/risk-limits: the limits to change; a field set to null goes back to its default. */
export class UpdateRiskLimitsDto {
  @IsOptional()
  @RiskLimit('max_order_notional')
  max_order_notional?: number | null;

  @IsOptional()
  @RiskLimit('max_position_pct')
  max_position_pct?: number | null;

  @IsOptional()
  @RiskLimit('max_open_orders')
  max_open_orders?: number | null;

  @IsOptional()
  @RiskLimit('max_daily_loss')
  max_daily_loss?: number | null;

  @IsOptional()
  @RiskLimit('stop_loss_cooldown_minutes')
  stop_loss_cooldown_minutes?: number | null;
}
