import { Module } from '@nestjs/common';
import { RiskLimitsController } from './risk-limits.controller';
import { RiskLimitsService } from './risk-limits.service';
import { UsersController } from './users.controller';

@Module({ controllers: [UsersController, RiskLimitsController], providers: [RiskLimitsService] })
export class UsersModule {}
