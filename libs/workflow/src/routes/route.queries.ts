import { Injectable } from '@nestjs/common';
import type { Tenant } from '@nf/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * What other contexts read of cases' routes: protocols asks a step's role when it drafts
 * paragraphs, and its position when a paragraph is applied. Called inside the caller's
 * transaction where one is given, so the reads see what it has written.
 */
/** An applied decision with its follow-up clause, as recorded on the case's route. */
export interface DecidedClauseEvent {
  eventId: number;
  caseId: number;
  clause: string;
  meetingId: number | null;
  /** The meeting's day as recorded with the decision (a DATE column). */
  meetingDate: string | Date | null;
  appliedAt: Date;
}

@Injectable()
export class RouteQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Each step's role (prepare, propose, decide, inform), by step id. */
  async roles(tx: EntityManager, tenant: Tenant, stepIds: number[]): Promise<Map<number, string>> {
    if (stepIds.length === 0) return new Map();
    const rows = (await tx.query(
      'SELECT id, role FROM route_steps WHERE id IN (?) AND municipality_id = ?',
      [stepIds, tenant.municipalityId],
    )) as Array<{ id: number | string; role: string }>;
    return new Map(rows.map((row) => [Number(row.id), row.role]));
  }

  /** The step's position in its route (1-based), or null when the tenant has no such step. */
  async ordinal(tx: EntityManager, tenant: Tenant, stepId: number): Promise<number | null> {
    const [step] = (await tx.query(
      'SELECT ordinal FROM route_steps WHERE id = ? AND municipality_id = ?',
      [stepId, tenant.municipalityId],
    )) as Array<{ ordinal: number }>;
    return step ? Number(step.ordinal) : null;
  }

  /** The source recorded with the outcome of the case's visit to a step (step, round), if any. */
  async recordedSource(
    tx: EntityManager,
    tenant: Tenant,
    visit: { caseId: number; step: number; round: number },
  ): Promise<string | null> {
    const [event] = (await tx.query(
      `SELECT source FROM route_events
        WHERE case_id = ? AND step = ? AND round = ? AND municipality_id = ?`,
      [visit.caseId, visit.step, visit.round, tenant.municipalityId],
    )) as Array<{ source: string | null }>;
    return event?.source ?? null;
  }

  /**
   * The tenant's applied decisions that carry a follow-up clause ("återrapporteras senast …"),
   * oldest first, except those listed in `except`: what the follow-ups read obligations from.
   */
  async decisionsWithClause(tenant: Tenant, except: number[] = []): Promise<DecidedClauseEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, case_id AS caseId, follow_up_clause AS clause, meeting_id AS meetingId,
              meeting_date AS meetingDate, applied_at AS appliedAt
         FROM route_events
        WHERE municipality_id = ? AND kind = 'decision' AND status = 'applied'
          AND follow_up_clause IS NOT NULL AND TRIM(follow_up_clause) <> ''
        ORDER BY id`,
      [tenant.municipalityId],
    )) as Array<Record<string, unknown>>;
    const skip = new Set(except);
    return rows
      .filter((row) => !skip.has(Number(row.id)))
      .map((row) => ({
        eventId: Number(row.id),
        caseId: Number(row.caseId),
        clause: String(row.clause),
        meetingId: row.meetingId === null ? null : Number(row.meetingId),
        meetingDate: (row.meetingDate as string | Date | null) ?? null,
        appliedAt: row.appliedAt as Date,
      }));
  }

  /** Where each of these cases is now: the organ of its route's current step, by case. */
  async currentOrgans(tenant: Tenant, caseIds: number[]): Promise<Map<number, number>> {
    if (caseIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT r.case_id AS caseId, s.organ_id AS organId
         FROM route_instances r
         JOIN route_steps s ON s.route_id = r.id AND s.ordinal = r.current_step
          AND s.municipality_id = r.municipality_id
        WHERE r.municipality_id = ? AND r.case_id IN (?)`,
      [tenant.municipalityId, caseIds],
    )) as Array<{ caseId: number | string; organId: number | string }>;
    return new Map(rows.map((row) => [Number(row.caseId), Number(row.organId)]));
  }

  /** The tenant's route events recorded but not yet applied, oldest first. */
  async pendingEventIds(tenant: Tenant): Promise<number[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM route_events WHERE municipality_id = ? AND status = 'pending' ORDER BY id`,
      [tenant.municipalityId],
    )) as Array<{ id: number | string }>;
    return rows.map((row) => Number(row.id));
  }
}
