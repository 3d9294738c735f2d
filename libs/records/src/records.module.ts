import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@nf/identity';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { GallringLists } from './gallring/gallring-lists';
import { RecordHolds } from './holds/record-holds';
import {
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
    ]),
    TenancyModule,
    RegistryModule,
    IdentityModule,
  ],
  providers: [RetentionPlans, RecordHolds, GallringLists],
  exports: [RetentionPlans, RecordHolds, GallringLists],
})
export class RecordsModule {}
