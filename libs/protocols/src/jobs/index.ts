import { Module } from '@nestjs/common';
import { TenancyModule } from '@nf/tenancy';
import { WorkflowModule } from '@nf/workflow';
import { ProtocolsModule } from '../protocols.module';
import { ApplyParagraph } from '../apply-paragraph';
import { ApplyElection } from './apply-election.job';
import { PostAnslag } from './post-anslag.job';
import { ReportMotions } from './report-motions.job';
import { ReportToBoard } from '../report-to-board';
import { RenderExtract } from './render-extract.job';
import { RenderProtocol } from './render-protocol.job';
import { SecrecyChanged } from './secrecy-changed.job';
import { MeetingsModule } from '@nf/meetings';
import { IdentityModule } from '@nf/identity';
import { RegistryModule } from '@nf/registry';
import { NotificationsModule } from '@nf/notifications';

const JOBS = [
  ApplyElection,
  ApplyParagraph,
  PostAnslag,
  ReportToBoard,
  ReportMotions,
  RenderExtract,
  RenderProtocol,
  SecrecyChanged,
];

/**
 * The protocols' jobs (`@nf/protocols-jobs`): outcomes to the routes, and the anslag (whose
 * holiday calendar the api does not need to load).
 */
@Module({
  imports: [
    ProtocolsModule,
    WorkflowModule,
    TenancyModule,
    RegistryModule,
    IdentityModule,
    NotificationsModule,
    MeetingsModule,
  ],
  providers: JOBS,
})
export class ProtocolsJobsModule {}

export {
  ApplyElection,
  ApplyParagraph,
  PostAnslag,
  ReportToBoard,
  ReportMotions,
  RenderExtract,
  RenderProtocol,
  SecrecyChanged,
};
export { anslagDates, isNonWorkingDay, workingDayOnOrAfter } from './working-days';
