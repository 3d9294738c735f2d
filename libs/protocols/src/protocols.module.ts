import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@nf/identity';
import { MeetingsModule } from '@nf/meetings';
import { TenancyModule } from '@nf/tenancy';
import { WorkflowModule } from '@nf/workflow';
import { ApplyParagraph } from './apply-paragraph.job';
import { ProtocolsController } from './http/protocols.controllers';
import { Paragraph, Protocol, ProtocolSignature } from './protocol.entities';
import { ProtocolCommands } from './protocol-commands';

/** Protocols: paragraphs and their numbering, justering, and the outcomes handed to the routes. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Protocol, Paragraph, ProtocolSignature]),
    MeetingsModule,
    TenancyModule,
    IdentityModule,
  ],
  providers: [ProtocolCommands],
  exports: [ProtocolCommands],
})
export class ProtocolsModule {}

@Module({ imports: [ProtocolsModule], controllers: [ProtocolsController] })
export class ProtocolsHttpModule {}

/** The job that hands adjusted outcomes to the routes (the worker). */
@Module({ imports: [ProtocolsModule, WorkflowModule, TenancyModule], providers: [ApplyParagraph] })
export class ProtocolsJobsModule {}
