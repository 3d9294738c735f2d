import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@nf/identity';
import { NotificationsModule } from '@nf/notifications';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { InboxMessage, Obligation, Occurrence, Wakeup } from './followup.entities';
import { FollowupsController } from './http/followups.controller';
import { Notifier } from './notifier';
import { Obligations } from './obligations';

/** Follow-ups: obligations, their occurrences and wake-ups, and the in-app inbox. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Obligation, Occurrence, Wakeup, InboxMessage]),
    RegistryModule,
    TenancyModule,
    IdentityModule,
    NotificationsModule,
  ],
  providers: [Obligations, Notifier],
  exports: [Obligations, Notifier],
})
export class FollowupsModule {}

@Module({
  imports: [FollowupsModule],
  controllers: [FollowupsController],
})
export class FollowupsHttpModule {}
