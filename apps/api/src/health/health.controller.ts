import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { HealthService, type DetailedHealth } from './health.service';

/** Unauthenticated so load balancers and operators' runbooks can probe it. */
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the process answers HTTP. Touches no dependency so it never flaps with them. */
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Always 200: the body says which dependency is down, a 5xx here would only hide that. */
  @Get('detailed')
  detailed(): Promise<DetailedHealth> {
    return this.health.detailed();
  }
}
