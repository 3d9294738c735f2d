import { Module } from '@nestjs/common';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { AgendaReads } from './http/agenda-reads';
import { MeetingsController } from './http/meetings.controller';
import { NoticesAndDelegationController } from './http/notices-and-delegation.controller';
import { PublicMeetingsController } from './http/public-meetings.controller';
import { PrivateNotesController } from './http/private-notes.controller';
import { MeetingReads } from './notes/meeting-reads';
import { PrivateNotes } from './notes/private-notes';
import { MeetingsModule } from './meetings.module';

@Module({
  imports: [MeetingsModule, RegistryModule, TenancyModule],
  controllers: [
    MeetingsController,
    NoticesAndDelegationController,
    PublicMeetingsController,
    PrivateNotesController,
  ],
  providers: [AgendaReads, PrivateNotes, MeetingReads],
  exports: [AgendaReads],
})
export class MeetingsHttpModule {}
