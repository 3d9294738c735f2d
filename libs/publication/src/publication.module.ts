import { Module } from '@nestjs/common';
import { MeetingsModule } from '@nf/meetings';
import { NotificationsModule } from '@nf/notifications';
import { ProtocolsModule } from '@nf/protocols';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { WorkflowModule } from '@nf/workflow';
import { PublicChanges } from './changes/public-changes';
import { PublicReadModel } from './public-read-model';
import { FileChecksums } from './file-checksums';
import { CaseFollows } from './follows/case-follows';
import { WebhookFeed } from './webhooks/webhook-feed';
import { WebhookSubscriptions } from './webhooks/webhook-subscriptions';

/**
 * The public side: one read model of everything public, read through the owning contexts' query
 * services, with secrecy applied in one place. The portal and OParl read it.
 */
@Module({
  imports: [
    TenancyModule,
    RegistryModule,
    MeetingsModule,
    ProtocolsModule,
    WorkflowModule,
    NotificationsModule,
  ],
  providers: [
    PublicReadModel,
    PublicChanges,
    WebhookFeed,
    WebhookSubscriptions,
    CaseFollows,
    FileChecksums,
  ],
  exports: [PublicReadModel, PublicChanges, WebhookFeed, WebhookSubscriptions, CaseFollows],
})
export class PublicationModule {}
