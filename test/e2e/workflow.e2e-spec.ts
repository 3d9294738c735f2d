import { FixedClock } from '@nf/common';
import { RenderTjansteskrivelse } from '@nf/workflow-jobs';
import { ApiHarness, startApi } from '../support/api-harness';
import { seedTenant, Tenant } from '../support/identity';
import { pdfText } from '../support/pdf-text';
import { eventually, resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';
import { visit, workflowClient } from '../support/workflow-client';
import { binary } from '../support/binary';

const KSAPU_PROPOSAL =
  'Kommunstyrelsens arbets- och personalutskott rekommenderar kommunstyrelsen föreslå, att kommunfullmäktige beslutar anta riktlinjer för ekonomistyrning enligt bilaga.';
const KS_PROPOSAL =
  'Kommunstyrelsen föreslår, att kommunfullmäktige beslutar anta riktlinjer för ekonomistyrning enligt bilaga.';

describe('Workflow: cases move KSAPU → KS → KF by queued jobs (real workers)', () => {
  const clock = new FixedClock('2023-11-08T09:00:00Z');
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let worker: WorkerHarness;
  let kalix: Tenant;
  let client: ReturnType<typeof workflowClient>;
  let organs: Record<string, number>;

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { clock });
    kalix = await seedTenant(api, 'kalix');
    worker = await startWorker(config, { runOutbox: true, clock });
    client = workflowClient(api, kalix);
    organs = await client.organIds();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('the demo puts the Kalix cases on their routes as the fixture shows', async () => {
    // Ready for KS, and on the agenda of the demo's KS meeting (so off the ready list).
    const rows = (await api.dataSource.query(
      `SELECT c.dnr, r.template_key AS template, s.proposal_text AS proposalText,
              s.on_agenda_meeting_id AS meetingId
         FROM route_instances r
         JOIN route_steps s ON s.route_id = r.id AND s.ordinal = r.current_step
         JOIN cases c ON c.id = r.case_id
        WHERE r.municipality_id = ? AND s.organ_id = ? AND s.state = 'ready'`,
      [kalix.municipalityId, organs.KS],
    )) as Array<{ dnr: string; template: string; proposalText: string; meetingId: string | null }>;
    expect(rows.map((row) => row.dnr).sort()).toEqual(
      [
        '2018-00278',
        '2021-00079',
        '2023-00059',
        '2023-00060',
        '2023-00321',
        '2023-00323',
        '2023-00416',
        '2023-00439',
        '2023-00453',
        '2023-00463',
        '2023-00466',
        '2023-00495',
        '2023-00513',
        '2023-00514',
      ].sort(),
    );
    // They got there through KSAPU's protocol of its one meeting on 20 November 2023 (the seed's
    // "2023-11-20 Beslut i KSAPU"), adjusted: §§ 93–100 its own decisions, §§ 101–109 proposals.
    const ksapu = (await api.dataSource.query(
      `SELECT p.id, p.status, pa.number, pa.outcome, m.starts_at AS startsAt
         FROM protocols p JOIN paragraphs pa ON pa.protocol_id = p.id
         JOIN meetings m ON m.id = p.meeting_id
        WHERE p.municipality_id = ? AND p.organ_id = ? ORDER BY pa.number`,
      [kalix.municipalityId, organs.KSAPU],
    )) as Array<{ id: number; status: string; number: number; outcome: string; startsAt: Date }>;
    expect(new Set(ksapu.map((row) => Number(row.id))).size).toBe(1);
    expect(ksapu[0].startsAt.toISOString()).toBe('2023-11-20T12:00:00.000Z');
    expect(ksapu.map((row) => [row.status, Number(row.number), row.outcome])).toEqual([
      ...[93, 94, 95, 96, 97, 98, 99, 100].map((number) => ['adjusted', number, 'decision']),
      ...[101, 102, 103, 104, 105, 106, 107, 108, 109].map((number) => [
        'adjusted',
        number,
        'proposal',
      ]),
    ]);
    // §§ 93–100 reach KS as item 3 of its delegation report, linked to that protocol.
    const reported = (
      await client
        .http()
        .get(`/api/v1/organs/${organs.KS}/delegation-decisions`)
        .set(client.as('sekreterare'))
        .expect(200)
    ).body.decisions.reverse() as Array<Record<string, unknown>>;
    expect(reported).toHaveLength(11);
    expect(reported[2]).toMatchObject({
      delegate: 'Kommunstyrelsens arbets- och personalutskott',
      sourceProtocolId: Number(ksapu[0].id),
      sourceParagraphs: '§§ 93–100',
      summary:
        'Kommunstyrelsens arbets- och personalutskotts protokoll den 20 november 2023, §§ 93–100.',
      outsideOrder: null,
    });
    // 13.1 is the point for urgent decisions: item 5 is urgent by its point, not by its number.
    expect(reported[4]).toMatchObject({ pointCode: '13.1', urgent: true, outsideOrder: null });
    // Item 11 names no point of the order ("Nedskrivning/uppskrivning"): flagged.
    expect(reported[10]).toMatchObject({
      pointText: 'Nedskrivning/uppskrivning',
      outsideOrder:
        'Beslutet anges ha fattats med stöd av ”Nedskrivning/uppskrivning”, som inte är en punkt i delegationsordningen.',
    });
    expect(reported[3]).toMatchObject({ dnr: '2023-00485', pointCode: '10.1', outsideOrder: null });
    // And the follow-ups: the two Kalix reports every February, each board's årsuppföljning, and
    // KS's monthly and interim reports.
    const obligations = (await api.dataSource.query(
      `SELECT o.kind, o.rrule, o.first_due AS firstDue, k.dnr FROM obligations o
         LEFT JOIN cases k ON k.id = o.case_id WHERE o.municipality_id = ? ORDER BY o.id`,
      [kalix.municipalityId],
    )) as Array<{ kind: string; rrule: string; firstDue: Date | string; dnr: string | null }>;
    const day = (value: Date | string) =>
      typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
    expect(obligations.map((row) => [row.kind, row.dnr, row.rrule, day(row.firstDue)])).toEqual([
      ['follow-up', '2021-00079', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1', '2025-02-28'],
      ['follow-up', '2018-00278', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1', '2025-02-28'],
      ['arsuppfoljning', null, 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1', '2025-02-28'],
      ['arsuppfoljning', null, 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1', '2025-02-28'],
      [
        'manadsrapport',
        null,
        'FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYMONTHDAY=15',
        '2025-01-15',
      ],
      ['delar', null, 'FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=30', '2025-09-30'],
    ]);
    // The reports of items 7 and 8 are the näringslivschef's, who wrote their tjänsteskrivelser.
    const responsible = (await api.dataSource.query(
      `SELECT u.display_name AS name FROM obligations o JOIN users u ON u.id = o.responsible_user_id
        WHERE o.municipality_id = ? AND o.kind = 'follow-up' ORDER BY o.id`,
      [kalix.municipalityId],
    )) as Array<{ name: string }>;
    expect(responsible.map((row) => row.name)).toEqual([
      'Birgitta M Larsson',
      'Birgitta M Larsson',
    ]);
    expect(new Set(rows.map((row) => row.meetingId)).size).toBe(1);
    expect(rows[0].meetingId).not.toBeNull();
    expect(await client.readyFor(organs.KS)).toEqual([]);
    const byDnr = new Map(rows.map((row) => [row.dnr, row]));
    expect(byDnr.get('2023-00495')).toMatchObject({
      template: 'ks-arende-med-beredning',
      proposalText:
        'Kommunstyrelsens arbets- och personalutskott föreslår, att kommunstyrelsen beslutar implementera ett nytt arbetssätt där samtliga inköp i kommunen utförs genom e-handelssystem.',
    });
    expect(byDnr.get('2023-00323')?.template).toBe('kf-arende');
    expect(byDnr.get('2021-00079')).toMatchObject({
      template: 'ks-direkt',
      proposalText:
        'Kommunstyrelsen beslutar att lägga uppföljningen med godkännande till handlingarna.',
    });
    const lookup = async (dnr: string) =>
      (
        await client
          .http()
          .get(`/api/v1/cases/lookup?dnr=${dnr}`)
          .set(client.as('registrator'))
          .expect(200)
      ).body.id as number;
    // The e-handel case's route starts with KS-beredning on 8 November, as the seed's timeline.
    const ehandel = await client.timeline(await lookup('2023-00495'));
    expect(
      ehandel.steps.map((step) => [
        step.organ.code,
        step.role,
        step.state,
        step.events.map(
          (event) =>
            `${event.kind}${event.paragraph ? ` § ${event.paragraph}` : ''}${event.meetingDate ? ` ${event.meetingDate}` : ''}`,
        ),
      ]),
    ).toEqual([
      ['KS', 'prepare', 'done', ['submitted', 'proposal 2023-11-08']],
      ['KSAPU', 'propose', 'done', ['proposal § 101 2023-11-20']],
      ['KS', 'decide', 'ready', []],
    ]);
    const motion = await client.timeline(await lookup('2023-00439'));
    expect(motion.route).toMatchObject({ template: 'motion', currentStep: 2 });
    expect(
      motion.steps.map((step) => [
        step.organ.code,
        step.state,
        step.events.map(
          (event) => `${event.kind}${event.paragraph ? ` § ${event.paragraph}` : ''}`,
        ),
      ]),
    ).toEqual([
      ['KF', 'done', ['remit § 159']],
      ['KSAPU', 'done', ['submitted', 'proposal § 109']],
      ['KS', 'ready', []],
      ['KF', 'planned', []],
    ]);
    expect(motion.motion).toMatchObject({ answer: null });
    expect(await client.readyFor(organs.KSAPU)).toEqual([]);
  });

  it('walks a case through kf-arende: tjänsteskrivelse → KSAPU → KS → KF → decided', async () => {
    const caseId = await client.registerCase('Riktlinjer för ekonomistyrning', {
      classificationCode: '04',
    });
    const started = await client.startRoute(caseId, 'kf-arende');
    expect(started.route).toMatchObject({ template: 'kf-arende', templateVersion: 1 });
    expect(started.steps.map((step) => [step.organ.code, step.role, step.state])).toEqual([
      ['KSAPU', 'propose', 'preparing'],
      ['KS', 'propose', 'planned'],
      ['KF', 'decide', 'planned'],
    ]);
    expect((await client.readyFor(organs.KSAPU)).map((row) => row.caseId)).not.toContain(caseId);

    const tjansteskrivelse = await client.submitTjansteskrivelse(caseId, [
      'anta riktlinjer för ekonomistyrning enligt bilaga',
    ]);
    expect(tjansteskrivelse).toMatchObject({ status: 'submitted', versionNo: 1 });
    expect(tjansteskrivelse.documentId).toEqual(expect.any(Number));

    // A job renders it (PDF and DOCX) onto the document it was registered as.
    let files: Array<{ id: number; filename: string; contentType: string }> = [];
    await eventually(
      async () => {
        const documents = await client
          .http()
          .get(`/api/v1/cases/${caseId}/documents`)
          .set(client.as('handlaggare'))
          .expect(200);
        const document = documents.body.find(
          (candidate: { id: number }) => candidate.id === tjansteskrivelse.documentId,
        );
        files = document?.files ?? [];
        return files.length === 2;
      },
      { what: 'the tjänsteskrivelse rendered' },
    );
    const dnr = (await client.timeline(caseId)).case.dnr;
    expect(files.map((file) => file.filename).sort()).toEqual([
      `tjansteskrivelse-${dnr}-v1.docx`,
      `tjansteskrivelse-${dnr}-v1.pdf`,
    ]);
    const pdf = await client
      .http()
      .get(
        `/api/v1/documents/${tjansteskrivelse.documentId}/files/${files.find((file) => file.filename.endsWith('.pdf'))!.id}`,
      )
      .set(client.as('handlaggare'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('TJÄNSTESKRIVELSE');
    expect(text).toContain(`Dnr: ${dnr}`);
    expect(text).toContain(
      'Kommunfullmäktige beslutar att anta riktlinjer för ekonomistyrning enligt bilaga.',
    );
    expect(text).toContain('I tjänsten Jeanette Larsson Ekonomichef');

    // Two runs of the render job at once (a retry beside a stalled run) attach each format once:
    // the files are removed, then rendered again twice concurrently.
    await api.dataSource.query('DELETE FROM document_files WHERE document_id = ?', [
      tjansteskrivelse.documentId,
    ]);
    const render = worker.app.get(RenderTjansteskrivelse);
    await Promise.all(
      [1, 2].map(() =>
        render.handle({
          municipalityId: kalix.municipalityId,
          tjansteskrivelseId: tjansteskrivelse.id,
        }),
      ),
    );
    const rerendered = (await api.dataSource.query(
      'SELECT filename FROM document_files WHERE document_id = ? ORDER BY filename',
      [tjansteskrivelse.documentId],
    )) as Array<{ filename: string }>;
    expect(rerendered.map((row) => row.filename)).toEqual([
      `tjansteskrivelse-${dnr}-v1.docx`,
      `tjansteskrivelse-${dnr}-v1.pdf`,
    ]);

    await client.waitFor(caseId, 'ready for KSAPU', (t) => visit(t) === 'active:0:ready');
    const readyKsapu = (await client.readyFor(organs.KSAPU)).find((row) => row.caseId === caseId);
    expect(readyKsapu?.proposalText).toBe(
      'Kommunfullmäktige beslutar att anta riktlinjer för ekonomistyrning enligt bilaga.',
    );

    await client.outcome(caseId, {
      kind: 'proposal',
      text: KSAPU_PROPOSAL,
      meetingDate: '2023-11-20',
      paragraph: 108,
    });
    await client.waitFor(caseId, 'ready for KS', (t) => visit(t) === 'active:1:ready');
    const readyKs = (await client.readyFor(organs.KS)).find((row) => row.caseId === caseId);
    expect(readyKs).toMatchObject({ step: 1, proposalText: KSAPU_PROPOSAL });
    expect((await client.readyFor(organs.KSAPU)).map((row) => row.caseId)).not.toContain(caseId);

    await client.outcome(caseId, {
      kind: 'proposal',
      text: KS_PROPOSAL,
      meetingDate: '2023-12-11',
      paragraph: 201,
    });
    await client.waitFor(caseId, 'ready for KF', (t) => visit(t) === 'active:2:ready');
    expect((await client.readyFor(organs.KF)).find((row) => row.caseId === caseId)).toMatchObject({
      proposalText: KS_PROPOSAL,
    });

    // The KS/KSAPU secretary does not record KF's outcomes.
    await client.outcome(caseId, { kind: 'decision', text: 'x' }, 'sekreterare', 403);
    await client.outcome(
      caseId,
      {
        kind: 'decision',
        text: 'Kommunfullmäktige beslutar anta riktlinjer för ekonomistyrning enligt bilaga.',
        meetingDate: '2024-01-29',
        paragraph: 3,
      },
      'admin',
    );
    // The timeline reads the case and its route in two statements: wait until both show the
    // decision, which commit together.
    const done = await client.waitFor(
      caseId,
      'decided',
      (t) => t.route.status === 'decided' && t.case.status === 'decided',
    );
    expect(done.case.status).toBe('decided');
    expect(done.steps.map((step) => [step.organ.code, step.state])).toEqual([
      ['KSAPU', 'done'],
      ['KS', 'done'],
      ['KF', 'done'],
    ]);
    expect(
      done.steps.flatMap((step) =>
        step.events.map((event) => [step.organ.code, event.kind, event.paragraph]),
      ),
    ).toEqual([
      ['KSAPU', 'submitted', null],
      ['KSAPU', 'proposal', 108],
      ['KS', 'proposal', 201],
      ['KF', 'decision', 3],
    ]);
    // Exactly one audited move per event.
    const moves = await api.dataSource.query(
      `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'route.advanced' AND entity_id = ?`,
      [String(await routeIdOf(caseId))],
    );
    expect(Number(moves[0].n)).toBe(4);
  });

  it('sends a case back (återremiss) for a new tjänsteskrivelse and keeps a tabled case (bordläggning) ready', async () => {
    const caseId = await client.registerCase('Avsiktsförklaring - Jämställd industri');
    await client.startRoute(caseId, 'ks-arende');
    await client.submitTjansteskrivelse(caseId, ['underteckna avsiktsförklaring']);
    await client.waitFor(caseId, 'ready for KSAPU', (t) => visit(t) === 'active:0:ready');

    // A decision belongs to KS on this route, and a second version waits for an återremiss.
    const refused = await client.outcome(
      caseId,
      { kind: 'decision', text: 'x' },
      'sekreterare',
      409,
    );
    expect(refused).toMatchObject({ status: 409, code: 'transition-not-allowed' });
    const early = await client
      .http()
      .post(`/api/v1/cases/${caseId}/tjansteskrivelser`)
      .set(client.as('handlaggare'))
      .send({ authorTitle: 'Kommundirektör', proposalClauses: ['y'] });
    expect(early.body).toMatchObject({ status: 409, code: 'tjansteskrivelse-submitted' });

    await client.outcome(caseId, {
      kind: 'proposal',
      text: 'Kommunstyrelsens arbets- och personalutskott föreslår, att kommunstyrelsen beslutar underteckna avsiktsförklaring – Jämställd industri.',
      paragraph: 104,
    });
    await client.waitFor(caseId, 'ready for KS', (t) => visit(t) === 'active:1:ready');

    await client.outcome(caseId, { kind: 'bordlaggning', paragraph: 210 });
    const tabled = await client.waitFor(
      caseId,
      'tabled',
      (t) => t.route.currentRound === 1 && visit(t) === 'active:1:ready',
    );
    expect(tabled.steps[1].events.map((event) => event.kind)).toEqual(['bordlaggning']);
    expect((await client.readyFor(organs.KS)).map((row) => row.caseId)).toContain(caseId);

    await client.outcome(caseId, { kind: 'aterremiss', paragraph: 230 });
    await client.waitFor(caseId, 'sent back', (t) => visit(t) === 'active:1:preparing');
    expect((await client.readyFor(organs.KS)).map((row) => row.caseId)).not.toContain(caseId);

    const second = await client.submitTjansteskrivelse(caseId, [
      'underteckna avsiktsförklaring – Jämställd industri',
      'uppdra åt kommundirektören att följa upp arbetet',
    ]);
    expect(second.versionNo).toBe(2);
    await client.waitFor(caseId, 'ready for KS again', (t) => visit(t) === 'active:1:ready');
    const again = (await client.readyFor(organs.KS)).find((row) => row.caseId === caseId);
    expect(again?.proposalText).toBe(
      'Kommunstyrelsen beslutar\n\natt underteckna avsiktsförklaring – Jämställd industri,\n\natt uppdra åt kommundirektören att följa upp arbetet.',
    );

    await client.outcome(caseId, {
      kind: 'decision',
      text: 'Kommunstyrelsen beslutar …',
      paragraph: 250,
    });
    const decided = await client.waitFor(caseId, 'decided', (t) => t.route.status === 'decided');
    expect(decided.steps[1].events.map((event) => [event.kind, event.round])).toEqual([
      ['bordlaggning', 0],
      ['aterremiss', 1],
      ['submitted', 2],
      ['decision', 3],
    ]);
    expect(decided.tjansteskrivelser.map((t) => [t.versionNo, t.status])).toEqual([
      [1, 'submitted'],
      [2, 'submitted'],
    ]);
  });

  it('withdraws a case from its route with a reason', async () => {
    const caseId = await client.registerCase('Ärende som utgår');
    await client.startRoute(caseId, 'ks-direkt');
    const missing = await client.outcome(caseId, { kind: 'withdrawn' }, 'sekreterare', 422);
    expect(missing.errors).toEqual([{ field: 'reason', message: 'a withdrawal needs its reason' }]);
    await client.outcome(caseId, { kind: 'withdrawn', reason: 'Ärendet har återkallats' });
    const withdrawn = await client.waitFor(
      caseId,
      'withdrawn',
      (t) => t.route.status === 'withdrawn',
    );
    expect(withdrawn.steps[0]).toMatchObject({ state: 'withdrawn' });
    expect(withdrawn.case.status).toBe('open');
    const after = await client.outcome(
      caseId,
      { kind: 'withdrawn', reason: 'igen' },
      'sekreterare',
      409,
    );
    expect(after.code).toBe('route-finished');
  });

  it('takes a motion through its route: registered, remitted by KF, prepared, answered', async () => {
    const registered = await client
      .http()
      .post('/api/v1/motions')
      .set(client.as('registrator'))
      .send({
        title: 'Motion - Skyddsrum i Kalix kommun',
        submittedOn: '2023-10-16',
        authors: [
          { name: 'Carl Otto Gählman', party: 'FIK' },
          { name: 'Doris Lilian Kerttu', party: 'FIK' },
          { name: 'Johanna Söderman', party: 'FIK' },
        ],
        classificationCode: '103',
        responsibleUserId: kalix.userIds.handlaggare,
      })
      .expect(201);
    expect(registered.body).toMatchObject({ deadlineOn: '2024-10-16', answer: null });
    const caseId = registered.body.caseId;

    const remitted = await client
      .http()
      .post(`/api/v1/motions/${caseId}/remittance`)
      .set(client.as('admin'))
      .send({ decidedOn: '2023-10-16', paragraph: 159 })
      .expect(202);
    expect(remitted.body.motion).toMatchObject({
      remittedOn: '2023-10-16',
      remittedParagraph: 159,
    });
    await client.waitFor(caseId, 'remitted', (t) => visit(t) === 'active:1:preparing');

    await client.submitTjansteskrivelse(caseId, ['avslå motionen'], {
      authorTitle: 'Säkerhetschef',
    });
    await client.waitFor(caseId, 'ready for KSAPU', (t) => visit(t) === 'active:1:ready');
    await client.outcome(caseId, {
      kind: 'proposal',
      text: 'Kommunstyrelsens arbets- och personalutskott rekommenderar kommunstyrelsen föreslå, att kommunfullmäktige beslutar avslå motionen.',
      paragraph: 109,
    });
    await client.waitFor(caseId, 'ready for KS', (t) => visit(t) === 'active:2:ready');
    await client.outcome(caseId, {
      kind: 'proposal',
      text: 'Kommunstyrelsen föreslår, att kommunfullmäktige beslutar avslå motionen.',
    });
    await client.waitFor(caseId, 'ready for KF', (t) => visit(t) === 'active:3:ready');

    const unanswered = await client.outcome(caseId, { kind: 'decision', text: 'x' }, 'admin', 422);
    expect(unanswered.errors[0].field).toBe('motionAnswer');
    await client.outcome(
      caseId,
      {
        kind: 'decision',
        text: 'Kommunfullmäktige beslutar avslå motionen.',
        motionAnswer: 'avslag',
        meetingDate: '2024-02-26',
        paragraph: 12,
      },
      'admin',
    );
    const answered = await client.waitFor(caseId, 'answered', (t) => t.route.status === 'decided');
    expect(answered.motion).toMatchObject({ answer: 'avslag', answeredOn: '2024-02-26' });
    expect(answered.steps[0].events[0]).toMatchObject({ kind: 'remit', paragraph: 159 });

    const overdue = await client
      .http()
      .get('/api/v1/motions?overdueOn=2024-11-01')
      .set(client.as('registrator'))
      .expect(200);
    expect(overdue.body.motions.map((m: { caseId: number }) => m.caseId)).not.toContain(caseId);
  });

  it('hides a secret case’s proposals from staff without the right, as its title', async () => {
    const caseId = await client.registerCase('Orosanmälan gällande ett barn', {
      secrecyOsl: 'OSL 26 kap. 1 §',
      publicTitle: 'Ärende enligt socialtjänstlagen',
    });
    await client.startRoute(caseId, 'ks-direkt');
    await client.submitTjansteskrivelse(caseId, ['besluta om insats för barnet'], {
      addressedOrganId: organs.KS,
    });
    await client.waitFor(caseId, 'ready for KS', (t) => visit(t) === 'active:0:ready');
    const asSecretary = await client.timeline(caseId, 'sekreterare');
    expect(asSecretary.steps[0].proposalText).toBeNull();
    expect(asSecretary.steps[0].events[0]).toMatchObject({ kind: 'submitted', text: null });
    const ready = (await client.readyFor(organs.KS)).find((row) => row.caseId === caseId);
    expect(ready).toMatchObject({ title: 'Ärende enligt socialtjänstlagen', proposalText: null });
    // The responsible official (and the registrator) see it.
    expect((await client.timeline(caseId, 'handlaggare')).steps[0].proposalText).toBe(
      'Kommunstyrelsen beslutar att besluta om insats för barnet.',
    );
  });

  it('shows a public case’s route to the public, and not a secret one', async () => {
    const caseId = await client.registerCase('Offentligt ärende');
    await client.startRoute(caseId, 'ks-direkt');
    const publicView = await client
      .http()
      .get(`/api/v1/public/kalix/cases/${caseId}/timeline`)
      .expect(200);
    expect(publicView.body.steps).toEqual([
      expect.objectContaining({
        organ: expect.objectContaining({ code: 'KS' }),
        state: 'preparing',
      }),
    ]);
    const secret = await client.registerCase('Hemligt', {
      secrecyOsl: 'OSL 21 kap. 1 §',
      publicTitle: 'Sekretessärende',
    });
    await client.http().get(`/api/v1/public/kalix/cases/${secret}/timeline`).expect(404);
  });

  async function routeIdOf(caseId: number): Promise<number> {
    const [row] = await api.dataSource.query('SELECT id FROM route_instances WHERE case_id = ?', [
      caseId,
    ]);
    return Number(row.id);
  }
});
