import { Injectable } from '@nestjs/common';
import type { Tenant } from '@nf/common';
import type { EntityManager } from 'typeorm';
import { Meeting } from './meeting.entities';

/**
 * What happens to a meeting after it was held, as the protocols context learns it: its protocol
 * adjusted, then posted on the anslagstavla. Runs in the caller's transaction, so the meeting's
 * status changes with the protocol's (the caller audits the change it makes).
 */
@Injectable()
export class RecordMeetingStatus {
  async execute(
    tx: EntityManager,
    tenant: Tenant,
    meetingId: number,
    status: Extract<Meeting['status'], 'adjusted' | 'posted'>,
    at: Date,
  ): Promise<void> {
    await tx.update(
      Meeting,
      { id: meetingId, municipalityId: tenant.municipalityId },
      { status, updatedAt: at },
    );
  }
}
