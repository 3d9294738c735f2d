import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@nf/identity';
import { MeetingsModule } from '@nf/meetings';
import { RegistryModule } from '@nf/registry';
import { WorkflowModule } from '@nf/workflow';
import { TenancyModule } from '@nf/tenancy';
import { AnslagController } from './http/anslag.controller';
import { ProtocolsController } from './http/protocols.controller';
import { Anslag, Paragraph, Protocol, ProtocolSignature } from './protocol.entities';
import { CreateProtocol } from './use-cases/create-protocol.use-case';
import { SetProtocolHeading } from './use-cases/set-protocol-heading.use-case';
import { UpdateParagraph } from './use-cases/update-paragraph.use-case';
import { AddReservationReasons } from './use-cases/add-reservation-reasons.use-case';
import { RequestImmediateJustering } from './use-cases/request-immediate-justering.use-case';
import { LockProtocol } from './use-cases/lock-protocol.use-case';
import { SignProtocol } from './use-cases/sign-protocol.use-case';
import { ContinueParagraphSeries } from './use-cases/continue-paragraph-series.use-case';
import { SignerChecks } from './signer-checks';
import { ProtocolQueries } from './protocol.queries';
import { SignatureProviders } from './signatures';

const USE_CASES = [
  CreateProtocol,
  SetProtocolHeading,
  UpdateParagraph,
  AddReservationReasons,
  RequestImmediateJustering,
  LockProtocol,
  SignProtocol,
  ContinueParagraphSeries,
];

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
  providers: [...USE_CASES, SignerChecks, ProtocolQueries, SignatureProviders],
  exports: [...USE_CASES, ProtocolQueries],
})
export class ProtocolsModule {}

@Module({
  imports: [ProtocolsModule, TenancyModule, RegistryModule],
  controllers: [ProtocolsController, AnslagController],
})
export class ProtocolsHttpModule {}
