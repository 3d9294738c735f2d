import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import {
  addDays,
  Clock,
  ForbiddenProblem,
  formatSwedishDate,
  localDate,
  NotFoundProblem,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { calendarFeed, type FeedEvent } from '@nf/notifications';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { followUpTitle, motionDeadlineTitle, publicTitleOf, secrecyOfRow } from './secret-titles';
import { dateOf } from './sql-values';

/** How far back the feed reaches; everything ahead is in it. */
const FEED_HISTORY_DAYS = 180;
/** A meeting without an end time is shown as three hours. */
const MEETING_HOURS = 3;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Each user's calendar feed (ICS): the meetings of the organs they sit on or keep the minutes of,
 * the legal deadlines of those organs and of their cases, and the due dates of the follow-ups
 * they answer for. Read by calendar programs without logging in, through a secret token in the
 * address: only its hash is stored, and a new token replaces the old.
 */
@Injectable()
export class CalendarFeeds {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** A new secret address for the user's feed (shown once); the old one stops working. */
  async create(principal: Principal): Promise<{ token: string; path: string }> {
    if (principal.kind !== 'person') {
      throw new ForbiddenProblem('A calendar feed belongs to a person, not a service token.');
    }
    const token = randomBytes(32).toString('base64url');
    await this.transactions.run(async (tx) => {
      // One row per user: a new token replaces the old (affectedRows 2: a row was replaced).
      const written = (await tx.query(
        `INSERT INTO calendar_feeds (user_id, municipality_id, token_hash, created_at) VALUES (?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE token_hash = VALUES(token_hash), created_at = VALUES(created_at)`,
        [principal.userId, principal.municipalityId, hash(token), this.clock.now()],
      )) as { affectedRows: number };
      await this.audit.record(tx, {
        action: 'calendar-feed.created',
        entityType: 'user',
        entityId: principal.userId,
        municipalityId: principal.municipalityId,
        after: { replaced: written.affectedRows === 2 },
      });
    });
    return { token, path: `/api/v1/calendar/${token}.ics` };
  }

  async revoke(principal: Principal): Promise<void> {
    await this.transactions.run(async (tx) => {
      const removed = (await tx.query('DELETE FROM calendar_feeds WHERE user_id = ?', [
        principal.userId,
      ])) as { affectedRows: number };
      if (removed.affectedRows === 0) throw new NotFoundProblem('calendar feed', principal.userId);
      await this.audit.record(tx, {
        action: 'calendar-feed.revoked',
        entityType: 'user',
        entityId: principal.userId,
        municipalityId: principal.municipalityId,
      });
    });
  }

  /** The feed behind a token, or 404 (an unknown, replaced or revoked token, or an inactive user). */
  async render(token: string): Promise<string> {
    const [owner] = (await this.dataSource.query(
      `SELECT f.user_id AS userId, f.municipality_id AS municipalityId, u.display_name AS name,
              u.person_id AS personId, m.time_zone AS timeZone
         FROM calendar_feeds f JOIN users u ON u.id = f.user_id AND u.active = 1
         JOIN municipalities m ON m.id = f.municipality_id
        WHERE f.token_hash = ?`,
      [hash(token)],
    )) as Array<Record<string, unknown>>;
    if (!owner) throw new NotFoundProblem('calendar feed', 'token');
    const userId = Number(owner.userId);
    const municipalityId = Number(owner.municipalityId);
    const now = this.clock.now();
    const since = addDays(localDate(now, String(owner.timeZone)), -FEED_HISTORY_DAYS);
    // The organs the user sits on (by their person, on the meeting's day) or is secretary of.
    const organsOf = `
      SELECT ms.organ_id FROM memberships ms
       WHERE ms.municipality_id = ? AND ms.person_id = ?
         AND ms.valid_from <= DATE(g.starts_at) AND (ms.valid_to IS NULL OR ms.valid_to >= DATE(g.starts_at))
      UNION SELECT r.organ_id FROM role_assignments r
       WHERE r.municipality_id = ? AND r.user_id = ? AND r.role = 'sekreterare'`;
    const meetings = (await this.dataSource.query(
      `SELECT g.id, g.starts_at AS startsAt, g.ends_at AS endsAt, g.place, g.status, o.name AS organ
         FROM meetings g JOIN organs o ON o.id = g.organ_id
        WHERE g.municipality_id = ? AND g.starts_at >= ? AND g.organ_id IN (${organsOf})
        ORDER BY g.starts_at`,
      [
        municipalityId,
        new Date(`${since}T00:00:00Z`),
        municipalityId,
        owner.personId ?? 0,
        municipalityId,
        userId,
      ],
    )) as Array<Record<string, unknown>>;
    const deadlines = (await this.dataSource.query(
      `SELECT d.id, d.kind, d.title, d.due_on AS dueOn, d.status, k.dnr, k.title AS caseTitle,
              k.secrecy_osl AS secrecyOsl, k.public_title AS publicTitle
         FROM deadlines d LEFT JOIN cases k ON k.id = d.case_id AND k.municipality_id = d.municipality_id
        WHERE d.municipality_id = ? AND d.due_on >= ? AND d.status <> 'cancelled'
          AND (k.responsible_user_id = ? OR d.organ_id IN (
                SELECT r.organ_id FROM role_assignments r
                 WHERE r.municipality_id = ? AND r.user_id = ? AND r.role = 'sekreterare'))
        ORDER BY d.due_on, d.id`,
      [municipalityId, since, userId, municipalityId, userId],
    )) as Array<Record<string, unknown>>;
    const followUps = (await this.dataSource.query(
      `SELECT c.id, c.due_on AS dueOn, o.title, f.dnr, k.title AS caseTitle,
              k.secrecy_osl AS secrecyOsl, k.public_title AS publicTitle
         FROM obligation_occurrences c JOIN obligations o ON o.id = c.obligation_id
         LEFT JOIN cases f ON f.id = c.follow_up_case_id
         LEFT JOIN cases k ON k.id = o.case_id AND k.municipality_id = o.municipality_id
        WHERE o.municipality_id = ? AND o.responsible_user_id = ? AND c.status <> 'fulfilled'
        ORDER BY c.due_on, c.id`,
      [municipalityId, userId],
    )) as Array<Record<string, unknown>>;

    const events: FeedEvent[] = [
      ...meetings.map((row) => {
        const start = row.startsAt as Date;
        return {
          // The same UID as the kallelse's invitation: one event in the calendar, not two.
          uid: `meeting-${row.id}-${municipalityId}@namndflode`,
          summary: `${row.organ}, sammanträde`,
          location: String(row.place),
          start,
          end: (row.endsAt as Date | null) ?? new Date(start.getTime() + MEETING_HOURS * 3_600_000),
          cancelled: row.status === 'cancelled',
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
    return calendarFeed(`Nämndflöde – ${owner.name}`, now, events);
  }
}
