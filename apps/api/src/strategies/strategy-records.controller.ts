import { Controller, DefaultValuePipe, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { CurrentUser } from '../auth/current-user.decorator';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { StrategyRecordsService } from './strategy-records.service';

/** GET /api/strategies/:id/{orders,trades,executions,risk-events,exit-events}?limit=N, newest first. */
@Controller('api/strategies/:id')
export class StrategyRecordsController {
  constructor(private readonly records: StrategyRecordsService) {}

  @Get('orders')
  orders(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number) {
    return this.records.orders(user.userId, id, limit);
  }

  @Get('trades')
  trades(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number) {
    return this.records.trades(user.userId, id, limit);
  }

  @Get('executions')
  executions(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number) {
    return this.records.executions(user.userId, id, limit);
  }

  @Get('risk-events')
  riskEvents(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number) {
    return this.records.riskEvents(user.userId, id, limit);
  }

  @Get('exit-events')
  exitEvents(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number) {
    return this.records.exitEvents(user.userId, id, limit);
  }
}
