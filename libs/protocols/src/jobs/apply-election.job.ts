import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@nf/database';
import { JobContext, JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { AddMembership, Memberships } from '@nf/tenancy';
import { Paragraph } from '../protocol.entities';

/**
 * An adjusted election's outcome: each person elected gets the seat (organ, role, period) in the
 * memberships, as any other outcome follows justering. A seat already written (the job run twice)
 * is not written again; an elected candidate who is not a person in the register is reported, not
 * guessed at.
 */
@Injectable()
export class ApplyElection {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly memberships: Memberships,
    private readonly addMembership: AddMembership,
  ) {}

  @JobHandler('protocols.apply-election')
  async handle(
    { municipalityId, paragraphId }: JobPayloads['protocols.apply-election'],
    context?: JobContext,
  ): Promise<JobOutcome> {
    const tenant = { municipalityId };
    return this.transactions.run(async (tx) => {
      // Locked: a second run of the job waits here, then finds the seats written.
      const paragraph = await tx.findOne(Paragraph, {
        where: { id: paragraphId, municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      const election = paragraph?.proceedings?.val;
      let outcome: JobOutcome;
      if (
        !paragraph ||
        paragraph.adjustedAt === null ||
        paragraph.outcome !== 'election' ||
        !election
      ) {
        outcome = { status: 'skipped', reason: `paragraph ${paragraphId} is no adjusted election` };
      } else {
        const { seat } = election;
        const held = await this.memberships.listForOrgan(tenant, seat.organId);
        const written: string[] = [];
        const unknown: string[] = [];
        for (const elected of election.elected) {
          if (elected.personId === null) {
            unknown.push(elected.name);
            continue;
          }
          const already = held.some(
            (membership) =>
              membership.personId === elected.personId &&
              membership.role === seat.role &&
              membership.validFrom === seat.validFrom,
          );
          if (already) continue;
          await this.addMembership.execute(
            tenant,
            null,
            {
              organId: seat.organId,
              personId: elected.personId,
              role: seat.role,
              party: elected.party ?? null,
              validFrom: seat.validFrom,
              validTo: seat.validTo,
            },
            tx,
          );
          written.push(elected.name);
        }
        const missing = unknown.length ? `; not in the register: ${unknown.join(', ')}` : '';
        outcome = written.length
          ? { status: 'done', detail: `§ ${paragraph.number}: ${written.join(', ')}${missing}` }
          : { status: 'skipped', reason: `the seats are written already${missing}` };
      }
      await context?.confirmOutboxIn(tx);
      return outcome;
    });
  }
}
