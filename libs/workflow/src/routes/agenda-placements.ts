import { Injectable } from '@nestjs/common';
import { ConflictProblem, type Tenant } from '@nf/common';
import type { EntityManager } from 'typeorm';

/** The step a case waits at, as an agenda item takes it over. */
export interface PlacedStep {
  routeStepId: number;
  routeRound: number;
  proposalText: string | null;
}

/**
 * Workflow's side of an agenda: which route step a meeting has taken. A step ready for an organ is
 * on at most one open agenda at a time (compare-and-set on `on_agenda_meeting_id`). Meetings calls
 * these inside its own transaction, so the agenda and the step change together.
 */
@Injectable()
export class AgendaPlacements {
  /**
   * Puts the case's ready step for the organ on the meeting's agenda. Refuses a case that is not
   * ready for the organ, or is already on another open agenda.
   */
  async place(
    tx: EntityManager,
    tenant: Tenant,
    placement: { caseId: number; dnr: string; organId: number; meetingId: number },
  ): Promise<PlacedStep> {
    const [step] = (await tx.query(
      `SELECT s.id, r.current_round AS round, s.proposal_text AS proposal, s.on_agenda_meeting_id AS onAgenda
         FROM route_instances r JOIN route_steps s ON s.route_id = r.id AND s.ordinal = r.current_step
        WHERE r.case_id = ? AND r.municipality_id = ? AND r.status = 'active'
          AND s.organ_id = ? AND s.state = 'ready'`,
      [placement.caseId, tenant.municipalityId, placement.organId],
    )) as Array<{ id: number; round: number; proposal: string | null; onAgenda: number | null }>;
    if (!step) {
      throw new ConflictProblem(
        'case-not-ready',
        `Case ${placement.dnr} is not ready for this organ.`,
      );
    }
    const taken = (await tx.query(
      `UPDATE route_steps SET on_agenda_meeting_id = ?
        WHERE id = ? AND municipality_id = ? AND on_agenda_meeting_id IS NULL`,
      [placement.meetingId, step.id, tenant.municipalityId],
    )) as { affectedRows: number };
    if (taken.affectedRows !== 1) {
      throw new ConflictProblem(
        'case-on-another-agenda',
        `Case ${placement.dnr} is already on an open agenda (meeting ${step.onAgenda}).`,
      );
    }
    return {
      routeStepId: Number(step.id),
      routeRound: Number(step.round),
      proposalText: step.proposal,
    };
  }

  /** Moves the step from one meeting's agenda to another's; false when it was not on the first. */
  async move(
    tx: EntityManager,
    tenant: Tenant,
    routeStepId: number,
    from: number,
    to: number,
  ): Promise<boolean> {
    const moved = (await tx.query(
      `UPDATE route_steps SET on_agenda_meeting_id = ?
        WHERE id = ? AND municipality_id = ? AND on_agenda_meeting_id = ?`,
      [to, routeStepId, tenant.municipalityId, from],
    )) as { affectedRows: number };
    return moved.affectedRows === 1;
  }

  /** Takes the step off the meeting's agenda: the case is ready for the organ again. */
  async release(
    tx: EntityManager,
    tenant: Tenant,
    routeStepId: number,
    meetingId: number,
  ): Promise<void> {
    await tx.query(
      `UPDATE route_steps SET on_agenda_meeting_id = NULL
        WHERE id = ? AND municipality_id = ? AND on_agenda_meeting_id = ?`,
      [routeStepId, tenant.municipalityId, meetingId],
    );
  }
}
