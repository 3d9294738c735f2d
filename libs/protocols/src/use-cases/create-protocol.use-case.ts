import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, localYear } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { MeetingQueries } from '@nf/meetings';
import { Municipalities } from '@nf/tenancy';
import { RouteQueries } from '@nf/workflow';
import { Attendance, validateAttendance } from '../proceedings';
import { assertSecretary, ProtocolSigners } from '../protocol-edits';
import { Paragraph, Protocol } from '../protocol.entities';
import { SignerChecks } from '../signer-checks';

/**
 * Opens the protocol of a held meeting: a paragraph for each agenda item, a case's outcome
 * proposed from its route step (a proposing organ proposes, the deciding organ decides), and
 * the chair and justerare who will adjust it.
 */
@Injectable()
export class CreateProtocol {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly meetings: MeetingQueries,
    private readonly routeSteps: RouteQueries,
    private readonly signers: SignerChecks,
  ) {}

  async execute(
    principal: Principal,
    meetingId: number,
    signers: ProtocolSigners & { attendance?: Attendance },
  ): Promise<Protocol> {
    const municipality = await this.municipalities.getById(principal.municipalityId);
    if (signers.attendance) validateAttendance(signers.attendance);
    return this.transactions.run(async (tx) => {
      const meeting = await this.meetings.get(principal, meetingId, { tx, lock: true });
      assertSecretary(principal, meeting.organId);
      await this.signers.checkCount(principal, meeting.organId, signers);
      if (meeting.status !== 'summoned') {
        throw new ConflictProblem('meeting-not-summoned', `The meeting is ${meeting.status}.`);
      }
      await this.signers.checkSeats(principal, meeting, signers, signers.attendance ?? null);
      const now = this.clock.now();
      const protocol = tx.create(Protocol, {
        municipalityId: principal.municipalityId,
        meetingId: meeting.id,
        organId: meeting.organId,
        status: 'draft',
        chairUserId: signers.chairUserId,
        adjusterUserIds: signers.adjusterUserIds,
        attendance: signers.attendance ?? null,
        justeringAt: null,
        justeringPlace: null,
        contentHash: null,
        lockedAt: null,
        adjustedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      await tx
        .save(protocol)
        .catch((error: { errno?: number; driverError?: { errno?: number } }) => {
          if ((error.driverError?.errno ?? error.errno) === 1062) {
            throw new ConflictProblem('protocol-exists', 'The meeting has a protocol already.');
          }
          throw error;
        });
      const items = await this.meetings.items(principal, meeting.id, tx);
      const roles = await this.routeSteps.roles(
        tx,
        principal,
        items.map((item) => item.routeStepId).filter((id): id is number => id !== null),
      );
      const year = localYear(meeting.startsAt, municipality.timeZone);
      const paragraphs = items.map((item) =>
        tx.create(Paragraph, {
          municipalityId: principal.municipalityId,
          protocolId: protocol.id,
          organId: meeting.organId,
          year,
          ordinal: item.ordinal,
          number: null,
          heading: item.title,
          caseId: item.kind === 'case' ? item.caseId : null,
          routeStepId: item.routeStepId,
          routeRound: item.routeRound,
          outcome:
            item.kind !== 'case'
              ? 'standing'
              : roles.get(item.routeStepId ?? 0) === 'decide'
                ? 'decision'
                : 'proposal',
          decisionText: item.proposalText,
          motionAnswer: null,
          proceedings: null,
          immediateHash: null,
          adjustedAt: null,
        }),
      );
      if (paragraphs.length) await tx.save(paragraphs);
      meeting.status = 'held';
      meeting.updatedAt = now;
      await tx.save(meeting);
      await this.audit.record(tx, {
        action: 'protocol.created',
        entityType: 'protocol',
        entityId: protocol.id,
        municipalityId: principal.municipalityId,
        after: {
          meetingId: meeting.id,
          paragraphs: paragraphs.length,
          chairUserId: signers.chairUserId,
          adjusterUserIds: signers.adjusterUserIds,
          attendance: signers.attendance ?? null,
        },
      });
      return protocol;
    });
  }
}
