import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@nf/identity';
import { MeetingsModule } from '@nf/meetings';
import { RegistryModule } from '@nf/registry';
import { WorkflowModule } from '@nf/workflow';
import { TenancyModule } from '@nf/tenancy';
import { AnslagController } from './http/anslag.controller';
import { ProtocolsController } from './http/protocols.controllers';
import { Anslag, Paragraph, Protocol, ProtocolSignature } from './protocol.entities';
import { ProtocolCommands } from './protocol-commands';
import { ProtocolQueries } from './protocol.queries';
import { SignatureProviders } from './signatures';

/** Protocols: paragraphs and their numbering, justering, and the outcomes handed to the routes. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Protocol, Paragraph, ProtocolSignature, Anslag]),
    MeetingsModule,
    TenancyModule,
    IdentityModule,
    RegistryModule,
    WorkflowModule,
  ],
  providers: [ProtocolCommands, ProtocolQueries, SignatureProviders],
  exports: [ProtocolCommands, ProtocolQueries],
})
export class ProtocolsModule {}

@Module({
  imports: [ProtocolsModule, TenancyModule, RegistryModule],
  controllers: [ProtocolsController, AnslagController],
})
export class ProtocolsHttpModule {}
