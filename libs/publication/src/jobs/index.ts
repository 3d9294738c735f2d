import { Injectable, Module } from '@nestjs/common';
import { NotificationsModule } from '@nf/notifications';
import { JobHandler, type JobOutcome, type JobPayloads } from '@nf/queue';
import { PublicChanges } from '../changes/public-changes';
import { PublicationModule } from '../publication.module';
import { DeliverWebhook } from '../webhooks/deliver-webhook';
import { WebhookFeed } from '../webhooks/webhook-feed';

/** The public side's jobs: project the audit log (changes and the feed), deliver a webhook event. */
@Injectable()
export class PublicationJobs {
  constructor(
    private readonly changes: PublicChanges,
    private readonly feed: WebhookFeed,
    private readonly deliver: DeliverWebhook,
  ) {}

  @JobHandler('publication.project')
  async project(): Promise<JobOutcome> {
    const written = await this.changes.catchUp();
    // An event left waiting (its predecessor settled while it stepped aside) goes out now.
    const queued = await this.feed.enqueuePending();
    return { status: 'done', detail: `${written.length} changes, ${queued} events queued` };
  }

  @JobHandler('publication.deliver-webhook')
  deliverWebhook({
    municipalityId,
    deliveryId,
  }: JobPayloads['publication.deliver-webhook']): Promise<JobOutcome> {
    return this.deliver.execute(municipalityId, deliveryId);
  }
}

/** The public side's worker part (`@nf/publication-jobs`). */
@Module({
  imports: [PublicationModule, NotificationsModule],
  providers: [PublicationJobs, DeliverWebhook],
})
export class PublicationJobsModule {}
