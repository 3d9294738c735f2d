import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@nf/identity';
import { NotificationsModule } from '@nf/notifications';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { DeadlineQueries } from './deadline-queries';
import {
  CalendarFeed,
  Deadline,
  InboxMessage,
  Obligation,
  Occurrence,
  Wakeup,
} from './followup.entities';
import { FollowupsController } from './http/followups.controller';
import { Notifier } from './notifier';
import { Obligations } from './obligations';

/** Follow-ups: obligations, their occurrences and wake-ups, and the in-app inbox. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Obligation,
      Occurrence,
      Wakeup,
      InboxMessage,
      Deadline,
      CalendarFeed,
    ]),
    RegistryModule,
    TenancyModule,
    IdentityModule,
    NotificationsModule,
  ],
  providers: [Obligations, Notifier, DeadlineQueries],
  exports: [Obligations, Notifier, DeadlineQueries],
})
export class FollowupsModule {}

@Module({
  imports: [FollowupsModule],
  controllers: [FollowupsController],
})
export class FollowupsHttpModule {}
