import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, assertCurrentVersion } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import {
  TjansteskrivelseFields,
  assertAuthor,
  assertDraft,
  snapshot,
} from './tjansteskrivelse.commands';
import { TjansteskrivelseReferences } from './tjansteskrivelse-references';
import { Tjansteskrivelse } from './tjansteskrivelse.entity';
import { Tjansteskrivelser } from './tjansteskrivelser';

/** Edits a draft; only its author may, and only while it is a draft. */

@Injectable()
export class UpdateTjansteskrivelse {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly tjansteskrivelser: Tjansteskrivelser,
    private readonly references: TjansteskrivelseReferences,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    id: number,
    fields: TjansteskrivelseFields,
    expectedVersion?: number,
  ): Promise<Tjansteskrivelse> {
    const current = await this.tjansteskrivelser.repository.getById(principal, id);
    await this.references.check(principal, current.caseId, fields);
    return this.transactions.run(async (tx) => {
      const record = await this.tjansteskrivelser.repository.getForUpdate(tx, principal, id);
      assertAuthor(principal, record);
      assertDraft(record);
      assertCurrentVersion('tjänsteskrivelse', record.version, expectedVersion);
      const before = snapshot(record);
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined) Object.assign(record, { [key]: value });
      }
      record.updatedAt = this.clock.now();
      await tx.save(record);
      await this.audit.record(tx, {
        action: 'tjansteskrivelse.updated',
        entityType: 'tjansteskrivelse',
        entityId: record.id,
        municipalityId: principal.municipalityId,
        before,
        after: snapshot(record),
      });
      return record;
    });
  }
}
