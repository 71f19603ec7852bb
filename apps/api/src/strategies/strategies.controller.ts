import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CurrentUser } from '../auth/current-user.decorator';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { describeStrategyTypes } from '../../../../libs/strategies/registry';
import { CreateStrategyDto } from './dto/create-strategy.dto';
import { UpdateStrategyDto } from './dto/update-strategy.dto';
import { SchedulerStatusService } from './scheduler-status.service';
import { StrategiesService } from './strategies.service';

@Controller('api/strategies')
export class StrategiesController {
  constructor(
    private readonly strategies: StrategiesService,
    private readonly scheduler: SchedulerStatusService,
  ) {}

  @Post()
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateStrategyDto) {
    return this.strategies.create(user.userId, dto);
  }

  @Get()
  list(@CurrentUser() user: AuthenticatedUser) {
    return this.strategies.list(user.userId);
  }

  // Declared before ':id' so these paths are not taken for strategy ids.
  @Get('types')
  types() {
    return describeStrategyTypes();
  }

  @Get('scheduler/status')
  schedulerStatus(@CurrentUser() user: AuthenticatedUser) {
    return this.scheduler.status(user.userId);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string) {
    return this.strategies.get(user.userId, id);
  }

  @Patch(':id')
  update(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() dto: UpdateStrategyDto) {
    return this.strategies.update(user.userId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<void> {
    await this.strategies.remove(user.userId, id);
  }

  @Post(':id/execute')
  @HttpCode(200)
  execute(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string) {
    return this.strategies.execute(user.userId, id);
  }
}
