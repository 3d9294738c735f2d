import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { Organs } from '@nf/tenancy';
import { TransactionRunner } from '@nf/database';
import { IsNull, Not } from 'typeorm';
import { DelegationDecision, DelegationPoint } from './meeting.entities';
import { assertMay } from './notices-and-delegation.rules';

const POINT_ORDER = new Intl.Collator('sv', { numeric: true });

/** The delegation order of an organ, as its points stand, and the decisions taken on it. */
@Injectable()
export class DelegationQueries {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly organs: Organs,
  ) {}

  /** The points in the order's own numbering: 6.1, 7.1, 10.1, 13.1 (not as strings sort). */
  async order(principal: Principal, organId: number): Promise<DelegationPoint[]> {
    const points = await this.transactions.run((tx) =>
      tx.find(DelegationPoint, { where: { organId, municipalityId: principal.municipalityId } }),
    );
    return points.sort((a, b) => POINT_ORDER.compare(a.code, b.code));
  }

  /**
   * The organ's delegated decisions, newest first; `flagged`: only those outside the order. Read
   * under the rule that registers them: another municipality's organ is not found, and an organ
   * the reader does not serve is refused.
   */
  async decisions(
    principal: Principal,
    organId: number,
    { flagged = false } = {},
  ): Promise<DelegationDecision[]> {
    await this.organs.get(principal, organId);
    assertMay(
      principal,
      Permission.DelegationRegister,
      organId,
      'You may not read the delegation decisions of this organ.',
    );
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
