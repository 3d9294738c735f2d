import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@nf/identity';
import { MeetingsModule } from '@nf/meetings';
import { ProtocolsModule } from '@nf/protocols';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { WorkflowModule } from '@nf/workflow';
import { ArchiveDeliveries } from './archive/archive-deliveries';
import { ExportDelivery } from './archive/export-delivery';
import { GallringLists } from './gallring/gallring-lists';
import { DocumentRequests } from './requests/document-requests';
import { VerifyFiles } from './files/verify-files';
import { RecordHolds } from './holds/record-holds';
import {
  ArchiveDelivery,
  ArchiveReceipt,
  DocumentRequest,
  DocumentRequestItem,
  GallringItem,
  GallringList,
  RecordHold,
  RetentionPlan,
  RetentionRule,
} from './records.entities';
import { RetentionPlans } from './retention/retention-plans';

const SERVICES = [
  RetentionPlans,
  RecordHolds,
  GallringLists,
  ArchiveDeliveries,
  ExportDelivery,
  DocumentRequests,
  VerifyFiles,
];

/**
 * Records kept right: the dokumenthanteringsplan, holds, and gallringslistor. It reads and weeds
 * the registry only through the registry's query services and use cases.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      RetentionPlan,
      RetentionRule,
      RecordHold,
      GallringList,
      GallringItem,
      ArchiveDelivery,
      ArchiveReceipt,
      DocumentRequest,
      DocumentRequestItem,
    ]),
    TenancyModule,
    RegistryModule,
    IdentityModule,
    ProtocolsModule,
    MeetingsModule,
    WorkflowModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class RecordsModule {}
