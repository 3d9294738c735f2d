import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Organs } from '@nf/tenancy';
import { DelegationPoint } from '../meeting.entities';
import { assertMay } from '../notices-and-delegation.rules';

/** Replaces the organ's delegation order with these points. */
@Injectable()
export class ImportDelegationOrder {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly organs: Organs,
    private readonly audit: AuditLog,
  ) {}

  async execute(
    principal: Principal,
    organId: number,
    points: Array<{ code: string; text: string; delegates?: string | null }>,
  ): Promise<DelegationPoint[]> {
    await this.organs.get(principal, organId);
    assertMay(
      principal,
      Permission.MeetingsManage,
      organId,
      'The delegation order is kept by the secretary of the organ.',
    );
    if (new Set(points.map((point) => point.code)).size !== points.length) {
      throw new ValidationProblem([{ field: 'points', message: 'each point code once' }]);
    }
    return this.transactions.run(async (tx) => {
      const before = await tx.find(DelegationPoint, {
        where: { organId, municipalityId: principal.municipalityId },
      });
      await tx.delete(DelegationPoint, { organId, municipalityId: principal.municipalityId });
      const rows = points.map((point) =>
        tx.create(DelegationPoint, {
          municipalityId: principal.municipalityId,
          organId,
          code: point.code,
          text: point.text,
          delegates: point.delegates ?? null,
        }),
      );
      if (rows.length) await tx.save(rows);
      await this.audit.record(tx, {
        action: 'delegation-order.imported',
        entityType: 'organ',
        entityId: organId,
        municipalityId: principal.municipalityId,
        before: { points: before.map((point) => point.code) },
        after: { points: rows.map((point) => point.code) },
      });
      return rows;
    });
  }
}
