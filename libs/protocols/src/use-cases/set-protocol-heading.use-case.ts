import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, zonedDateTimeToInstant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { MeetingQueries } from '@nf/meetings';
import { Municipalities } from '@nf/tenancy';
import { validateAttendance } from '../proceedings';
import { editableProtocol, ProtocolHeading, ProtocolSigners, touch } from '../protocol-edits';
import { SignerChecks } from '../signer-checks';

/**
 * Sets who attended, who signs (the chair and the justerare, checked against the seats and the
 * attendance), and when and where the protocol is adjusted (a draft only).
 */
@Injectable()
export class SetProtocolHeading {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly meetings: MeetingQueries,
    private readonly signers: SignerChecks,
  ) {}

  async execute(
    principal: Principal,
    protocolId: number,
    heading: ProtocolHeading,
    expectedVersion: number,
  ): Promise<void> {
    const municipality = await this.municipalities.getById(principal.municipalityId);
    if (heading.attendance) validateAttendance(heading.attendance);
    await this.transactions.run(async (tx) => {
      const protocol = await editableProtocol(tx, principal, protocolId, expectedVersion);
      const before = {
        attendance: protocol.attendance,
        chairUserId: protocol.chairUserId,
        adjusterUserIds: protocol.adjusterUserIds,
        justeringAt: protocol.justeringAt?.toISOString() ?? null,
        justeringPlace: protocol.justeringPlace,
      };
      if (heading.attendance) protocol.attendance = heading.attendance;
      const signers: ProtocolSigners = {
        chairUserId: heading.chairUserId ?? protocol.chairUserId,
        adjusterUserIds: heading.adjusterUserIds ?? protocol.adjusterUserIds,
      };
      if (heading.chairUserId !== undefined || heading.adjusterUserIds !== undefined) {
        await this.signers.checkCount(principal, protocol.organId, signers);
      }
      if (
        heading.attendance ||
        heading.chairUserId !== undefined ||
        heading.adjusterUserIds !== undefined
      ) {
        const meeting = await this.meetings.get(principal, protocol.meetingId, { tx });
        await this.signers.checkSeats(principal, meeting, signers, protocol.attendance);
      }
      protocol.chairUserId = signers.chairUserId;
      protocol.adjusterUserIds = signers.adjusterUserIds;
      if (heading.justeringAt !== undefined) {
        protocol.justeringAt = heading.justeringAt
          ? zonedDateTimeToInstant(
              heading.justeringAt.slice(0, 10),
              heading.justeringAt.slice(11, 16),
              municipality.timeZone,
            )
          : null;
      }
      if (heading.justeringPlace !== undefined) protocol.justeringPlace = heading.justeringPlace;
      await touch(tx, protocol, this.clock.now(), {
        attendance: protocol.attendance,
        chairUserId: protocol.chairUserId,
        adjusterUserIds: protocol.adjusterUserIds,
        justeringAt: protocol.justeringAt,
        justeringPlace: protocol.justeringPlace,
      });
      await this.audit.record(tx, {
        action: 'protocol.heading-updated',
        entityType: 'protocol',
        entityId: protocol.id,
        municipalityId: principal.municipalityId,
        before,
        after: {
          attendance: protocol.attendance,
          chairUserId: protocol.chairUserId,
          adjusterUserIds: protocol.adjusterUserIds,
          justeringAt: protocol.justeringAt?.toISOString() ?? null,
          justeringPlace: protocol.justeringPlace,
        },
      });
    });
  }
}
