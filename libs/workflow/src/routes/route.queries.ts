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

/** One step of a case's route, as the public read model shows it (an OParl Consultation). */
export interface CaseRouteStep {
  id: number;
  caseId: number;
  ordinal: number;
  organId: number;
  role: string;
  authoritative: boolean;
  state: string;
  onAgendaMeetingId: number | null;
  doneAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
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

  /** The case of each route, by route id. */
  async casesOfRoutes(tenant: Tenant, routeIds: number[]): Promise<Map<number, number>> {
    if (routeIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      'SELECT id, case_id AS caseId FROM route_instances WHERE municipality_id = ? AND id IN (?)',
      [tenant.municipalityId, [...new Set(routeIds)]],
    )) as Array<{ id: number | string; caseId: number | string }>;
    return new Map(rows.map((row) => [Number(row.id), Number(row.caseId)]));
  }

  /** The steps of the cases' routes (or of the steps with these ids), by case and position. */
  steps(tenant: Tenant, of: { caseIds?: number[]; stepIds?: number[] }): Promise<CaseRouteStep[]> {
    const [column, ids] = of.caseIds ? ['r.case_id', of.caseIds] : ['s.id', of.stepIds ?? []];
    if (ids.length === 0) return Promise.resolve([]);
    return this.stepRows(
      `s.municipality_id = ? AND ${column} IN (?) ORDER BY r.case_id, r.id, s.ordinal`,
      [tenant.municipalityId, [...new Set(ids)]],
    );
  }

  /** A page of the tenant's route steps by id (the public read model's list of consultations). */
  stepsPage(tenant: Tenant, afterId: number, limit: number): Promise<CaseRouteStep[]> {
    return this.stepRows('s.municipality_id = ? AND s.id > ? ORDER BY s.id LIMIT ?', [
      tenant.municipalityId,
      afterId,
      limit,
    ]);
  }

  private async stepRows(condition: string, values: unknown[]): Promise<CaseRouteStep[]> {
    const rows = (await this.dataSource.query(
      `SELECT s.id, r.case_id AS caseId, s.ordinal, s.organ_id AS organId, s.role, s.authoritative,
              s.state, s.on_agenda_meeting_id AS onAgendaMeetingId, s.done_at AS doneAt,
              r.created_at AS createdAt, r.updated_at AS updatedAt
         FROM route_steps s JOIN route_instances r ON r.id = s.route_id
          AND r.municipality_id = s.municipality_id
        WHERE ${condition}`,
      values,
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      id: Number(row.id),
      caseId: Number(row.caseId),
      ordinal: Number(row.ordinal),
      organId: Number(row.organId),
      role: String(row.role),
      authoritative: Boolean(Number(row.authoritative)),
      state: String(row.state),
      onAgendaMeetingId: row.onAgendaMeetingId === null ? null : Number(row.onAgendaMeetingId),
      doneAt: (row.doneAt as Date | null) ?? null,
      createdAt: row.createdAt as Date,
      updatedAt: row.updatedAt as Date,
    }));
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
