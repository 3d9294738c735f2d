import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Organs } from '@nf/tenancy';
import { In, Not } from 'typeorm';
import { DelegationPoint } from '../meeting.entities';
import { assertMay, DelegationPointInput } from '../notices-and-delegation.rules';

/**
 * Replaces the organ's delegation order with these points. A point kept by its code keeps its id
 * (the decisions taken under it still link to it); at most one point is the urgent decisions' one.
 */
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
    points: DelegationPointInput[],
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
    if (points.filter((point) => point.urgent).length > 1) {
      throw new ValidationProblem([
        { field: 'points', message: 'one point at most is the one for urgent decisions' },
      ]);
    }
    const { municipalityId } = principal;
    return this.transactions.run(async (tx) => {
      const before = await tx.find(DelegationPoint, { where: { organId, municipalityId } });
      const byCode = new Map(before.map((point) => [point.code, point]));
      const codes = points.map((point) => point.code);
      await tx.delete(DelegationPoint, {
        organId,
        municipalityId,
        ...(codes.length ? { code: Not(In(codes)) } : {}),
      });
      const rows = points.map((point) =>
        tx.merge(
          DelegationPoint,
          byCode.get(point.code) ?? tx.create(DelegationPoint, { organId, municipalityId }),
          {
            code: point.code,
            text: point.text,
            delegates: point.delegates ?? null,
            substitutes: point.substitutes ?? null,
            lagrum: point.lagrum ?? null,
            limitAmount: point.limitAmount ?? null,
            limitMatters: point.limitMatters ?? null,
            mustReport: point.mustReport ?? true,
            urgent: point.urgent ?? false,
          },
        ),
      );
      if (rows.length) await tx.save(rows);
      await this.audit.record(tx, {
        action: 'delegation-order.imported',
        entityType: 'organ',
        entityId: organId,
        municipalityId: principal.municipalityId,
        before: { points: before.map(pointRecord) },
        after: { points: rows.map(pointRecord) },
      });
      return rows;
    });
  }
}

/** A point as the audit keeps it: everything but its text, which the order's own record holds. */
function pointRecord({
  code,
  delegates,
  substitutes,
  lagrum,
  limitAmount,
  limitMatters,
  mustReport,
  urgent,
}: DelegationPoint) {
  return { code, delegates, substitutes, lagrum, limitAmount, limitMatters, mustReport, urgent };
}
