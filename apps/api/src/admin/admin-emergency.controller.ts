import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { EmergencyStopDto } from '../emergency/emergency-stop.dto';
import { EmergencyStopService } from '../emergency/emergency-stop.service';
import { AdminGuard } from './admin.guard';

@Controller('api/admin/emergency')
@UseGuards(AdminGuard)
export class AdminEmergencyController {
  constructor(private readonly emergency: EmergencyStopService) {}

  /** Stops every user's strategies; 403 for callers without the operator role. */
  @Post('stop')
  @HttpCode(200)
  stop(@CurrentUser() admin: AuthenticatedUser, @Body() dto: EmergencyStopDto) {
    return this.emergency.stopEveryone(admin.userId, dto.flatten ?? false);
  }
}
