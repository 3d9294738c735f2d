import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { TransactionRunner } from '@nf/database';
import { IsNull, Not } from 'typeorm';
import { DelegationDecision, DelegationPoint } from './meeting.entities';

const POINT_ORDER = new Intl.Collator('sv', { numeric: true });

/** The delegation order of an organ, as its points stand, and the decisions taken on it. */
@Injectable()
export class DelegationQueries {
  constructor(private readonly transactions: TransactionRunner) {}

  /** The points in the order's own numbering: 6.1, 7.1, 10.1, 13.1 (not as strings sort). */
  async order(principal: Principal, organId: number): Promise<DelegationPoint[]> {
    const points = await this.transactions.run((tx) =>
      tx.find(DelegationPoint, { where: { organId, municipalityId: principal.municipalityId } }),
    );
    return points.sort((a, b) => POINT_ORDER.compare(a.code, b.code));
  }

  /** The organ's delegated decisions, newest first; `flagged`: only those outside the order. */
  decisions(
    principal: Principal,
    organId: number,
    { flagged = false } = {},
  ): Promise<DelegationDecision[]> {
    return this.transactions.run((tx) =>
      tx.find(DelegationDecision, {
        where: {
          organId,
          municipalityId: principal.municipalityId,
          ...(flagged ? { outsideOrder: Not(IsNull()) } : {}),
        },
        order: { id: 'DESC' },
        take: 500,
      }),
    );
  }
}
