import request from 'supertest';
import { ApiHarness } from './api-harness';
import { Tenant } from './identity';
import { eventually } from './services';

export interface TimelineEventBody {
  kind: string;
  status: string;
  round: number;
  paragraph: number | null;
  meetingDate: string | null;
}

/** The parts of `GET /cases/:id/timeline` the tests read. */
export interface TimelineBody {
  case: { status: string; dnr: string };
  route: {
    status: string;
    currentStep: number;
    currentRound: number;
    template: string;
    templateVersion: number;
  };
  steps: Array<{
    organ: { code: string };
    role: string;
    state: string;
    proposalText: string | null;
    events: TimelineEventBody[];
  }>;
  tjansteskrivelser: Array<{ versionNo: number; status: string }>;
  motion: { answer: string | null; answeredOn: string | null; reportedOn?: string | null } | null;
}

/** A small client of the workflow API for tests: each helper asserts the status it expects. */
export function workflowClient(api: ApiHarness, tenant: Tenant) {
  const http = () => request(api.app.getHttpServer());
  const as = (user: string) => ({ Authorization: `Bearer ${tenant.tokens[user]}` });

  const organIds = async (): Promise<Record<string, number>> => {
    const response = await http().get('/api/v1/organs').set(as('admin')).expect(200);
    return Object.fromEntries(
      (response.body as Array<{ code: string; id: number }>).map((organ) => [organ.code, organ.id]),
    );
  };

  const timeline = async (caseId: number, user = 'registrator'): Promise<TimelineBody> =>
    (await http().get(`/api/v1/cases/${caseId}/timeline`).set(as(user)).expect(200)).body;

  return {
    http,
    as,
    organIds,
    timeline,

    async registerCase(title: string, extra: object = {}): Promise<number> {
      const response = await http()
        .post('/api/v1/cases')
        .set(as('registrator'))
        .send({ title, responsibleUserId: tenant.userIds.handlaggare, ...extra })
        .expect(201);
      return response.body.id;
    },

    async startRoute(caseId: number, template: string): Promise<TimelineBody> {
      return (
        await http()
          .post(`/api/v1/cases/${caseId}/route`)
          .set(as('registrator'))
          .send({ template })
          .expect(201)
      ).body;
    },

    /** Writes and submits a tjänsteskrivelse as the demo handläggare; returns it. */
    async submitTjansteskrivelse(caseId: number, clauses: string[], extra: object = {}) {
      const draft = await http()
        .post(`/api/v1/cases/${caseId}/tjansteskrivelser`)
        .set(as('handlaggare'))
        .send({ authorTitle: 'Ekonomichef', proposalClauses: clauses, ...extra })
        .expect(201);
      return (
        await http()
          .post(`/api/v1/tjansteskrivelser/${draft.body.id}/submit`)
          .set(as('handlaggare'))
          .send({})
          .expect(200)
      ).body;
    },

    async outcome(caseId: number, body: object, user = 'sekreterare', status = 202) {
      const response = await http()
        .post(`/api/v1/cases/${caseId}/outcomes`)
        .set(as(user))
        .send(body);
      if (response.status !== status) {
        throw new Error(
          `outcome gave ${response.status}, expected ${status}: ${JSON.stringify(response.body)}`,
        );
      }
      return response.body;
    },

    /** Waits until the timeline satisfies `check` (the workflow job has run). */
    async waitFor(caseId: number, what: string, check: (timeline: TimelineBody) => boolean) {
      let last: TimelineBody | undefined;
      await eventually(
        async () => {
          last = await timeline(caseId);
          return check(last);
        },
        { what: `${what} (last: ${JSON.stringify(last)?.slice(0, 400)})` },
      );
      return last!;
    },

    async readyFor(organId: number, user = 'sekreterare') {
      return (await http().get(`/api/v1/organs/${organId}/ready-cases`).set(as(user)).expect(200))
        .body.cases as Array<{ caseId: number; proposalText: string | null; step: number }>;
    },

    /** A planned meeting of the organ (local start `2025-11-24T13:00`), by its secretary. */
    async planMeeting(organId: number, startsAt: string): Promise<number> {
      return (
        await http()
          .post('/api/v1/meetings')
          .set(as('sekreterare'))
          .send({ organId, startsAt, place: 'Sammanträdesrum Kalix' })
          .expect(201)
      ).body.id;
    },

    /** Puts a ready case on the meeting's agenda, at the version the secretary reads. */
    async addCase(meetingId: number, caseId: number): Promise<void> {
      await http()
        .post(`/api/v1/meetings/${meetingId}/items`)
        .set(as('sekreterare'))
        .send({ kind: 'case', caseId, version: await meetingVersion(meetingId) })
        .expect(201);
    },

    async publishKallelse(meetingId: number): Promise<void> {
      await http()
        .post(`/api/v1/meetings/${meetingId}/kallelse`)
        .set(as('sekreterare'))
        .send({ version: await meetingVersion(meetingId) })
        .expect(201);
    },

    /** A meeting of the organ with the ready cases on its agenda, its kallelse published. */
    async summonedMeeting(organId: number, startsAt: string, caseIds: number[]): Promise<number> {
      const meetingId = await this.planMeeting(organId, startsAt);
      for (const caseId of caseIds) await this.addCase(meetingId, caseId);
      await this.publishKallelse(meetingId);
      return meetingId;
    },
  };

  async function meetingVersion(meetingId: number): Promise<number> {
    return (await http().get(`/api/v1/meetings/${meetingId}`).set(as('sekreterare')).expect(200))
      .body.version;
  }
}

/** The visit the route is at, as `<step>:<state>` of the current step and the route's status. */
export function visit(timeline: TimelineBody): string {
  const route = timeline.route;
  return `${route.status}:${route.currentStep}:${timeline.steps[route.currentStep].state}`;
}
