import { Permission, Principal } from '@nf/access';
import {
  assertCurrentVersion,
  ConflictProblem,
  ForbiddenProblem,
  NotFoundProblem,
  zonedDateTimeToInstant,
} from '@nf/common';
import type { AgendaPlacements } from '@nf/workflow';
import { EntityManager } from 'typeorm';
import { AgendaItem, Meeting } from './meeting.entities';

/** What the agenda use cases share: the commands, the meeting locked for an edit, its items. */

export interface CreateMeetingCommand {
  organId: number;
  /** Local date and time, `2023-12-11T09:00`. */
  startsAt: string;
  endsAt?: string | null;
  place: string;
  secretaryName?: string | null;
  chairName?: string | null;
  /** A nämnd's decision that the meeting is open to the public (KF's always are). */
  openToPublic?: boolean;
}

export type AddAgendaItemCommand =
  | { kind: 'case'; caseId: number; closedOsl?: string | null }
  | { kind: 'information'; title: string; closedOsl?: string | null }
  | { kind: 'motion-report'; title?: string };

export interface UpdateAgendaItemCommand {
  title?: string;
  closedOsl?: string | null;
  /** A case the item refers to without being its route step (the Meddelanden item's own case). */
  caseId?: number | null;
}

export const OPEN_STATUSES = ['planned', 'summoned'] as const;

/** "2023-12-11T09:00" in the municipality's zone → the instant. */
export function instantOf(local: string, timeZone: string): Date {
  const [date, time] = local.split('T');
  return zonedDateTimeToInstant(date, time.slice(0, 5), timeZone);
}

export function snapshot(meeting: Meeting) {
  return {
    organId: meeting.organId,
    startsAt: meeting.startsAt.toISOString(),
    place: meeting.place,
    status: meeting.status,
    kallelseVersion: meeting.kallelseVersion,
  };
}

/** The meeting locked for an agenda edit: of the tenant, open, the caller's, and not stale. */
export async function lockForEdit(
  tx: EntityManager,
  principal: Principal,
  meetingId: number,
  expectedVersion: number | undefined,
): Promise<Meeting> {
  const meeting = await tx.findOne(Meeting, {
    where: { id: meetingId, municipalityId: principal.municipalityId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!meeting) throw new NotFoundProblem('meeting', meetingId);
  if (!principal.can(Permission.MeetingsManage, { organId: meeting.organId })) {
    throw new ForbiddenProblem('The agenda is kept by the secretary of the organ.');
  }
  if (!(OPEN_STATUSES as readonly string[]).includes(meeting.status)) {
    throw new ConflictProblem('meeting-closed', `The meeting is ${meeting.status}.`);
  }
  assertCurrentVersion('agenda', meeting.version, expectedVersion);
  return meeting;
}

/** Saves the edit's new version of the meeting; after a kallelse, a tilläggskallelse is due. */
export async function touch(tx: EntityManager, meeting: Meeting, now: Date): Promise<void> {
  // Later than the last edit, even within its millisecond: the save then always writes the row,
  // so the version goes up and a second edit with the same version is refused.
  meeting.updatedAt = new Date(Math.max(now.getTime(), meeting.updatedAt.getTime() + 1));
  if (meeting.kallelseVersion > 0) meeting.agendaChangedAfterKallelse = true;
  await tx.save(meeting);
}

export async function itemsOf(tx: EntityManager, meeting: Meeting): Promise<AgendaItem[]> {
  return tx.find(AgendaItem, {
    where: { meetingId: meeting.id, municipalityId: meeting.municipalityId },
    order: { ordinal: 'ASC' },
  });
}

/** Takes the case off the open agenda it was on: it is ready for the organ again. */
export async function releaseCase(
  tx: EntityManager,
  placements: AgendaPlacements,
  item: AgendaItem,
): Promise<void> {
  if (item.kind !== 'case' || item.routeStepId === null) return;
  await placements.release(tx, item, item.routeStepId, item.meetingId);
}

/** Gives the items the ordinals 1, 2, … in the order given. */
export async function renumber(tx: EntityManager, ordered: AgendaItem[]): Promise<void> {
  for (const [index, item] of ordered.entries()) {
    if (item.ordinal !== index + 1) {
      await tx.update(
        AgendaItem,
        { id: item.id, municipalityId: item.municipalityId },
        { ordinal: index + 1 },
      );
      item.ordinal = index + 1;
    }
  }
}
