import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import {
  assertCurrentVersion,
  Clock,
  ConflictProblem,
  ForbiddenProblem,
  NotFoundProblem,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { DataSource, EntityManager } from 'typeorm';
import { AgendaItem } from '../meeting.entities';
import { MeetingQueries } from '../meeting.queries';
import { PrivateNote } from './private-note.entity';

export interface PrivateNoteView {
  agendaItemId: number;
  text: string;
  updatedAt: string;
  version: number;
}

const view = (note: PrivateNote): PrivateNoteView => ({
  agendaItemId: note.agendaItemId,
  text: note.text,
  updatedAt: note.updatedAt.toISOString(),
  version: note.version,
});

/**
 * A member's private notes on a meeting's agenda items: written, read and deleted by their author
 * only — every read and write is keyed by the caller's own user id, so no role reaches another's.
 * A person's notes only (a service token has no reading of its own: 403). The audit log records
 * that a note was written or deleted, on which item, and never its text.
 */
@Injectable()
export class PrivateNotes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly meetings: MeetingQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The caller's notes on the meeting's items, in agenda order. */
  async mine(principal: Principal, meetingId: number): Promise<PrivateNoteView[]> {
    this.assertPerson(principal);
    await this.meetings.get(principal, meetingId);
    const notes = await this.dataSource.manager
      .createQueryBuilder(PrivateNote, 'n')
      .innerJoin(
        AgendaItem,
        'i',
        'i.id = n.agenda_item_id AND i.municipality_id = n.municipality_id',
      )
      .where('n.municipality_id = :municipalityId', { municipalityId: principal.municipalityId })
      .andWhere('n.user_id = :userId', { userId: principal.userId })
      .andWhere('n.meeting_id = :meetingId', { meetingId })
      .orderBy('i.ordinal')
      .getMany();
    return notes.map(view);
  }

  /**
   * Writes the caller's note on an item: a new one (no `version`), or a change of the one they
   * read (`version`; 409 stale-version when another tab of theirs saved in between).
   */
  async write(
    principal: Principal,
    meetingId: number,
    itemId: number,
    change: { text: string; version?: number },
  ): Promise<PrivateNoteView> {
    this.assertPerson(principal);
    return this.transactions.run(async (tx) => {
      await this.itemOf(tx, principal, meetingId, itemId);
      const now = this.clock.now();
      const existing = await this.lockedNote(tx, principal, itemId);
      let note: PrivateNote;
      if (existing) {
        assertCurrentVersion('note', existing.version, change.version);
        await tx.update(
          PrivateNote,
          { id: existing.id, municipalityId: principal.municipalityId },
          { text: change.text, updatedAt: now, version: existing.version + 1 },
        );
        note = { ...existing, text: change.text, updatedAt: now, version: existing.version + 1 };
      } else {
        if (change.version !== undefined) {
          throw new ConflictProblem(
            'stale-version',
            'The note was deleted in the meantime. Reload and try again.',
          );
        }
        note = await tx.save(
          tx.create(PrivateNote, {
            municipalityId: principal.municipalityId,
            userId: principal.userId,
            meetingId,
            agendaItemId: itemId,
            text: change.text,
            createdAt: now,
            updatedAt: now,
          }),
        );
      }
      await this.audit.record(tx, {
        action: 'private-note.written',
        entityType: 'private-note',
        entityId: note.id,
        municipalityId: principal.municipalityId,
        // Which item, never what the note says.
        after: { meetingId, agendaItemId: itemId },
      });
      return view(note);
    });
  }

  /** Deletes the caller's note on an item (404 when they have none). */
  async remove(principal: Principal, meetingId: number, itemId: number): Promise<void> {
    this.assertPerson(principal);
    await this.transactions.run(async (tx) => {
      await this.itemOf(tx, principal, meetingId, itemId);
      const note = await this.lockedNote(tx, principal, itemId);
      if (!note) throw new NotFoundProblem('note', itemId);
      await tx.delete(PrivateNote, { id: note.id, municipalityId: principal.municipalityId });
      await this.audit.record(tx, {
        action: 'private-note.deleted',
        entityType: 'private-note',
        entityId: note.id,
        municipalityId: principal.municipalityId,
        before: { meetingId, agendaItemId: itemId },
      });
    });
  }

  private assertPerson(principal: Principal): void {
    if (principal.kind !== 'person') {
      throw new ForbiddenProblem('Private notes are a person’s own; a service token has none.');
    }
  }

  private async itemOf(tx: EntityManager, principal: Principal, meetingId: number, itemId: number) {
    await this.meetings.get(principal, meetingId, { tx });
    const item = await tx.findOne(AgendaItem, {
      where: { id: itemId, meetingId, municipalityId: principal.municipalityId },
    });
    if (!item) throw new NotFoundProblem('agenda item', itemId);
    return item;
  }

  private lockedNote(tx: EntityManager, principal: Principal, itemId: number) {
    return tx.findOne(PrivateNote, {
      where: {
        municipalityId: principal.municipalityId,
        userId: principal.userId,
        agendaItemId: itemId,
      },
      lock: { mode: 'pessimistic_write' },
    });
  }
}
