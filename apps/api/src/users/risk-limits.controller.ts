import { Body, Controller, Get, Patch } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UpdateRiskLimitsDto } from './dto/update-risk-limits.dto';
import { RiskLimitsService } from './risk-limits.service';

/** GET/PATCH /api/users/me/risk-limits: the caller's limits in force, with the defaults behind them. */
@Controller('api/users/me/risk-limits')
export class RiskLimitsController {
  constructor(private readonly riskLimits: RiskLimitsService) {}

  @Get()
  get(@CurrentUser() caller: AuthenticatedUser) {
    return this.riskLimits.get(caller.userId);
  }

  @Patch()
  update(@CurrentUser() caller: AuthenticatedUser, @Body() dto: UpdateRiskLimitsDto) {
    return this.riskLimits.update(caller.userId, dto);
  }
}
