import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { addDays, Clock, type LocalDate, type Tenant, zonedDateTimeToInstant } from '@nf/common';
import { isNonWorkingDay } from '@nf/protocols-jobs';
import { Outbox } from '@nf/queue';
import { EntityManager } from 'typeorm';
import { Wakeup, WakeupKind } from '../followup.entities';
import { cancelPendingWakeups } from '../pending-wakeups';

/** When in the (local) day each kind of wake-up goes off. */
export const WAKEUP_TIMES: Record<WakeupKind, string> = {
  open: '07:00',
  remind: '08:00',
  late: '08:00',
  passed: '08:00',
};

/**
 * Where a wake-up lands when its day is a weekend or a public holiday: an opening and a reminder
 * before the due date come on the working day before (so nobody is told on a Saturday and the
 * warning keeps its lead); a late notice, or one that a period has run out, on the working day
 * after.
 */
export function onWorkingDay(date: LocalDate, kind: WakeupKind): LocalDate {
  const step = kind === 'late' || kind === 'passed' ? 1 : -1;
  let day = date;
  while (isNonWorkingDay(day)) day = addDays(day, step);
  return day;
}

/** The instant a wake-up of `kind` for `day` goes off: its time of day, on a working day. */
export function wakeupInstant(day: LocalDate, kind: WakeupKind, timeZone: string): Date {
  return zonedDateTimeToInstant(onWorkingDay(day, kind), WAKEUP_TIMES[kind], timeZone);
}

export class StaleWakeup extends Error {}

/**
 * The wake-up rows shared by obligations and legal deadlines: armed as a delayed job carrying
 * their version (through the outbox, in the caller's transaction), claimed under a row lock by the
 * one run that does their work, and marked done with their audit entry.
 */
@Injectable()
export class WakeupRows {
  constructor(
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async add(tx: EntityManager, fields: Omit<Wakeup, 'id' | 'version' | 'firedAt' | 'status'>) {
    const wakeup = await tx.save(
      tx.create(Wakeup, { ...fields, status: 'pending', version: 1, firedAt: null }),
    );
    await this.arm(tx, wakeup);
    return wakeup;
  }

  /** The delayed job that wakes a wake-up at its time, for its current version. */
  async arm(tx: EntityManager, wakeup: Wakeup): Promise<void> {
    await this.outbox.enqueue(
      tx,
      'followups.wake',
      { municipalityId: wakeup.municipalityId, wakeupId: wakeup.id, version: wakeup.version },
      { municipalityId: wakeup.municipalityId, availableAt: wakeup.firesAt },
    );
  }

  /** Locks the wake-up; another run that got there first makes this one stand down. */
  async claim(
    tx: EntityManager,
    tenant: Tenant,
    wakeupId: number,
    version: number,
  ): Promise<Wakeup> {
    const current = await tx.findOne(Wakeup, {
      where: { id: wakeupId, municipalityId: tenant.municipalityId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!current || current.status !== 'pending' || current.version !== version) {
      throw new StaleWakeup(`wake-up ${wakeupId} v${version} was done by another run`);
    }
    return current;
  }

  async done(tx: EntityManager, wakeup: Wakeup, action: string): Promise<void> {
    const now = this.clock.now();
    await tx.update(
      Wakeup,
      { id: wakeup.id, municipalityId: wakeup.municipalityId },
      { status: 'done', firedAt: now },
    );
    await this.audit.record(tx, {
      action,
      entityType: 'wakeup',
      entityId: wakeup.id,
      municipalityId: wakeup.municipalityId,
      after: {
        occurrenceId: wakeup.occurrenceId,
        deadlineId: wakeup.deadlineId,
        firesAt: wakeup.firesAt.toISOString(),
        lateMs: now.getTime() - wakeup.firesAt.getTime(),
      },
    });
  }

  /** Cancels what is still pending of an occurrence or a deadline; returns how many. */
  cancelPending(
    tx: EntityManager,
    tenant: Tenant,
    where: { occurrenceId: number } | { deadlineId: number },
  ): Promise<number> {
    return cancelPendingWakeups(tx, tenant, where);
  }
}
