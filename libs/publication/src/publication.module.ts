import { Module } from '@nestjs/common';
import { MeetingsModule } from '@nf/meetings';
import { ProtocolsModule } from '@nf/protocols';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { WorkflowModule } from '@nf/workflow';
import { PublicReadModel } from './public-read-model';

/**
 * The public side: one read model of everything public, read through the owning contexts' query
 * services, with secrecy applied in one place. The portal and OParl read it.
 */
@Module({
  imports: [TenancyModule, RegistryModule, MeetingsModule, ProtocolsModule, WorkflowModule],
  providers: [PublicReadModel],
  exports: [PublicReadModel],
})
export class PublicationModule {}
