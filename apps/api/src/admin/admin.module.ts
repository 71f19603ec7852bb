import { Module } from '@nestjs/common';
import { EmergencyModule } from '../emergency/emergency.module';
import { AdminEmergencyController } from './admin-emergency.controller';
import { AdminGuard } from './admin.guard';

/** Operator routes (users.role = admin). */
@Module({
  imports: [EmergencyModule],
  controllers: [AdminEmergencyController],
  providers: [AdminGuard],
})
export class AdminModule {}
