import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, NotFoundProblem, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { MeetingQueries } from '@nf/meetings';
import { CaseQueries } from '@nf/registry';
import { Organs } from '@nf/tenancy';
import { assertMayWriteOff, MotionQueries } from '@nf/workflow';
import { countElection, type Election } from '../election';
import { Attendance, countVotes, NO_PROCEEDINGS, Proceedings, votersOf } from '../proceedings';
import {
  editableProtocol,
  ElectionChange,
  ParagraphChange,
  PROCEEDINGS_FIELDS,
  touch,
} from '../protocol-edits';
import { Paragraph } from '../protocol.entities';
import { SignerChecks } from '../signer-checks';

/** What a paragraph without a case can record: a decision of its own (it moves no route). */
const CASELESS_OUTCOMES = new Set<string>(['standing', 'decision', 'information']);

/**
 * Edits a paragraph of a draft protocol: its outcome and decision, and what happened under it
 * (yrkanden, propositionsordning, the vote, reservations, jäv, notes, expediering). A vote is
 * counted here, among the members present and the substitutes serving, less those with jäv.
 */
@Injectable()
export class UpdateParagraph {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly signers: SignerChecks,
    private readonly organs: Organs,
    private readonly motions: MotionQueries,
    private readonly meetings: MeetingQueries,
    private readonly cases: CaseQueries,
  ) {}

  async execute(
    principal: Principal,
    protocolId: number,
    paragraphId: number,
    change: ParagraphChange,
    expectedVersion: number,
  ): Promise<void> {
    await this.transactions.run(async (tx) => {
      const protocol = await editableProtocol(tx, principal, protocolId, expectedVersion);
      const paragraph = await tx.findOne(Paragraph, {
        where: { id: paragraphId, protocolId, municipalityId: protocol.municipalityId },
      });
      if (!paragraph) throw new NotFoundProblem('paragraph', paragraphId);
      if (paragraph.immediateHash !== null) {
        throw new ConflictProblem(
          'paragraph-frozen',
          'The paragraph is put to immediate justering and no longer changes.',
        );
      }
      if (change.outcome && !CASELESS_OUTCOMES.has(change.outcome) && paragraph.caseId === null) {
        throw new ValidationProblem([
          { field: 'outcome', message: 'a paragraph without a case has no route outcome' },
        ]);
      }
      const before = {
        outcome: paragraph.outcome,
        decisionText: paragraph.decisionText,
        proceedings: paragraph.proceedings,
      };
      const proceedings: Proceedings = { ...NO_PROCEEDINGS, ...paragraph.proceedings };
      if (change.yrkanden) proceedings.yrkanden = change.yrkanden;
      if (change.propositionsordning !== undefined) {
        proceedings.propositionsordning = change.propositionsordning;
      }
      if (change.reservations) {
        proceedings.reservations = change.reservations.map((reservation) => ({
          member: reservation.member,
          reasons: reservation.reasons ?? null,
        }));
      }
      if (change.jav) proceedings.jav = change.jav;
      if (change.absent) proceedings.absent = change.absent;
      if (change.notes) proceedings.notes = change.notes;
      if (change.expediering) proceedings.expediering = change.expediering;
      if (change.avskrivna !== undefined) {
        proceedings.avskrivna = await this.writtenOff(
          principal,
          protocol.meetingId,
          paragraph,
          change.avskrivna,
        );
      }
      const outcome = change.outcome ?? paragraph.outcome;
      if (change.val && outcome !== 'election') {
        throw new ValidationProblem([
          {
            field: 'val',
            message: 'an election is recorded on a paragraph whose outcome is election',
          },
        ]);
      }
      if (change.val !== undefined) {
        proceedings.val = change.val && {
          ...(await this.electionOf(principal, change.val, protocol.attendance, [
            ...proceedings.jav,
            ...(proceedings.absent ?? []),
          ])),
        };
      }
      const vote =
        change.votering !== undefined
          ? change.votering
          : proceedings.votering && {
              question: proceedings.votering.question,
              ballots: proceedings.votering.ballots,
            };
      proceedings.votering = vote
        ? countVotes(vote.question, vote.ballots, {
            voters: votersOf(protocol.attendance),
            jav: proceedings.jav,
            absent: proceedings.absent ?? [],
            chair: await this.signers.displayName(principal, protocol.chairUserId),
          })
        : null;
      const voters = votersOf(protocol.attendance);
      const strangers = [...proceedings.reservations.map((reservation) => reservation.member)]
        .concat(proceedings.jav, proceedings.absent ?? [])
        .filter((name) => voters && !voters.has(name));
      if (strangers.length) {
        throw new ValidationProblem(
          strangers.map((name) => ({
            field: 'reservations',
            message: `${name} is not a member present or a substitute serving`,
          })),
        );
      }
      if (change.outcome !== undefined && change.outcome !== 'election' && proceedings.val) {
        proceedings.val = null;
      }
      if (change.outcome !== undefined) paragraph.outcome = change.outcome;
      if (change.decisionText !== undefined) paragraph.decisionText = change.decisionText;
      if (change.motionAnswer === 'avskriven' && paragraph.caseId !== null) {
        assertMayWriteOff(
          await this.motions.forCase(principal, paragraph.caseId),
          change.motionAnswer,
        );
      }
      if (change.motionAnswer !== undefined) paragraph.motionAnswer = change.motionAnswer;
      if (
        PROCEEDINGS_FIELDS.some((field) => change[field] !== undefined) ||
        (change.outcome !== undefined && (paragraph.proceedings?.val ?? null) !== proceedings.val)
      ) {
        paragraph.proceedings = proceedings;
      }
      await tx.save(paragraph);
      await touch(tx, protocol, this.clock.now());
      await this.audit.record(tx, {
        action: 'protocol.paragraph-updated',
        entityType: 'protocol',
        entityId: protocol.id,
        municipalityId: principal.municipalityId,
        before: { paragraphId, ...before },
        after: {
          paragraphId,
          outcome: paragraph.outcome,
          decisionText: paragraph.decisionText,
          proceedings: paragraph.proceedings,
        },
      });
    });
  }

  /**
   * The motions KF writes off on its motion report: only on the report's own paragraph, and only
   * motions the report lists (as its kallelse was published), each by its dnr for the protocol.
   */
  private async writtenOff(
    principal: Principal,
    meetingId: number,
    paragraph: Paragraph,
    caseIds: number[],
  ): Promise<Array<{ caseId: number; dnr: string }>> {
    if (caseIds.length === 0) return [];
    const { kallelse } = await this.meetings.newestKallelse(principal, meetingId);
    const report = kallelse.content.items.find(
      (item) => item.no === paragraph.ordinal && item.kind === 'motion-report',
    );
    if (!report) {
      throw new ValidationProblem([
        { field: 'avskrivna', message: 'motions are written off on the motion report’s paragraph' },
      ]);
    }
    const listed = new Set(report.motionCaseIds ?? []);
    const strangers = caseIds.filter((caseId) => !listed.has(caseId));
    if (strangers.length) {
      throw new ValidationProblem([
        {
          field: 'avskrivna',
          message: `the report does not list the motion(s) of case ${strangers.join(', ')}`,
        },
      ]);
    }
    const result: Array<{ caseId: number; dnr: string }> = [];
    for (const caseId of [...new Set(caseIds)]) {
      result.push({ caseId, dnr: (await this.cases.get(principal, caseId)).dnr });
    }
    return result;
  }

  /** The election counted among those who may vote, with its organ's name for the protocol. */
  private async electionOf(
    principal: Principal,
    change: ElectionChange,
    attendance: Attendance | null,
    jav: string[],
  ): Promise<Election> {
    const organ = await this.organs.get(principal, change.seat.organId);
    return countElection(
      {
        seat: {
          ...change.seat,
          organName: organ.name.charAt(0).toLowerCase() + organ.name.slice(1),
        },
        seats: change.seats ?? 1,
        nominations: change.nominations.map((nomination) => ({
          name: nomination.name,
          personId: nomination.personId ?? null,
          party: nomination.party ?? null,
        })),
        proportionalRequestedBy: change.proportionalRequestedBy ?? [],
        ballots: (change.ballots ?? []).map((ballot) => ({
          member: ballot.member,
          candidate: ballot.candidate ?? null,
        })),
        lottningDrawn: change.lottningDrawn ?? null,
        proportionalElected: change.proportionalElected ?? [],
      },
      votersOf(attendance),
      jav,
    );
  }
}
