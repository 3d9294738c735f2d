import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import {
  ConflictProblem,
  type LocalDate,
  NotFoundProblem,
  Tenant,
  ValidationProblem,
} from '@nf/common';
import { Users } from '@nf/identity';
import { Outbox } from '@nf/queue';
import { CaseQueries } from '@nf/registry';
import { Organs } from '@nf/tenancy';
import { EntityManager } from 'typeorm';
import { Obligation, ObligationKind } from './followup.entities';
import { Recurrence } from './recurrence';

/** Lead time and reminders when the obligation does not say: open a month ahead, remind twice. */
export const DEFAULT_LEAD_DAYS = 30;
export const DEFAULT_REMINDER_DAYS = [14, 3];

/**
 * The reminders, in days before the due date, once each and earliest first; refused (422) unless
 * each comes after the follow-up case opens (`leadDays` before).
 */
export function reminderSchedule(leadDays: number, reminderDays: number[]): number[] {
  const days = [...new Set(reminderDays)].sort((a, b) => b - a);
  if (days.some((day) => day >= leadDays)) {
    throw new ValidationProblem([
      {
        field: 'reminderDays',
        message: `reminders come after the case opens (${leadDays} days before)`,
      },
    ]);
  }
  return days;
}

export interface NewObligation {
  kind?: ObligationKind;
  title: string;
  caseId?: number | null;
  /** The board whose report it is (annual follow-ups). */
  organId?: number | null;
  responsibleUserId?: number | null;
  reportOrganId?: number | null;
  /** A confirmed rule (from the phrase reader or typed), or null for a single due date. */
  rrule: string | null;
  firstDue: LocalDate;
  leadDays?: number;
  reminderDays?: number[];
}

export async function lockProposed(
  tx: EntityManager,
  tenant: Tenant,
  id: number,
): Promise<Obligation> {
  const obligation = await tx.findOne(Obligation, {
    where: { id, municipalityId: tenant.municipalityId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!obligation) throw new NotFoundProblem('obligation', id);
  if (obligation.status !== 'proposed') {
    throw new ConflictProblem(
      'obligation-not-proposed',
      `The obligation is ${obligation.status}: only a proposed one can be confirmed or dismissed.`,
    );
  }
  return obligation;
}

/** The job that plans the first occurrence of an obligation that has just become active. */
export async function planFirst(
  outbox: Outbox,
  tx: EntityManager,
  tenant: Tenant,
  obligationId: number,
): Promise<void> {
  await outbox.enqueue(
    tx,
    'followups.plan',
    { municipalityId: tenant.municipalityId, obligationId },
    { municipalityId: tenant.municipalityId },
  );
}

/** The rule read and an obligation's references checked against the tenant, before anything is written. */
@Injectable()
export class ObligationChecks {
  constructor(
    private readonly cases: CaseQueries,
    private readonly organs: Organs,
    private readonly users: Users,
  ) {}

  async checked(principal: Principal | Tenant, command: NewObligation) {
    const recurrence = Recurrence.of(command.rrule, command.firstDue);
    const leadDays = command.leadDays ?? DEFAULT_LEAD_DAYS;
    const reminderDays = reminderSchedule(leadDays, command.reminderDays ?? DEFAULT_REMINDER_DAYS);
    if (command.caseId) await this.cases.get(principal, command.caseId);
    if (command.reportOrganId) await this.organs.get(principal, command.reportOrganId);
    if (command.organId) await this.organs.get(principal, command.organId);
    if (command.responsibleUserId) {
      await this.users.get(principal, command.responsibleUserId).catch(() => {
        throw new ValidationProblem([
          { field: 'responsibleUserId', message: `no user ${command.responsibleUserId}` },
        ]);
      });
    }
    return { recurrence, leadDays, reminderDays };
  }
}
