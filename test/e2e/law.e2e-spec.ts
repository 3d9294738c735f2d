import { ReportToBoard } from '@nf/protocols';
import { ApplyElection } from '@nf/protocols-jobs';
import { FixedClock } from '@nf/common';
import { FollowUpScheduler } from '@nf/followups-jobs';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { login, seedTenant, Tenant } from '../support/identity';
import { eventually, resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';
import { protocolClient } from '../support/protocol-client';
import { workflowClient } from '../support/workflow-client';
import { binary } from '../support/binary';
import { pdfText } from '../support/pdf-text';

interface ProtocolBody {
  id: number;
  version: number;
  contentHash: string | null;
  paragraphs: Array<{ id: number; number: number | null; heading: string; caseId: number | null }>;
}

/**
 * The rules of kommunallagen the engine keeps, each as a board's secretary meets it (docs/law.md
 * quotes them): the delegation order in full, and the appeal period of a delegated decision.
 */
describe('The law to the letter', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let worker: WorkerHarness;
  let kalix: Tenant;
  let client: ReturnType<typeof workflowClient>;
  let organs: Record<string, number>;
  const http = () => request(api.app.getHttpServer());
  const as = (user: string) => ({ Authorization: `Bearer ${kalix.tokens[user]}` });

  // The board's spring of 2024; the remiss test moves it on to its reminder.
  const clock = new FixedClock('2024-03-01T08:00:00Z');

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { clock, demoOnStart: false });
    // The demo's organs, people and cases, without its meetings and delegation order.
    kalix = await seedTenant(api, 'kalix', { stopBefore: 'ksapu-protocol' });
    worker = await startWorker(config, { runOutbox: true, clock });
    client = workflowClient(api, kalix);
    organs = await client.organIds();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const openProtocol = (meetingId: number) =>
    protocolClient(api, kalix).openProtocol<ProtocolBody>(meetingId);
  const lockAndSign = (protocolId: number) =>
    protocolClient(api, kalix).lockAndSign<ProtocolBody>(protocolId);

  async function protocol(id: number): Promise<ProtocolBody> {
    return (await http().get(`/api/v1/protocols/${id}`).set(as('sekreterare')).expect(200)).body;
  }

  async function updateParagraph(protocolId: number, paragraphId: number, change: object) {
    const { version } = await protocol(protocolId);
    await http()
      .patch(`/api/v1/protocols/${protocolId}/paragraphs/${paragraphId}`)
      .set(as('sekreterare'))
      .send({ ...change, version })
      .expect(200);
  }

  const anslag = async () =>
    (await http().get('/api/v1/public/kalix/anslag').expect(200)).body.notices as Array<{
      protocolId: number;
      paragraphs: string;
      delegationDecisions: number;
      postedOn: string;
      appealEndsOn: string;
    }>;

  const decisions = async (query = '') =>
    (
      await http()
        .get(`/api/v1/organs/${organs.KS}/delegation-decisions${query}`)
        .set(as('sekreterare'))
        .expect(200)
    ).body.decisions as Array<Record<string, unknown>>;

  it('keeps the delegation order in full, flags a decision outside it, and posts a reported decision’s appeal period with the protocol it was reported in', async () => {
    const order = await http()
      .put(`/api/v1/organs/${organs.KS}/delegation-order`)
      .set(as('sekreterare'))
      .send({
        points: [
          {
            code: '7.1',
            text: 'Placering av nya lån som beslutas av kommunfullmäktige',
            delegates: 'Ekonomichef',
            substitutes: 'Kommundirektör',
            lagrum: 'KL 6 kap. 37 §',
            limitAmount: 50_000_000,
            limitMatters: 'Lån inom den ram fullmäktige beslutat',
          },
          {
            code: '13.1',
            text: 'Beslut i brådskande ärende',
            delegates: 'Kommunstyrelsens ordförande',
            substitutes: 'Kommunstyrelsens vice ordförande',
            lagrum: 'KL 6 kap. 39 §',
            urgent: true,
          },
        ],
      })
      .expect(200);
    expect(order.body.points[1]).toMatchObject({
      code: '13.1',
      urgent: true,
      mustReport: true,
      substitutes: 'Kommunstyrelsens vice ordförande',
    });
    expect(order.body.points[0]).toMatchObject({ code: '7.1', limitAmount: 50_000_000 });
    // Read back in the order's own numbering (7.1 before 13.1).
    const read = await http()
      .get(`/api/v1/organs/${organs.KS}/delegation-order`)
      .set(as('ledamot'))
      .expect(200);
    expect(read.body.points.map((point: { code: string }) => point.code)).toEqual(['7.1', '13.1']);

    const register = (body: object, user = 'sekreterare') =>
      http()
        .post('/api/v1/delegation-decisions')
        .set(as(user))
        .send({ organId: organs.KS, decidedOn: '2023-11-01', ...body });
    const within = (
      await register({
        delegate: 'Jeanette Larsson',
        delegateTitle: 'Ekonomichef',
        pointCode: '7.1',
        dnr: '2023-00513',
        amount: 40_000_000,
        summary: 'Placerat det nya lånet om 40 mkr hos Kommuninvest.',
      }).expect(201)
    ).body;
    expect(within).toMatchObject({ outsideOrder: null, urgent: false });
    // Linked to its case by the dnr.
    expect(within.caseId).toBe(
      (await http().get('/api/v1/cases/lookup?dnr=2023-00513').set(as('registrator')).expect(200))
        .body.id,
    );
    const urgent = (
      await register({
        delegate: 'Susanne Andersson (S)',
        pointCode: '13.1',
        summary: 'Beslutat att kommunstyrelsen står bakom skrivelsen.',
      }).expect(201)
    ).body;
    expect(urgent).toMatchObject({ urgent: true, outsideOrder: null });
    const over = (
      await register({
        delegate: 'Jeanette Larsson',
        pointCode: '7.1',
        amount: 60_000_000,
        summary: 'Placerat ett lån om 60 mkr.',
      }).expect(201)
    ).body;
    expect(over.outsideOrder).toBe(
      'Beloppet 60 000 000 kr överstiger gränsen i punkt 7.1 (50 000 000 kr).',
    );
    const noPoint = (
      await register({
        delegate: 'Jeanette Larsson',
        pointText: 'Nedskrivning/uppskrivning',
        summary: 'Skrivit ned bostadsrätter med 36 013 kr.',
      }).expect(201)
    ).body;
    expect(noPoint.outsideOrder).toMatch(/inte är en punkt i delegationsordningen/);
    // A point the order does not have is bad input, and changes nothing.
    const before = (await decisions()).length;
    const refused = await register({
      delegate: 'Jeanette Larsson',
      pointCode: '99.9',
      summary: 'x',
    }).expect(422);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(await decisions()).toHaveLength(before);
    // The secretary's list of flagged decisions.
    expect((await decisions('?flagged=true')).map((decision) => decision.id)).toEqual([
      noPoint.id,
      over.id,
    ]);

    // Reported at KS's next meeting: its kallelse lists them, flagged ones marked.
    const meetingId = await client.summonedMeeting(organs.KS, '2024-02-05T09:00', []);
    const kallelse = (
      await http().get(`/api/v1/meetings/${meetingId}`).set(as('sekreterare')).expect(200)
    ).body;
    const report = kallelse.items.find(
      (item: { kind: string }) => item.kind === 'delegation-report',
    );
    expect(
      report.decisions.map((decision: { outsideOrder: string | null }) => !!decision.outsideOrder),
    ).toEqual([false, false, true, true]);
    expect((await decisions()).every((decision) => decision.meetingId === meetingId)).toBe(true);
    expect((await decisions()).every((decision) => decision.appealEndsOn === null)).toBe(true);

    // The meeting's protocol adjusted: the anslag posts it, and the decisions reported in it take
    // its appeal period (KL 13 kap. 5 §: three weeks from the day the adjustment is announced).
    const draft = await openProtocol(meetingId);
    await lockAndSign(draft.id);
    await eventually(async () => (await anslag()).some((row) => row.protocolId === draft.id), {
      what: 'the anslag of KS’s protocol',
    });
    const posted = (await anslag()).find((row) => row.protocolId === draft.id)!;
    expect(posted.delegationDecisions).toBe(4);
    for (const decision of await decisions()) {
      expect(decision).toMatchObject({
        appealPostedOn: posted.postedOn,
        appealEndsOn: posted.appealEndsOn,
      });
    }
    const page = (await http().get('/anslagstavla/kalix').expect(200)).text;
    expect(page).toContain(
      'I protokollet anmäls 4 beslut fattade på delegation. Tiden för att överklaga dem räknas från samma dag som för protokollets egna beslut.',
    );
    // A decision registered now waits for the next meeting, with no period of its own yet.
    const later = (
      await register({
        delegate: 'Jeanette Larsson',
        pointCode: '7.1',
        summary: 'Nytt lån.',
      }).expect(201)
    ).body;
    expect(later).toMatchObject({ meetingId: null, appealEndsOn: null });
  });

  it('reports an utskott’s own decisions to its board as its protocol and paragraphs, once', async () => {
    // A KSAPU meeting with one of its own decisions and one proposal to KS.
    const ready = await client.readyFor(organs.KSAPU);
    const meetingId = await client.summonedMeeting(organs.KSAPU, '2024-02-12T13:00', [
      ready[0].caseId,
    ]);
    const version = (
      await http().get(`/api/v1/meetings/${meetingId}`).set(as('sekreterare')).expect(200)
    ).body.version;
    await http()
      .post(`/api/v1/meetings/${meetingId}/items`)
      .set(as('sekreterare'))
      .send({ kind: 'information', title: 'Anställning av enhetschef', version })
      .expect(201);
    const draft = await openProtocol(meetingId);
    const own = draft.paragraphs.find((paragraph) => paragraph.caseId === null)!;
    await updateParagraph(draft.id, own.id, {
      outcome: 'decision',
      decisionText: 'Arbets- och personalutskottet beslutar anställa enhetschefen.',
    });
    await lockAndSign(draft.id);
    const adjusted = await protocol(draft.id);
    const number = adjusted.paragraphs.find((paragraph) => paragraph.id === own.id)!.number;
    await eventually(
      async () => (await decisions()).some((decision) => decision.sourceProtocolId === draft.id),
      { what: 'KSAPU’s protocol waiting for KS’s delegation report' },
    );
    // The job run again (as after a crash) records nothing more.
    expect(
      await api.app
        .get(ReportToBoard, { strict: false })
        .handle({ municipalityId: kalix.municipalityId, protocolId: draft.id }),
    ).toEqual({ status: 'skipped', reason: 'already waiting to be reported' });
    const linked = (await decisions()).filter((decision) => decision.sourceProtocolId === draft.id);
    expect(linked).toHaveLength(1);
    expect(linked[0]).toMatchObject({
      delegate: 'Kommunstyrelsens arbets- och personalutskott',
      sourceParagraphs: `§ ${number}`,
      summary: `Kommunstyrelsens arbets- och personalutskotts protokoll den 12 februari 2024, § ${number}.`,
      outsideOrder: null,
      meetingId: null,
    });
    // Reported at KS's next meeting (with the loan decision the first test left waiting): the
    // utskott's decisions keep the appeal period of their own protocol's announcement, so KS's
    // anslag gives them none and counts only the other.
    const ksMeeting = await client.summonedMeeting(organs.KS, '2024-02-19T09:00', []);
    const ksProtocol = await openProtocol(ksMeeting);
    await lockAndSign(ksProtocol.id);
    await eventually(async () => (await anslag()).some((row) => row.protocolId === ksProtocol.id), {
      what: 'the anslag of KS’s protocol',
    });
    const posted = (await anslag()).find((row) => row.protocolId === ksProtocol.id)!;
    const reportedThere = (await decisions()).filter(
      (decision) => decision.meetingId === ksMeeting,
    );
    expect(reportedThere.map((decision) => [decision.summary, decision.appealEndsOn])).toEqual([
      [linked[0].summary, null],
      ['Nytt lån.', posted.appealEndsOn],
    ]);
    expect(posted.delegationDecisions).toBe(1);
  });

  it('settles a tied election by lottning, says so in the protocol, and writes the seat after justering', async () => {
    const person = async (name: string) =>
      (
        await http()
          .post('/api/v1/people')
          .set(as('registrator'))
          .send({ name, party: 'M' })
          .expect(201)
      ).body.id as number;
    const anna = await person('Anna Berg');
    const per = await person('Per Holm');
    const electionCase = (
      await http().get('/api/v1/cases/lookup?dnr=2023-00463').set(as('registrator')).expect(200)
    ).body.id as number;
    const meetingId = await client.summonedMeeting(organs.KS, '2024-02-26T09:00', [electionCase]);
    const voters = [
      'Susanne Andersson',
      'Demoledamot Ett',
      'Demoledamot Två',
      'Karin Ek',
      'Lars Ek',
    ];
    const draft = (
      await http()
        .post(`/api/v1/meetings/${meetingId}/protocol`)
        .set(as('sekreterare'))
        .send({
          chairUserId: kalix.userIds.ordforande,
          adjusterUserIds: [kalix.userIds.justerare],
          attendance: {
            members: voters.map((name) => ({ name })),
            substitutes: [],
            others: [],
          },
        })
        .expect(201)
    ).body as ProtocolBody;
    const paragraph = draft.paragraphs.find((candidate) => candidate.caseId === electionCase)!;
    const val = {
      seat: {
        organId: organs.KSAPU,
        role: 'ledamot',
        validFrom: '2024-02-26',
        validTo: '2026-12-31',
      },
      nominations: [
        { name: 'Anna Berg', party: 'M', personId: anna },
        { name: 'Per Holm', party: 'M', personId: per },
      ],
      // The chair votes for Anna Berg: in an election that decides nothing on a tie.
      ballots: [
        { member: 'Susanne Andersson', candidate: 'Anna Berg' },
        { member: 'Demoledamot Ett', candidate: 'Anna Berg' },
        { member: 'Demoledamot Två', candidate: 'Per Holm' },
        { member: 'Karin Ek', candidate: 'Per Holm' },
        { member: 'Lars Ek', candidate: null },
      ],
    };
    const { version } = await protocol(draft.id);
    const tie = await http()
      .patch(`/api/v1/protocols/${draft.id}/paragraphs/${paragraph.id}`)
      .set(as('sekreterare'))
      .send({ outcome: 'election', val, version })
      .expect(422);
    expect(JSON.stringify(tie.body)).toContain(
      'Anna Berg och Per Holm fick lika många röster (2): valet avgörs genom lottning (KL 5 kap. 55 §); ange vem lotten föll på',
    );
    expect((await protocol(draft.id)).version).toBe(version);
    await updateParagraph(draft.id, paragraph.id, {
      outcome: 'election',
      val: { ...val, lottningDrawn: 'Per Holm' },
    });
    const recorded = (await protocol(draft.id)).paragraphs.find(
      (candidate) => candidate.id === paragraph.id,
    ) as unknown as { outcome: string; proceedings: { val: Record<string, unknown> } };
    expect(recorded.outcome).toBe('election');
    expect(recorded.proceedings.val).toMatchObject({
      lottning: { between: ['Anna Berg', 'Per Holm'], drawn: 'Per Holm' },
      elected: [{ name: 'Per Holm', personId: per }],
      tally: [
        { candidate: 'Anna Berg', votes: 2 },
        { candidate: 'Per Holm', votes: 2 },
      ],
    });

    await lockAndSign(draft.id);
    // The protocol says so.
    let files: Array<{ id: number; filename: string }> = [];
    await eventually(async () => {
      files = (await http().get(`/api/v1/protocols/${draft.id}`).set(as('justerare')).expect(200))
        .body.files;
      return files.some((file) => file.filename.endsWith('.pdf'));
    });
    const pdf = await http()
      .get(
        `/api/v1/protocols/${draft.id}/files/${files.find((file) => file.filename.endsWith('.pdf'))!.id}`,
      )
      .set(as('justerare'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toContain(
      'Valet avgörs genom lottning (5 kap. 55 § kommunallagen). Lotten faller på Per Holm.',
    );
    expect(text).toContain(
      'Vald till ledamot i kommunstyrelsens arbets- och personalutskott för tiden 2024-02-26 – 2026-12-31: Per Holm (M).',
    );
    // And the seat follows, by the job after justering: once, with its period.
    const seats = async () =>
      (
        (
          await http()
            .get(`/api/v1/organs/${organs.KSAPU}/memberships`)
            .set(as('sekreterare'))
            .expect(200)
        ).body as Array<{
          personId: number;
          role: string;
          validFrom: string;
          validTo: string;
        }>
      ).filter((membership) => membership.personId === per || membership.personId === anna);
    await eventually(async () => (await seats()).length > 0, { what: 'Per Holm’s seat on KSAPU' });
    expect(await seats()).toEqual([
      expect.objectContaining({
        personId: per,
        role: 'ledamot',
        validFrom: '2024-02-26',
        validTo: '2026-12-31',
      }),
    ]);
    const job = worker.app.get(ApplyElection, { strict: false });
    expect(
      (await job.handle({ municipalityId: kalix.municipalityId, paragraphId: paragraph.id }))
        .status,
    ).toBe('skipped');
    expect(await seats()).toHaveLength(1);
    // And the election case is decided, as by any decision of KS.
    await client.waitFor(
      electionCase,
      'decided',
      (timeline) => timeline.route.status === 'decided',
    );
  });

  it('reports a motion past its year to KF on the motion report, and lets KF write it off there', async () => {
    const admin = as('admin');
    const registerMotion = async (title: string, submittedOn: string) =>
      (
        await http()
          .post('/api/v1/motions')
          .set(as('registrator'))
          .send({ title, submittedOn, authors: [{ name: 'Eva Lund', party: 'C' }] })
          .expect(201)
      ).body as { caseId: number; dnr: string; deadlineOn: string };
    const old = await registerMotion('Motion om laddstolpar vid kommunhuset', '2023-02-01');
    await http()
      .post(`/api/v1/motions/${old.caseId}/remittance`)
      .set(admin)
      .send({ decidedOn: '2023-02-20', paragraph: 12 })
      .expect(202);
    const fresh = await registerMotion('Motion om fler parkbänkar', '2024-02-20');
    expect(old.deadlineOn).toBe('2024-02-01');

    // The chair and the justerare sit on KF too.
    const people = (await http().get('/api/v1/people').set(admin).expect(200)).body as Array<{
      id: number;
      name: string;
    }>;
    for (const name of ['Susanne Andersson', 'Demoledamot Två', 'Demoledamot Ett']) {
      await http()
        .post('/api/v1/memberships')
        .set(admin)
        .send({
          organId: organs.KF,
          personId: people.find((person) => person.name === name)!.id,
          role: name === 'Susanne Andersson' ? 'ordforande' : 'ledamot',
          validFrom: '2023-01-01',
          validTo: '2026-12-31',
        })
        .expect(201);
    }
    const meeting = (
      await http()
        .post('/api/v1/meetings')
        .set(admin)
        .send({ organId: organs.KF, startsAt: '2024-02-27T18:00', place: 'Folkets hus, Kalix' })
        .expect(201)
    ).body as { id: number; version: number };
    // The report is KF's: not on KS's agenda.
    const ksMeeting = await client.planMeeting(organs.KS, '2024-03-04T09:00');
    const ksVersion = (await http().get(`/api/v1/meetings/${ksMeeting}`).set(admin).expect(200))
      .body.version;
    await http()
      .post(`/api/v1/meetings/${ksMeeting}/items`)
      .set(admin)
      .send({ kind: 'motion-report', version: ksVersion })
      .expect(422);
    const added = await http()
      .post(`/api/v1/meetings/${meeting.id}/items`)
      .set(admin)
      .send({ kind: 'motion-report', version: meeting.version })
      .expect(201);
    await http()
      .post(`/api/v1/meetings/${meeting.id}/kallelse`)
      .set(admin)
      .send({ version: added.body.version })
      .expect(201);
    // The kallelse lists the motion whose year has run out, not the one submitted last month.
    const kallelse = (
      await http().get(`/api/v1/meetings/${meeting.id}/kallelse`).set(admin).expect(200)
    ).body as {
      items: Array<{ kind: string; no: number; entries?: string[]; motionCaseIds?: number[] }>;
    };
    const report = kallelse.items.find((item) => item.kind === 'motion-report')!;
    expect(report.motionCaseIds).toEqual([old.caseId]);
    expect(report.entries).toEqual([
      `1. Dnr ${old.dnr}, Motion om laddstolpar vid kommunhuset. Väckt 2023-02-01 av Eva Lund (C); ska avgöras senast 2024-02-01. Motionen bereds av kommunstyrelsens arbets- och personalutskott.`,
    ]);

    const draft = (
      await http()
        .post(`/api/v1/meetings/${meeting.id}/protocol`)
        .set(admin)
        .send({
          chairUserId: kalix.userIds.ordforande,
          // KF elects two justerare.
          adjusterUserIds: [kalix.userIds.justerare, kalix.userIds.ledamot],
        })
        .expect(201)
    ).body as ProtocolBody;
    const paragraph = draft.paragraphs.find((candidate) =>
      candidate.heading.startsWith('Redovisning av motioner'),
    )!;
    const write = async (avskrivna: number[], status: number) => {
      const { version } = (await http().get(`/api/v1/protocols/${draft.id}`).set(admin).expect(200))
        .body;
      return http()
        .patch(`/api/v1/protocols/${draft.id}/paragraphs/${paragraph.id}`)
        .set(admin)
        .send({ avskrivna, version })
        .expect(status);
    };
    // Only a motion the report lists can be written off on it.
    await write([fresh.caseId], 422);
    await write([old.caseId], 200);
    const { version } = (await http().get(`/api/v1/protocols/${draft.id}`).set(admin).expect(200))
      .body;
    const locked = (
      await http()
        .post(`/api/v1/protocols/${draft.id}/lock`)
        .set(admin)
        .send({ version })
        .expect(200)
    ).body as ProtocolBody;
    for (const user of ['ordforande', 'justerare', 'ledamot']) {
      await http()
        .post(`/api/v1/protocols/${draft.id}/signatures`)
        .set(as(user))
        .send({ contentHash: locked.contentHash })
        .expect(201);
    }
    // After justering: reported on the meeting's day, written off, its route ended.
    await client.waitFor(
      old.caseId,
      'written off',
      (timeline) => timeline.route.status === 'withdrawn',
    );
    const timeline = await client.timeline(old.caseId);
    expect(timeline.motion).toMatchObject({
      answer: 'avskriven',
      answeredOn: '2024-02-27',
      reportedOn: '2024-02-27',
    });
    const freshTimeline = await client.timeline(fresh.caseId);
    expect(freshTimeline.motion).toMatchObject({ answer: null, reportedOn: null });
  });

  it('reminds of a remiss with a day to answer by, and meets it when the board declines to answer', async () => {
    const register = (body: object) =>
      http()
        .post('/api/v1/notices')
        .set(as('sekreterare'))
        .send({
          organId: organs.KS,
          sender: 'Regeringskansliet',
          receivedOn: '2024-02-28',
          ...body,
        });
    // Only a remiss has a day to answer by.
    await register({ text: 'Protokoll för kännedom', answerBy: '2024-03-15' }).expect(422);
    const remiss = (
      await register({
        kind: 'remiss',
        dnr: '2024-00101',
        text: 'Remiss: betänkandet En ny kommunal planering',
        answerBy: '2024-03-15',
      }).expect(201)
    ).body;
    expect(remiss).toMatchObject({ kind: 'remiss', answerBy: '2024-03-15', remissStatus: 'open' });

    const scheduler = worker.app.get(FollowUpScheduler);
    const remissDeadlines = async () =>
      (await http().get('/api/v1/deadlines?kind=remiss-answer').set(as('sekreterare')).expect(200))
        .body as Array<{
        id: number;
        status: string;
        dueOn: string;
        title: string;
        subject: object;
      }>;
    await scheduler.sweep();
    const [deadline] = await remissDeadlines();
    expect(deadline).toMatchObject({
      status: 'open',
      dueOn: '2024-03-15',
      title: 'Remissvar till Regeringskansliet (dnr 2024-00101): Kommunstyrelsen',
      subject: { type: 'notice', id: remiss.id },
    });
    const wakeups = async () =>
      (
        (await api.dataSource.query(
          'SELECT kind, fires_at AS firesAt, status FROM wakeups WHERE deadline_id = ? ORDER BY fires_at',
          [deadline.id],
        )) as Array<{ kind: string; firesAt: Date; status: string }>
      ).map((row) => [row.kind, row.firesAt.toISOString().slice(0, 10), row.status]);
    // Three days before (the configured reminder), and late the working day after the 15th.
    expect(await wakeups()).toEqual([
      ['remind', '2024-03-12', 'pending'],
      ['late', '2024-03-18', 'pending'],
    ]);

    // The reminder day: the secretary is told.
    clock.set('2024-03-12T08:00:00Z');
    await scheduler.sweep();
    const told = (await api.dataSource.query(
      'SELECT subject FROM inbox_messages WHERE user_id = ? AND subject LIKE ? ORDER BY id',
      [kalix.userIds.sekreterare, '%Remissvar%'],
    )) as Array<{ subject: string }>;
    expect(told.map((row) => row.subject)).toEqual([
      'Påminnelse: Remissvar till Regeringskansliet (dnr 2024-00101): Kommunstyrelsen, senast 15 mars 2024',
    ]);

    // KS declines to answer: the remiss is settled once, and its deadline met.
    kalix.tokens.sekreterare = (await login(api, 'kalix', 'sekreterare')).accessToken;
    const declined = await http()
      .post(`/api/v1/notices/${remiss.id}/remiss-outcome`)
      .set(as('sekreterare'))
      .send({ outcome: 'declined', reason: 'Kommunstyrelsen avstår att lämna yttrande.' })
      .expect(200);
    expect(declined.body).toMatchObject({
      remissStatus: 'declined',
      declinedReason: 'Kommunstyrelsen avstår att lämna yttrande.',
    });
    await http()
      .post(`/api/v1/notices/${remiss.id}/remiss-outcome`)
      .set(as('sekreterare'))
      .send({ outcome: 'answered', caseId: 1 })
      .expect(409);
    await scheduler.sweep();
    expect((await remissDeadlines())[0].status).toBe('met');
    expect(await wakeups()).toEqual([
      ['remind', '2024-03-12', 'done'],
      ['late', '2024-03-18', 'cancelled'],
    ]);
    // The audit log has the decline.
    const [audit] = (await api.dataSource.query(
      "SELECT action FROM audit_log WHERE entity_type = 'notice' AND entity_id = ? AND action LIKE 'remiss.%'",
      [remiss.id],
    )) as Array<{ action: string }>;
    expect(audit.action).toBe('remiss.declined');
  });
});
