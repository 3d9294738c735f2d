import { idColumn } from '@nf/database';
import { Column, Entity } from 'typeorm';

/** When a member last opened a meeting in the reading room: theirs alone, like their notes. */
@Entity({ name: 'meeting_reads' })
export class MeetingRead {
  @Column({ ...idColumn('user_id'), primary: true })
  userId: number;

  @Column({ ...idColumn('meeting_id'), primary: true })
  meetingId: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column({ name: 'opened_at', type: 'datetime', precision: 3 })
  openedAt: Date;
}
