import { Module } from '@nestjs/common';
import { EmergencyController } from './emergency.controller';
import { EmergencyStopService } from './emergency-stop.service';

@Module({
  controllers: [EmergencyController],
  providers: [EmergencyStopService],
  exports: [EmergencyStopService],
})
export class EmergencyModule {}
