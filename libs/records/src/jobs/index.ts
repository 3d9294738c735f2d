import { Injectable, Module } from '@nestjs/common';
import { Clock, localDate, zonedDateTimeToInstant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { PDF, renderPdf, requestDecisionDocument } from '@nf/documents';
import { FollowupsModule, Notifier } from '@nf/followups';
import { IdentityModule, Users } from '@nf/identity';
import { MeetingsModule } from '@nf/meetings';
import { ProtocolsModule } from '@nf/protocols';
import { JobHandler, type JobContext, type JobOutcome, type JobPayloads } from '@nf/queue';
import { AttachFile, CaseQueries, DocumentQueries, RegistryModule } from '@nf/registry';
import { Municipalities, TenancyModule } from '@nf/tenancy';
import { UnrecoverableError } from 'bullmq';
import {
  CorruptFileError,
  ExportDelivery,
  NothingToDeliverError,
} from '../archive/export-delivery';
import { ExecuteGallring, SKIPPED } from '../gallring/execute-gallring';
import { GallringLists } from '../gallring/gallring-lists';
import { RecordsModule } from '../records.module';
import { ANONYMOUS_REQUESTER, DocumentRequests } from '../requests/document-requests';

export { ExecuteGallring, SKIPPED };

/**
 * The records context's jobs: the night's gallringslistor, an approved list carried out, and a
 * delivery to the e-archive written.
 */
@Injectable()
export class RecordsJobs {
  constructor(
    private readonly lists: GallringLists,
    private readonly execute: ExecuteGallring,
    private readonly municipalities: Municipalities,
    private readonly exporter: ExportDelivery,
    private readonly requests: DocumentRequests,
    private readonly cases: CaseQueries,
    private readonly documents: DocumentQueries,
    private readonly attachFile: AttachFile,
    private readonly users: Users,
    private readonly notifier: Notifier,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * Renders a request's decision (a refusal or a redaction, with the provisions and how to
   * appeal) as PDF onto each decision document registered for it; run twice, it attaches once.
   */
  @JobHandler('records.render-request-decision')
  async renderRequestDecision({
    municipalityId,
    requestId,
  }: JobPayloads['records.render-request-decision']): Promise<JobOutcome> {
    const tenant = { municipalityId };
    const { request } = await this.requests.get(tenant, requestId);
    const items = await this.requests.itemsWithDecisionDocuments(tenant, requestId);
    if (!request.decidedAt || items.length === 0) {
      return { status: 'skipped', reason: `request ${requestId} has no decision to render` };
    }
    const municipality = await this.municipalities.getById(municipalityId);
    const [documents, cases, decider] = await Promise.all([
      this.documents.byIds(
        tenant,
        items.map((item) => item.documentId),
      ),
      this.cases.byIds(
        tenant,
        items.map((item) => item.caseId),
      ),
      request.decidedBy ? this.users.get(tenant, request.decidedBy) : null,
    ]);
    const byId = new Map(documents.map((document) => [document.id, document]));
    const model = requestDecisionDocument({
      municipality: municipality.name,
      decidedOn: localDate(request.decidedAt, municipality.timeZone),
      requestNumber: request.id,
      requester: request.requester,
      receivedOn: localDate(request.receivedAt, municipality.timeZone),
      requestText: request.description,
      items: items.map((item) => {
        const document = byId.get(item.documentId);
        return {
          document: `Handling ${document?.ordinal ?? '?'} i ärende ${cases.get(item.caseId)?.dnr ?? '?'} (${document?.documentDate ?? ''})`,
          decision: item.decision as 'refuse' | 'release-redacted',
          oslProvision: item.oslProvision ?? '',
          reasons: item.reasons,
        };
      }),
      decidedBy: decider?.user.displayName ?? municipality.name,
    });
    const data = await renderPdf(model, request.decidedAt);
    const targets = [...new Set(items.flatMap((item) => item.decisionDocumentId ?? []))];
    for (const documentId of targets) {
      await this.attachFile.execute(
        tenant,
        null,
        documentId,
        { filename: `beslut-utlamnande-${request.id}.pdf`, contentType: PDF, data },
        { once: true },
      );
    }
    return {
      status: 'done',
      detail: `decision of request ${requestId} on ${targets.length} documents`,
    };
  }

  /**
   * Each weekday morning: the registrators are told of every request for documents still open
   * from an earlier day (utlämnande is to be skyndsamt), once a day per request.
   */
  @JobHandler('records.request-reminders')
  async requestReminders(): Promise<JobOutcome> {
    let told = 0;
    for (const municipality of await this.municipalities.list()) {
      const tenant = { municipalityId: municipality.id };
      const today = localDate(this.clock.now(), municipality.timeZone);
      const open = await this.requests.openSince(
        tenant,
        zonedDateTimeToInstant(today, '00:00', municipality.timeZone),
      );
      if (open.length === 0) continue;
      await this.transactions.run(async (tx) => {
        const registrators = await this.users.holdersOf(tenant, 'registrator', null, tx);
        for (const request of open) {
          const since = localDate(request.receivedAt, municipality.timeZone);
          const days = Math.round(
            (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`)) / 86_400_000,
          );
          told += await this.notifier.tell(tx, registrators, {
            municipalityId: municipality.id,
            key: `document-request:${request.id}:${today}`,
            subject: `Begäran om utlämnande nr ${request.id} väntar sedan ${since} (${days} ${days === 1 ? 'dag' : 'dagar'})`,
            body: [
              `Begäran nr ${request.id} från ${request.requester ?? ANONYMOUS_REQUESTER} kom in ${since} och är inte avgjord.`,
              `Den gäller: ${request.description}`,
              'En begäran att ta del av allmänna handlingar ska behandlas skyndsamt (2 kap. 15 § tryckfrihetsförordningen), normalt samma dag eller inom någon dag.',
            ].join('\n\n'),
          });
        }
      });
    }
    return { status: 'done', detail: `${told} reminders of open requests` };
  }

  @JobHandler('records.gallring-sweep')
  async sweep(): Promise<JobOutcome> {
    let drawn = 0;
    for (const municipality of await this.municipalities.list()) {
      if (await this.lists.draw({ municipalityId: municipality.id })) drawn += 1;
    }
    return { status: 'done', detail: `${drawn} gallringslistor open` };
  }

  @JobHandler('records.execute-gallring')
  executeGallring({
    municipalityId,
    listId,
  }: JobPayloads['records.execute-gallring']): Promise<JobOutcome> {
    return this.execute.execute(municipalityId, listId);
  }

  /**
   * Writes a delivery's package. Run again after a crash, it starts the package over (the
   * unfinished file is never the package); while another live writer holds the delivery it fails,
   * to be retried once that writer's lease has run out.
   */
  @JobHandler('records.archive-delivery')
  async archiveDelivery(
    { municipalityId, deliveryId }: JobPayloads['records.archive-delivery'],
    context: JobContext,
  ): Promise<JobOutcome> {
    const outcome = await this.exporter
      .run({ municipalityId }, deliveryId, (progress) => context.reportProgress({ ...progress }))
      .catch((error: unknown) => {
        // The delivery is marked failed with the reason; what another try cannot mend is not tried.
        if (error instanceof NothingToDeliverError || error instanceof CorruptFileError) {
          throw new UnrecoverableError(error.message);
        }
        throw error;
      });
    if (outcome.status === 'busy') {
      throw new Error(`archive delivery ${deliveryId} is being written by another process`);
    }
    if (outcome.status === 'already-delivered') {
      return { status: 'skipped', reason: `archive delivery ${deliveryId} is already delivered` };
    }
    return {
      status: 'done',
      detail: `${outcome.delivery.casesDone} cases, ${outcome.delivery.filesDone} files in ${outcome.delivery.packageId}`,
    };
  }
}

/** The records context's worker part (`@nf/records-jobs`). */
@Module({
  imports: [
    RecordsModule,
    RegistryModule,
    MeetingsModule,
    ProtocolsModule,
    TenancyModule,
    IdentityModule,
    FollowupsModule,
  ],
  providers: [RecordsJobs, ExecuteGallring],
  exports: [ExecuteGallring, RecordsJobs],
})
export class RecordsJobsModule {}
