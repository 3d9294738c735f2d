import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@nf/identity';
import { ProtocolsModule } from '@nf/protocols';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { WorkflowModule } from '@nf/workflow';
import { ArchiveDeliveries } from './archive/archive-deliveries';
import { ExportDelivery } from './archive/export-delivery';
import { GallringLists } from './gallring/gallring-lists';
import { RecordHolds } from './holds/record-holds';
import {
  ArchiveDelivery,
  ArchiveReceipt,
  GallringItem,
  GallringList,
  RecordHold,
  RetentionPlan,
  RetentionRule,
} from './records.entities';
import { RetentionPlans } from './retention/retention-plans';

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
    ]),
    TenancyModule,
    RegistryModule,
    IdentityModule,
    ProtocolsModule,
    WorkflowModule,
  ],
  providers: [RetentionPlans, RecordHolds, GallringLists, ArchiveDeliveries, ExportDelivery],
  exports: [RetentionPlans, RecordHolds, GallringLists, ArchiveDeliveries, ExportDelivery],
})
export class RecordsModule {}
