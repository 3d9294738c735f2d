import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant, assertCurrentVersion } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import { snapshot, secrecyChanged } from './case.commands';
import { Case } from './case.entity';
import { CaseQueries } from './case.queries';

/** Marks a case secret under an OSL provision (with the title the public sees), or lifts it. */

@Injectable()
export class MarkCaseSecrecy {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly queries: CaseQueries,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tenant: Tenant,
    actorId: number | null,
    id: number,
    secrecy: { osl: string | null; publicTitle?: string | null },
    expectedVersion?: number,
  ): Promise<Case> {
    return this.transactions.run(async (tx) => {
      const record = await this.queries.repository.getForUpdate(tx, tenant, id);
      assertCurrentVersion('case', record.version, expectedVersion);
      const before = snapshot(record);
      const now = this.clock.now();
      record.secrecyOsl = secrecy.osl;
      record.secrecyMarkedBy = secrecy.osl ? actorId : null;
      record.secrecyMarkedAt = secrecy.osl ? now : null;
      record.publicTitle = secrecy.osl ? (secrecy.publicTitle ?? record.publicTitle) : null;
      record.updatedAt = now;
      await tx.save(record);
      if (before.secrecyOsl !== record.secrecyOsl || before.publicTitle !== record.publicTitle) {
        await secrecyChanged(this.outbox, tx, tenant, record.id);
      }
      await this.audit.record(tx, {
        action: secrecy.osl ? 'case.secrecy-marked' : 'case.secrecy-lifted',
        entityType: 'case',
        entityId: record.id,
        municipalityId: tenant.municipalityId,
        before,
        after: snapshot(record),
      });
      return record;
    });
  }
}
