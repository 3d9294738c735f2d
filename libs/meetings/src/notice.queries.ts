import { Injectable } from '@nestjs/common';
import { Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { In, IsNull, MoreThan, Not } from 'typeorm';
import { Notice } from './meeting.entities';

/** The notices others read: the remisses with a day to answer by, for the follow-ups. */
@Injectable()
export class NoticeQueries {
  constructor(private readonly transactions: TransactionRunner) {}

  /** Remisses with an answer day registered after `afterId`, oldest first. */
  remissesAfter(tenant: Tenant, afterId: number, limit: number): Promise<Notice[]> {
    return this.transactions.run((tx) =>
      tx.find(Notice, {
        where: {
          municipalityId: tenant.municipalityId,
          kind: 'remiss',
          answerBy: Not(IsNull()),
          id: MoreThan(afterId),
        },
        order: { id: 'ASC' },
        take: limit,
      }),
    );
  }

  /** When each of these remisses was answered or declined (those still open are left out). */
  async settledAt(tenant: Tenant, ids: number[]): Promise<Map<number, Date>> {
    if (ids.length === 0) return new Map();
    const rows = await this.transactions.run((tx) =>
      tx.find(Notice, {
        where: { municipalityId: tenant.municipalityId, id: In(ids), settledAt: Not(IsNull()) },
      }),
    );
    return new Map(rows.map((row) => [row.id, row.settledAt!]));
  }
}
