import { Controller, Get, Param } from '@nestjs/common';
import { CurrentUser } from '../../auth/current-user.decorator';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { GridViewService } from './grid-view.service';

@Controller('api/strategies/:id')
export class StrategyGridController {
  constructor(private readonly grids: GridViewService) {}

  @Get('grid')
  grid(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string) {
    return this.grids.view(user.userId, id);
  }
}
