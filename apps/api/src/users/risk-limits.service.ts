import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { User } from '../../../../libs/database/entities/user.entity';
import { pickRiskLimits, RISK_LIMIT_FIELDS, type RiskLimitSettings } from '../../../../libs/risk/risk-limits';
import type { UpdateRiskLimitsDto } from './dto/update-risk-limits.dto';
import { riskLimitsView, type RiskLimitsView } from './risk-limits.view';

/** The user's own risk limits (users.risk_limits): the account-wide ceiling every strategy's orders are checked against. */
@Injectable()
export class RiskLimitsService {
  constructor(private readonly dataSource: DataSource) {}

  async get(userId: string): Promise<RiskLimitsView> {
    return riskLimitsView(pickRiskLimits((await this.user(userId)).riskLimits));
  }

  /** Sets the fields given (null: back to the default) and keeps the others; the worker reads them before each order. */
  async update(userId: string, dto: UpdateRiskLimitsDto): Promise<RiskLimitsView> {
    const given = RISK_LIMIT_FIELDS.filter((field) => dto[field] !== undefined);
    if (given.length === 0) throw new BadRequestException([`set at least one of ${RISK_LIMIT_FIELDS.join(', ')}`]);
    const user = await this.user(userId);
    const limits: RiskLimitSettings = pickRiskLimits(user.riskLimits);
    for (const field of given) {
      const value = dto[field];
      if (value === null) delete limits[field];
      else limits[field] = value;
    }
    await this.dataSource.getRepository(User).update(userId, { riskLimits: (Object.keys(limits).length > 0 ? limits : null) as never });
    return riskLimitsView(limits);
  }

  private async user(userId: string): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: userId } });
    // A valid token of a since-deleted account.
    if (!user) throw new NotFoundException('user not found');
    return user;
  }
}
