import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { TransactionRunner } from '@nf/database';
import { DelegationPoint } from './meeting.entities';

/** The delegation order of an organ, as its points stand. */
@Injectable()
export class DelegationQueries {
  constructor(private readonly transactions: TransactionRunner) {}

  order(principal: Principal, organId: number): Promise<DelegationPoint[]> {
    return this.transactions.run((tx) =>
      tx.find(DelegationPoint, {
        where: { organId, municipalityId: principal.municipalityId },
        order: { code: 'ASC' },
      }),
    );
  }
}
