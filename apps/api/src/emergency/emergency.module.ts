import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EmergencyController } from './emergency.controller';
import { EmergencyStopService } from './emergency-stop.service';

@Module({
  imports: [AccountsModule],
  controllers: [EmergencyController],
  providers: [EmergencyStopService],
  exports: [EmergencyStopService],
})
export class EmergencyModule {}
