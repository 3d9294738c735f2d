import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { EntityManager } from 'typeorm';
import { CaseQueries } from '../cases/case.queries';
import { CaseDocument } from './case-document.entity';
import { RegisterDocumentCommand, assertMayRegisterOn } from './document.commands';

/** Registers a document (handling) on a case, numbered 1, 2, 3 … within the case. */

@Injectable()
export class RegisterDocument {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly cases: CaseQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tenant: Tenant,
    actor: Principal | null,
    command: RegisterDocumentCommand,
    manager?: EntityManager,
  ): Promise<CaseDocument> {
    const work = async (tx: EntityManager) => {
      // Locking the case serialises the ordinals of its documents.
      const record = await this.cases.repository.getForUpdate(tx, tenant, command.caseId);
      assertMayRegisterOn(actor, record);
      const [{ last }] = (await tx.query(
        'SELECT COALESCE(MAX(ordinal), 0) AS last FROM documents WHERE case_id = ? AND municipality_id = ?',
        [record.id, tenant.municipalityId],
      )) as Array<{ last: number | string }>;
      const now = this.clock.now();
      const document = tx.create(CaseDocument, {
        municipalityId: tenant.municipalityId,
        caseId: record.id,
        ordinal: Number(last) + 1,
        direction: command.direction,
        documentDate: command.date,
        senderRecipient: command.senderRecipient ?? null,
        senderProtected: command.senderProtected ?? false,
        description: command.description,
        type: command.type,
        secrecyOsl: command.secrecyOsl ?? null,
        registeredAt: now,
        registeredBy: actor?.userId ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await tx.save(document);
      await this.audit.record(tx, {
        action: 'document.registered',
        entityType: 'document',
        entityId: document.id,
        municipalityId: tenant.municipalityId,
        after: {
          caseId: record.id,
          dnr: record.dnr,
          ordinal: document.ordinal,
          direction: document.direction,
          type: document.type,
          secrecyOsl: document.secrecyOsl,
        },
      });
      return document;
    };
    return manager ? work(manager) : this.transactions.run(work);
  }
}
