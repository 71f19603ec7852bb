import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { EmergencyStopDto } from './emergency-stop.dto';
import { EmergencyStopService } from './emergency-stop.service';

@Controller('api/emergency')
export class EmergencyController {
  constructor(private readonly emergency: EmergencyStopService) {}

  /** Stops all of the caller's strategies now; 200 with counts, and the failures of any step. */
  @Post('stop')
  @HttpCode(200)
  stop(@CurrentUser() user: AuthenticatedUser, @Body() dto: EmergencyStopDto) {
    return this.emergency.stopUser(user.userId, dto.flatten ?? false);
  }
}
