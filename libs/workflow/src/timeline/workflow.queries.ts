import { Injectable } from '@nestjs/common';
import { NotFoundProblem, Tenant } from '@nf/common';
import { Case, CaseQueries } from '@nf/registry';
import { Organ, Organs } from '@nf/tenancy';
import { DataSource, In } from 'typeorm';
import { Motion } from '../motions/motion.entity';
import { MotionQueries } from '../motions/motion.queries';
import { RouteCatalogue } from '../routes/route-catalogue';
import { RouteEvent, RouteStep } from '../routes/route.entities';
import type { RouteStatus, StepState } from '../routes/route-machine';
import { Routes } from '../routes/routes';
import { Tjansteskrivelse } from '../tjansteskrivelser/tjansteskrivelse.entity';
import { Tjansteskrivelser } from '../tjansteskrivelser/tjansteskrivelser';
import { Municipalities } from '@nf/tenancy';

export interface ReadyCase {
  caseId: number;
  dnr: string;
  title: string;
  publicTitle: string | null;
  secrecyOsl: string | null;
  responsibleUserId: number | null;
  classificationCode: string | null;
  template: string;
  step: number;
  round: number;
  role: string;
  authoritative: boolean;
  proposalText: string | null;
  readySince: string;
  routeVersion: number;
}

export interface Timeline {
  record: Case;
  route: {
    template: string;
    templateTitle: string | null;
    templateVersion: number;
    status: RouteStatus;
    currentStep: number;
    currentRound: number;
    version: number;
    startedAt: string;
    finishedAt: string | null;
  } | null;
  steps: Array<{
    ordinal: number;
    organ: { id: number; code: string; name: string };
    role: string;
    authoritative: boolean;
    state: StepState;
    proposalText: string | null;
    readySince: string | null;
    onAgendaMeetingId: number | null;
    doneAt: string | null;
    events: ReturnType<typeof toEventView>[];
  }>;
  tjansteskrivelser: Tjansteskrivelse[];
  motion: Motion | null;
}

export function toEventView(event: RouteEvent) {
  return {
    id: event.id,
    kind: event.kind,
    status: event.status,
    round: event.round,
    text: event.text,
    reason: event.reason,
    meetingId: event.meetingId,
    meetingDate: event.meetingDate,
    paragraph: event.paragraph,
    motionAnswer: event.motionAnswer,
    followUpClause: event.followUpClause,
    recordedAt: event.recordedAt.toISOString(),
    appliedAt: event.appliedAt?.toISOString() ?? null,
    rejectedReason: event.rejectedReason,
  };
}

/** What the agenda builder and "where is my case" read. */
@Injectable()
export class WorkflowQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly routes: Routes,
    private readonly cases: CaseQueries,
    private readonly organs: Organs,
    private readonly tjansteskrivelser: Tjansteskrivelser,
    private readonly motions: MotionQueries,
    private readonly catalogue: RouteCatalogue,
    private readonly municipalities: Municipalities,
  ) {}

  /**
   * Cases ready for the organ: their previous step is done (or they were prepared for it), and they
   * are not on an open agenda. Longest waiting first.
   */
  async readyFor(tenant: Tenant, organId: number): Promise<ReadyCase[]> {
    await this.organs.get(tenant, organId);
    const rows = (await this.dataSource.query(
      `SELECT r.case_id AS caseId, r.template_key AS template,
              s.ordinal AS step, r.current_round AS round, s.role, s.authoritative,
              s.proposal_text AS proposalText, s.ready_since AS readySince, r.version AS routeVersion
         FROM route_steps s
         JOIN route_instances r ON r.id = s.route_id AND r.current_step = s.ordinal
        WHERE s.municipality_id = ? AND s.organ_id = ? AND s.state = 'ready'
          AND s.on_agenda_meeting_id IS NULL AND r.status = 'active'
        ORDER BY s.ready_since, r.case_id`,
      [tenant.municipalityId, organId],
    )) as Array<Record<string, unknown>>;
    // The cases' register entries, from the registry in one read.
    const caseIds = rows.map((row) => Number(row.caseId));
    const cases = new Map(
      (caseIds.length ? await this.cases.repository.find(tenant, { id: In(caseIds) }) : []).map(
        (record) => [record.id, record],
      ),
    );
    return rows.flatMap((row) => {
      const record = cases.get(Number(row.caseId));
      if (!record) return [];
      return [
        {
          caseId: record.id,
          dnr: record.dnr,
          title: record.title,
          publicTitle: record.publicTitle,
          secrecyOsl: record.secrecyOsl,
          responsibleUserId: record.responsibleUserId,
          classificationCode: record.classificationCode,
          template: String(row.template),
          step: Number(row.step),
          round: Number(row.round),
          role: String(row.role),
          authoritative: Boolean(Number(row.authoritative)),
          proposalText: (row.proposalText as string | null) ?? null,
          readySince: new Date(row.readySince as string | Date).toISOString(),
          routeVersion: Number(row.routeVersion),
        },
      ];
    });
  }

  /** The case's route: steps done and planned, with the meetings, paragraphs and outcomes of each. */
  async timeline(tenant: Tenant, caseId: number): Promise<Timeline> {
    const record = await this.cases.get(tenant, caseId);
    const loaded = await this.routes.forCase(tenant, caseId);
    const tjansteskrivelser = await this.tjansteskrivelser.forCase(tenant, caseId);
    const motion = await this.motions.forCase(tenant, caseId);
    if (!loaded) return { record, route: null, steps: [], tjansteskrivelser, motion };
    const { route, steps } = loaded;
    const events = await this.routes.eventsOf(tenant, route.id);
    const organs = new Map<number, Organ>(
      (await this.organs.list(tenant)).map((organ) => [organ.id, organ]),
    );
    const municipality = await this.municipalities.getById(tenant.municipalityId);
    const template = this.catalogue.version(
      municipality.slug,
      route.templateKey,
      route.templateVersion,
    );
    return {
      record,
      route: {
        template: route.templateKey,
        templateTitle: template?.title ?? null,
        templateVersion: route.templateVersion,
        status: route.status,
        currentStep: route.currentStep,
        currentRound: route.currentRound,
        version: route.version,
        startedAt: route.startedAt.toISOString(),
        finishedAt: route.finishedAt?.toISOString() ?? null,
      },
      steps: steps.map((step: RouteStep) => {
        const organ = organs.get(step.organId);
        if (!organ) throw new NotFoundProblem('organ', step.organId);
        return {
          ordinal: step.ordinal,
          organ: { id: organ.id, code: organ.code, name: organ.name },
          role: step.role,
          authoritative: step.authoritative,
          state: step.state,
          proposalText: step.proposalText,
          readySince: step.readySince?.toISOString() ?? null,
          onAgendaMeetingId: step.onAgendaMeetingId,
          doneAt: step.doneAt?.toISOString() ?? null,
          events: events.filter((event) => event.step === step.ordinal).map(toEventView),
        };
      }),
      tjansteskrivelser,
      motion,
    };
  }
}
