import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, assertCurrentVersion, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import { RegisterDocument } from '@nf/registry';
import { Routes } from '../routes/routes';
import { assertAuthor, assertDraft, snapshot } from './tjansteskrivelse.commands';
import { Tjansteskrivelse } from './tjansteskrivelse.entity';
import { Tjansteskrivelser } from './tjansteskrivelser';

/**
 * Submits a draft: frozen from now on, registered as an upprättad document of the case, and, when
 * the case's route waits for it, the route event that makes the case ready for the organ.
 */

@Injectable()
export class SubmitTjansteskrivelse {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly tjansteskrivelser: Tjansteskrivelser,
    private readonly registerDocument: RegisterDocument,
    private readonly routes: Routes,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    id: number,
    expectedVersion?: number,
  ): Promise<Tjansteskrivelse> {
    return this.transactions.run(async (tx) => {
      const record = await this.tjansteskrivelser.repository.getForUpdate(tx, principal, id);
      assertAuthor(principal, record);
      assertDraft(record);
      assertCurrentVersion('tjänsteskrivelse', record.version, expectedVersion);
      const missing = [
        record.proposalClauses.length === 0 && 'proposalClauses',
        !record.authorTitle.trim() && 'authorTitle',
      ].filter((field): field is string => Boolean(field));
      if (missing.length > 0) {
        throw new ValidationProblem(
          missing.map((field) => ({ field, message: 'required before submitting' })),
          'The tjänsteskrivelse is not complete.',
        );
      }
      const before = snapshot(record);
      const document = await this.registerDocument.execute(
        principal,
        principal,
        {
          caseId: record.caseId,
          direction: 'upprattad',
          date: record.documentDate,
          senderRecipient: `${record.authorName}, ${record.authorTitle}`,
          description: `Tjänsteskrivelse: ${record.title}`,
          type: 'tjansteskrivelse',
        },
        tx,
      );
      record.status = 'submitted';
      record.submittedAt = this.clock.now();
      record.documentId = document.id;
      record.updatedAt = record.submittedAt;
      await tx.save(record);
      const route = await this.routes.forCase(principal, record.caseId, tx);
      if (
        route &&
        route.route.status === 'active' &&
        route.steps[route.route.currentStep].state === 'preparing'
      ) {
        await this.routes.record(
          tx,
          principal,
          route,
          {
            kind: 'submitted',
            step: route.route.currentStep,
            round: route.route.currentRound,
            text: await this.tjansteskrivelser.proposalOf(principal, record),
          },
          { source: `tjansteskrivelse:${record.id}`, followUpClause: record.followUpClause },
          principal.userId,
        );
      }
      await this.outbox.enqueue(tx, 'documents.render-tjansteskrivelse', {
        municipalityId: principal.municipalityId,
        tjansteskrivelseId: record.id,
      });
      await this.audit.record(tx, {
        action: 'tjansteskrivelse.submitted',
        entityType: 'tjansteskrivelse',
        entityId: record.id,
        municipalityId: principal.municipalityId,
        before,
        after: { ...snapshot(record), documentId: document.id },
      });
      return record;
    });
  }
}
