import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity, VersionColumn } from 'typeorm';

/**
 * A member's own note on an agenda item, for their reading before the meeting. Only its author
 * ever reads it: no one else's request returns it (not a secretary's, not an admin's), the audit
 * log says that a note was written or deleted and never what it says, and no export carries it.
 */
@Entity({ name: 'private_notes' })
export class PrivateNote {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('user_id'))
  userId: number;

  @Column(idColumn('meeting_id'))
  meetingId: number;

  @Column(idColumn('agenda_item_id'))
  agendaItemId: number;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}
