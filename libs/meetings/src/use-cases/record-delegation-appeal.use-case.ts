import { Injectable } from '@nestjs/common';
import type { Tenant } from '@nf/common';
import { IsNull, type EntityManager } from 'typeorm';
import { DelegationDecision } from '../meeting.entities';

/**
 * The appeal period of the delegated decisions reported at a meeting, as the protocols context
 * learns it when that meeting's protocol is posted: a decision reported to the board is appealed
 * from the day the adjustment of the protocol it was reported in is announced on the anslagstavla
 * (KL 13 kap. 5 §, with 6 kap. 40 §), so it gets the same days as the board's own decisions. Runs
 * in the caller's transaction; a decision that has its period keeps it (the job may run twice).
 * Returns how many decisions took the period.
 */
@Injectable()
export class RecordDelegationAppeal {
  async execute(
    tx: EntityManager,
    tenant: Tenant,
    meetingId: number,
    period: { postedOn: string; appealEndsOn: string },
  ): Promise<number> {
    const reported = {
      meetingId,
      municipalityId: tenant.municipalityId,
      // An utskott's protocol reported here was announced on its own: its decisions' period ran
      // from that announcement, not from this one.
      sourceProtocolId: IsNull(),
    };
    await tx.update(
      DelegationDecision,
      { ...reported, appealPostedOn: IsNull() },
      { appealPostedOn: period.postedOn, appealEndsOn: period.appealEndsOn },
    );
    return tx.count(DelegationDecision, { where: reported });
  }
}
