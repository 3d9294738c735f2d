import { Module } from '@nestjs/common';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { AgendaReads } from './http/agenda-reads';
import {
  MeetingsController,
  NoticesAndDelegationController,
  PublicMeetingsController,
} from './http/meetings.controllers';
import { MeetingsModule } from './meetings.module';

@Module({
  imports: [MeetingsModule, RegistryModule, TenancyModule],
  controllers: [MeetingsController, NoticesAndDelegationController, PublicMeetingsController],
  providers: [AgendaReads],
  exports: [AgendaReads],
})
export class MeetingsHttpModule {}
