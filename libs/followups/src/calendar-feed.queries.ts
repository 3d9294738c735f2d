import { Injectable } from '@nestjs/common';
import { addDays, Clock, formatSwedishDate, localDate, NotFoundProblem } from '@nf/common';
import { Users } from '@nf/identity';
import { MeetingQueries } from '@nf/meetings';
import { CaseQueries } from '@nf/registry';
import { isActiveOn, Memberships, Municipalities, Organs } from '@nf/tenancy';
import { calendarFeed, type FeedEvent } from '@nf/notifications';
import { DataSource } from 'typeorm';
import { followUpTitle, motionDeadlineTitle, publicTitleOf, secrecyOfRow } from './secret-titles';
import { dateOf, idOrNull } from './sql-values';
import { caseColumns, casesById } from './case-facts';
import { FEED_HISTORY_DAYS, hash, MEETING_HOURS } from './calendar-feed-tokens';

/**
 * Each user's calendar feed (ICS): the meetings of the organs they sit on or keep the minutes of,
 * the legal deadlines of those organs and of their cases, and the due dates of the follow-ups
 * they answer for. Read by calendar programs without logging in, through a secret token in the
 * address: only its hash is stored, and a new token replaces the old.
 */
@Injectable()
export class CalendarFeedQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly users: Users,
    private readonly municipalities: Municipalities,
    private readonly memberships: Memberships,
    private readonly organs: Organs,
    private readonly meetings: MeetingQueries,
    private readonly cases: CaseQueries,
  ) {}

  /** The feed behind a token, or 404 (an unknown, replaced or revoked token, or an inactive user). */
  async render(token: string): Promise<string> {
    const [feed] = (await this.dataSource.query(
      `SELECT user_id AS userId, municipality_id AS municipalityId FROM calendar_feeds
        WHERE token_hash = ?`,
      [hash(token)],
    )) as Array<{ userId: number | string; municipalityId: number | string }>;
    if (!feed) throw new NotFoundProblem('calendar feed', 'token');
    const userId = Number(feed.userId);
    const municipalityId = Number(feed.municipalityId);
    const tenant = { municipalityId };
    const { user, roles } = await this.users.get(tenant, userId);
    if (!user.active) throw new NotFoundProblem('calendar feed', 'token');
    const { timeZone } = await this.municipalities.getById(municipalityId);
    const now = this.clock.now();
    const since = addDays(localDate(now, timeZone), -FEED_HISTORY_DAYS);
    // The organs the user keeps the minutes of, and those they sit on (on the meeting's day).
    const keeps = new Set(
      roles.flatMap((role) =>
        role.role === 'sekreterare' && role.organId !== null ? [role.organId] : [],
      ),
    );
    const seats =
      user.personId === null
        ? []
        : await this.memberships.repository.find(tenant, { personId: user.personId });
    const organNames = new Map(
      (await this.organs.list(tenant)).map((organ) => [organ.id, organ.name]),
    );
    const meetings = (
      await this.meetings.ofOrgansSince(
        tenant,
        [...new Set([...keeps, ...seats.map((seat) => seat.organId)])],
        new Date(`${since}T00:00:00Z`),
      )
    ).filter((meeting) => {
      if (keeps.has(meeting.organId)) return true;
      // The day as the database took it (DATE() of the stored instant).
      const day = meeting.startsAt.toISOString().slice(0, 10);
      return seats.some((seat) => seat.organId === meeting.organId && isActiveOn(seat, day));
    });
    const ownDeadlines = (await this.dataSource.query(
      `SELECT id, kind, title, due_on AS dueOn, status, case_id AS caseId, organ_id AS organId
         FROM deadlines
        WHERE municipality_id = ? AND due_on >= ? AND status <> 'cancelled'
        ORDER BY due_on, id`,
      [municipalityId, since],
    )) as Array<Record<string, unknown>>;
    const ownFollowUps = (await this.dataSource.query(
      `SELECT c.id, c.due_on AS dueOn, o.title, c.follow_up_case_id AS followUpCaseId,
              o.case_id AS caseId
         FROM obligation_occurrences c JOIN obligations o ON o.id = c.obligation_id
        WHERE o.municipality_id = ? AND o.responsible_user_id = ? AND c.status <> 'fulfilled'
        ORDER BY c.due_on, c.id`,
      [municipalityId, userId],
    )) as Array<Record<string, unknown>>;
    const cases = await casesById(this.cases, tenant, [
      ...ownDeadlines.map((row) => idOrNull(row.caseId)),
      ...ownFollowUps.flatMap((row) => [idOrNull(row.caseId), idOrNull(row.followUpCaseId)]),
    ]);
    const caseOf = (row: Record<string, unknown>) =>
      row.caseId === null ? undefined : cases.get(Number(row.caseId));
    // Deadlines of the organs they keep the minutes of, and of the cases they answer for.
    const deadlines = ownDeadlines
      .filter(
        (row) =>
          caseOf(row)?.responsibleUserId === userId ||
          (row.organId !== null && keeps.has(Number(row.organId))),
      )
      .map((row): Record<string, unknown> => ({ ...row, ...caseColumns(caseOf(row)) }));
    const followUps = ownFollowUps.map((row): Record<string, unknown> => ({
      ...row,
      ...caseColumns(caseOf(row)),
      dnr:
        row.followUpCaseId === null ? null : (cases.get(Number(row.followUpCaseId))?.dnr ?? null),
    }));

    const events: FeedEvent[] = [
      ...meetings.map((meeting) => {
        const start = meeting.startsAt;
        return {
          // The same UID as the kallelse's invitation: one event in the calendar, not two.
          uid: `meeting-${meeting.id}-${municipalityId}@namndflode`,
          summary: `${organNames.get(meeting.organId) ?? ''}, sammanträde`,
          location: meeting.place,
          start,
          end: meeting.endsAt ?? new Date(start.getTime() + MEETING_HOURS * 3_600_000),
          cancelled: meeting.status === 'cancelled',
        };
      }),
      ...deadlines.map((row) => ({
        uid: `deadline-${row.id}-${municipalityId}@namndflode`,
        // A feed leaves the system for calendar services: a secret case by its public title.
        summary:
          row.secrecyOsl && row.kind === 'motion-year'
            ? motionDeadlineTitle(String(row.dnr), publicTitleOf(secrecyOfRow(row)))
            : String(row.title),
        description:
          row.status === 'met' ? 'Klart.' : row.status === 'passed' ? 'Tiden har gått ut.' : '',
        date: dateOf(row.dueOn)!,
      })),
      ...followUps.map((row) => ({
        uid: `followup-${row.id}-${municipalityId}@namndflode`,
        summary: `Uppföljning ska redovisas: ${
          row.secrecyOsl ? followUpTitle(publicTitleOf(secrecyOfRow(row))) : row.title
        }`,
        description: row.dnr
          ? `Uppföljningsärende dnr ${row.dnr}, senast ${formatSwedishDate(dateOf(row.dueOn)!)}.`
          : `Senast ${formatSwedishDate(dateOf(row.dueOn)!)}.`,
        date: dateOf(row.dueOn)!,
      })),
    ];
    return calendarFeed(`Nämndflöde – ${user.displayName}`, now, events);
  }
}
