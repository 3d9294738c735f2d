import { Injectable, Module } from '@nestjs/common';
import { MeetingsModule } from '@nf/meetings';
import { ProtocolsModule } from '@nf/protocols';
import { JobHandler, type JobContext, type JobOutcome, type JobPayloads } from '@nf/queue';
import { RegistryModule } from '@nf/registry';
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
  ) {}

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
  imports: [RecordsModule, RegistryModule, MeetingsModule, ProtocolsModule, TenancyModule],
  providers: [RecordsJobs, ExecuteGallring],
  exports: [ExecuteGallring],
})
export class RecordsJobsModule {}
