import { Injectable, Module } from '@nestjs/common';
import { MeetingsModule } from '@nf/meetings';
import { ProtocolsModule } from '@nf/protocols';
import { JobHandler, type JobOutcome, type JobPayloads } from '@nf/queue';
import { RegistryModule } from '@nf/registry';
import { Municipalities, TenancyModule } from '@nf/tenancy';
import { ExecuteGallring, SKIPPED } from '../gallring/execute-gallring';
import { GallringLists } from '../gallring/gallring-lists';
import { RecordsModule } from '../records.module';

export { ExecuteGallring, SKIPPED };

/** The records context's jobs: the night's gallringslistor, and an approved list carried out. */
@Injectable()
export class RecordsJobs {
  constructor(
    private readonly lists: GallringLists,
    private readonly execute: ExecuteGallring,
    private readonly municipalities: Municipalities,
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
}

/** The records context's worker part (`@nf/records-jobs`). */
@Module({
  imports: [RecordsModule, RegistryModule, MeetingsModule, ProtocolsModule, TenancyModule],
  providers: [RecordsJobs, ExecuteGallring],
  exports: [ExecuteGallring],
})
export class RecordsJobsModule {}
