import { TransactionRunner } from '@nf/database';
import { loadKalixFixture } from '@nf/demo';
import { ContinueParagraphSeries } from '@nf/protocols';
import { RenderExtract, workingDayOnOrAfter } from '@nf/protocols-jobs';
import { addDays } from '@nf/common';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { seedTenant, Tenant } from '../support/identity';
import { pdfText } from '../support/pdf-text';
import { startSmtp, SmtpHarness } from '../support/smtp';
import { eventually, resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';
import { protocolClient } from '../support/protocol-client';
import { visit, workflowClient } from '../support/workflow-client';
import { binary } from '../support/binary';

interface ProtocolBody {
  id: number;
  status: string;
  version: number;
  contentHash: string | null;
  paragraphs: Array<{
    id: number;
    number: number | null;
    heading: string;
    caseId: number | null;
    outcome: string;
  }>;
}

describe('Protocols: numbering, justering, and the route moving on', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let worker: WorkerHarness;
  let smtp: SmtpHarness;
  let kalix: Tenant;
  let client: ReturnType<typeof workflowClient>;
  let organs: Record<string, number>;
  const http = () => request(api.app.getHttpServer());
  const as = (user: string) => ({ Authorization: `Bearer ${kalix.tokens[user]}` });

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { demoOnStart: false });
    // The fixture's cases ready for KSAPU; the chain test takes them through the protocols.
    kalix = await seedTenant(api, 'kalix', { stopBefore: 'ksapu-protocol' });
    smtp = await startSmtp();
    worker = await startWorker(testConfig({ APP_DEMO: 'true', SMTP_PORT: String(smtp.port) }), {
      runOutbox: true,
    });
    client = workflowClient(api, kalix);
    organs = await client.organIds();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  /** A summoned meeting (of KSAPU unless told) with the given ready cases on its agenda. */
  const summonedMeeting = (startsAt: string, caseIds: number[], organ = 'KSAPU') =>
    client.summonedMeeting(organs[organ], startsAt, caseIds);

  const openProtocol = (meetingId: number) =>
    protocolClient(api, kalix).openProtocol<ProtocolBody>(meetingId);
  const lockAndSign = (protocolId: number) =>
    protocolClient(api, kalix).lockAndSign<ProtocolBody>(protocolId);

  async function fileText(path: string, user: string): Promise<string> {
    const response = await http().get(path).set(as(user)).buffer(true).parse(binary).expect(200);
    return pdfText(response.body as Buffer);
  }

  async function caseReadyForKsapu(title: string): Promise<number> {
    const caseId = await client.registerCase(title);
    await client.startRoute(caseId, 'ks-arende');
    await client.submitTjansteskrivelse(caseId, ['införa e-handel'], {
      addressedOrganId: organs.KS,
    });
    await client.waitFor(caseId, 'ready for KSAPU', (t) => visit(t) === 'active:0:ready');
    return caseId;
  }

  const continueSeries = (year: number, next: number) =>
    api.app
      .get(TransactionRunner)
      .run((tx) => api.app.get(ContinueParagraphSeries).execute(tx, organs.KSAPU, year, next));

  it('runs the fixture’s chain: KSAPU §§ 101–109 after §§ 93–100, its cases to KS with KSAPU’s text, KS’s justering sends 2023-00323 and 2023-00439 to KF, and 2024 starts at § 1', async () => {
    const fixture = loadKalixFixture();
    const items = (fixture.ksapuParagraphs as { items: Array<{ dnr: string; decision: string }> })
      .items;
    const ids: number[] = [];
    for (const item of items) {
      const [row] = await api.dataSource.query(
        'SELECT id FROM cases WHERE municipality_id = ? AND dnr = ?',
        [kalix.municipalityId, item.dnr],
      );
      ids.push(Number(row.id));
    }
    expect((await client.readyFor(organs.KSAPU)).map((row) => row.caseId)).toEqual(
      expect.arrayContaining(ids),
    );

    // KSAPU's meeting of 20 November 2023: eight paragraphs, §§ 93–100.
    await continueSeries(2023, 93);
    const earlier = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => caseReadyForKsapu(`Ärende ${n} den 20 november`)),
    );
    const november20 = await openProtocol(await summonedMeeting('2023-11-20T13:00', earlier));
    expect((await lockAndSign(november20.id)).paragraphs.map((p) => p.number)).toEqual([
      93, 94, 95, 96, 97, 98, 99, 100,
    ]);

    // The fixture's meeting: the nine cases, with KSAPU's proposals as the protocol says them.
    const draft = await openProtocol(await summonedMeeting('2023-11-27T13:00', ids));
    expect(draft.paragraphs.map((paragraph) => paragraph.caseId)).toEqual(ids);
    let version = draft.version;
    for (const [index, paragraph] of draft.paragraphs.entries()) {
      version = (
        await http()
          .patch(`/api/v1/protocols/${draft.id}/paragraphs/${paragraph.id}`)
          .set(as('sekreterare'))
          .send({ version, outcome: 'proposal', decisionText: items[index].decision })
          .expect(200)
      ).body.version;
    }
    const ksapu = await lockAndSign(draft.id);
    expect(ksapu.paragraphs.map((paragraph) => paragraph.number)).toEqual([
      101, 102, 103, 104, 105, 106, 107, 108, 109,
    ]);
    // Each case moves to KS's ready list (the motion's KS step is its third), by the jobs.
    await eventually(async () => {
      const ready = await client.readyFor(organs.KS);
      return ids.every((caseId) => ready.some((row) => row.caseId === caseId));
    });
    const readyForKs = await client.readyFor(organs.KS);
    for (const [index, caseId] of ids.entries()) {
      expect(readyForKs.find((row) => row.caseId === caseId)?.proposalText).toBe(
        items[index].decision,
      );
    }

    // KS on 11 December: seven cases decided, 2023-00323 and the motion 2023-00439 proposed to KF.
    const towardsKf = ['2023-00323', '2023-00439'].map(
      (dnr) => ids[items.findIndex((item) => item.dnr === dnr)],
    );
    const ks = await openProtocol(await summonedMeeting('2023-12-11T09:00', ids, 'KS'));
    const caseParagraphs = ks.paragraphs.filter((paragraph) => paragraph.caseId !== null);
    expect(
      caseParagraphs.filter((paragraph) => paragraph.outcome === 'proposal').map((p) => p.caseId),
    ).toEqual(ids.filter((id) => towardsKf.includes(id)));
    expect(caseParagraphs.filter((paragraph) => paragraph.outcome === 'decision')).toHaveLength(7);
    await lockAndSign(ks.id);
    await eventually(async () => {
      const ready = await client.readyFor(organs.KF);
      return towardsKf.every((caseId) => ready.some((row) => row.caseId === caseId));
    });
    for (const caseId of ids.filter((id) => !towardsKf.includes(id))) {
      await client.waitFor(caseId, 'decided by KS', (t) => t.route.status === 'decided');
    }
    const readyForKf = (await client.readyFor(organs.KF)).map((row) => row.caseId);
    expect(readyForKf).toEqual(expect.arrayContaining(towardsKf));
    expect(readyForKf.filter((caseId) => ids.includes(caseId)).sort()).toEqual(
      [...towardsKf].sort(),
    );

    // The first KSAPU meeting of 2024 starts the series again.
    const january = await openProtocol(
      await summonedMeeting('2024-01-22T13:00', [await caseReadyForKsapu('Första ärendet 2024')]),
    );
    expect((await lockAndSign(january.id)).paragraphs.map((p) => p.number)).toEqual([1]);
  });

  it('takes as signers only people with a seat on the organ: the ordförande (or whoever the attendance says presided) and justerare present, and audits who named them', async () => {
    const meetingId = await summonedMeeting('2025-09-22T13:00', [
      await caseReadyForKsapu('Ärende med fel justerare'),
    ]);
    const open = (body: object) =>
      http().post(`/api/v1/meetings/${meetingId}/protocol`).set(as('sekreterare')).send(body);
    // The secretary and a handläggare have no seat on KSAPU: refused, and nothing is opened.
    const strangers = await open({
      chairUserId: kalix.userIds.sekreterare,
      adjusterUserIds: [kalix.userIds.handlaggare],
    }).expect(422);
    expect(strangers.body.errors).toEqual([
      { field: 'chairUserId', message: expect.stringContaining('no seat on the organ') },
      { field: 'adjusterUserIds', message: expect.stringContaining('no seat on the organ') },
    ]);
    // A ledamot is not the chair unless the attendance says they presided.
    const notChair = await open({
      chairUserId: kalix.userIds.justerare,
      adjusterUserIds: [kalix.userIds.ordforande],
    }).expect(422);
    expect(notChair.body.errors[0].message).toContain('presidedBy');
    // Demoledamot Ett sits on KS, not on KSAPU.
    await open({
      chairUserId: kalix.userIds.ordforande,
      adjusterUserIds: [kalix.userIds.ledamot],
    }).expect(422);
    const [{ n }] = await api.dataSource.query(
      'SELECT COUNT(*) AS n FROM protocols WHERE meeting_id = ?',
      [meetingId],
    );
    expect(Number(n)).toBe(0);

    // The ordförande away for the first part: Demoledamot Två presided (ålderspresident).
    const attendance = {
      members: [{ name: 'Susanne Andersson' }, { name: 'Demoledamot Två' }],
      substitutes: [],
      others: [],
      presidedBy: 'Demoledamot Två',
    };
    const opened = (
      await open({
        chairUserId: kalix.userIds.justerare,
        adjusterUserIds: [kalix.userIds.ordforande],
        attendance,
      }).expect(201)
    ).body as ProtocolBody;
    // A justerare not present is refused when the attendance changes, and changes nothing.
    await http()
      .patch(`/api/v1/protocols/${opened.id}`)
      .set(as('sekreterare'))
      .send({
        version: opened.version,
        attendance: { ...attendance, members: [{ name: 'Demoledamot Två' }] },
      })
      .expect(422);
    // Naming the real chair: the attendance must say the ordförande presided.
    const renamed = await http()
      .patch(`/api/v1/protocols/${opened.id}`)
      .set(as('sekreterare'))
      .send({
        version: opened.version,
        chairUserId: kalix.userIds.ordforande,
        adjusterUserIds: [kalix.userIds.justerare],
        attendance: { ...attendance, presidedBy: null },
      })
      .expect(200);
    expect(renamed.body).toMatchObject({
      chairUserId: kalix.userIds.ordforande,
      adjusterUserIds: [kalix.userIds.justerare],
    });
    const audit = (await api.dataSource.query(
      `SELECT action, actor_id AS actorId, after_state AS afterState FROM audit_log
        WHERE entity_type = 'protocol' AND entity_id = ? ORDER BY id`,
      [String(opened.id)],
    )) as Array<{ action: string; actorId: string; afterState: string | object }>;
    const after = (row: { afterState: string | object }) =>
      typeof row.afterState === 'string' ? JSON.parse(row.afterState) : row.afterState;
    expect(audit.map((row) => [row.action, Number(row.actorId)])).toEqual([
      ['protocol.created', kalix.userIds.sekreterare],
      ['protocol.heading-updated', kalix.userIds.sekreterare],
    ]);
    expect(after(audit[0])).toMatchObject({
      chairUserId: kalix.userIds.justerare,
      adjusterUserIds: [kalix.userIds.ordforande],
    });
    expect(after(audit[1])).toMatchObject({ chairUserId: kalix.userIds.ordforande });
    // The secretary who named herself could not sign anyway; the chair signs after the lock.
    const locked = await lockAndSign(opened.id);
    expect(locked.status).toBe('locked');
  });

  it('numbers KSAPU’s paragraphs after the earlier ones of the year, and justering moves the case to KS with KSAPU’s text', async () => {
    // The year's series stood at § 100 when the municipality came to this system.
    await continueSeries(2025, 101);
    const caseId = await caseReadyForKsapu('Implementera nytt arbetssätt med E-handel');
    const meetingId = await summonedMeeting('2025-11-24T13:00', [caseId]);
    const draft = await openProtocol(meetingId);
    // Kalix's utskott has no standing items (config/agenda/kalix.json): its cases only.
    expect(draft.paragraphs.map((paragraph) => [paragraph.heading, paragraph.outcome])).toEqual([
      ['Implementera nytt arbetssätt med E-handel', 'proposal'],
    ]);
    const proposal =
      'Kommunstyrelsens arbets- och personalutskott föreslår, att kommunstyrelsen beslutar implementera ett nytt arbetssätt där samtliga inköp i kommunen utförs genom e-handelssystem.';
    const edited = await http()
      .patch(`/api/v1/protocols/${draft.id}/paragraphs/${draft.paragraphs[0].id}`)
      .set(as('sekreterare'))
      .send({ decisionText: proposal, version: draft.version })
      .expect(200);
    const locked = (
      await http()
        .post(`/api/v1/protocols/${draft.id}/lock`)
        .set(as('sekreterare'))
        .send({ version: edited.body.version })
        .expect(200)
    ).body as ProtocolBody;
    expect(locked.paragraphs.map((paragraph) => paragraph.number)).toEqual([101]);
    await http()
      .patch(`/api/v1/protocols/${draft.id}/paragraphs/${draft.paragraphs[0].id}`)
      .set(as('sekreterare'))
      .send({ decisionText: 'Ändrat i efterhand', version: locked.version })
      .expect(409);

    // What they sign: the protocol as locked, rendered by a job.
    let files: Array<{ id: number; filename: string }> = [];
    await eventually(async () => {
      files = (await http().get(`/api/v1/protocols/${draft.id}`).set(as('justerare')).expect(200))
        .body.files;
      return files.length === 2;
    });
    const protocolText = await fileText(
      `/api/v1/protocols/${draft.id}/files/${files.find((file) => file.filename.endsWith('.pdf'))!.id}`,
      'justerare',
    );
    expect(protocolText).toContain('SAMMANTRÄDESPROTOKOLL');
    expect(protocolText).toContain('Paragrafer: § 101');
    expect(protocolText).toContain('§ 101 Implementera nytt arbetssätt med E-handel');
    expect(protocolText).toContain('Justerare: Demoledamot Två');
    expect(protocolText).toContain('Justerandes sign');

    // A signature on another version is refused; only the chair and the justerare sign.
    const stale = await http()
      .post(`/api/v1/protocols/${draft.id}/signatures`)
      .set(as('justerare'))
      .send({ contentHash: 'a'.repeat(64) })
      .expect(409);
    expect(stale.body.code).toBe('outdated-protocol');
    await http()
      .post(`/api/v1/protocols/${draft.id}/signatures`)
      .set(as('ledamot'))
      .send({ contentHash: locked.contentHash })
      .expect(403);
    await http()
      .post(`/api/v1/protocols/${draft.id}/signatures`)
      .set(as('ordforande'))
      .send({ contentHash: locked.contentHash })
      .expect(201);
    // Not yet adjusted: the case waits.
    expect(visit(await client.timeline(caseId))).toBe('active:0:ready');
    const adjusted = await http()
      .post(`/api/v1/protocols/${draft.id}/signatures`)
      .set(as('justerare'))
      .send({ contentHash: locked.contentHash })
      .expect(201);
    expect(adjusted.body.status).toBe('adjusted');

    const moved = await client.waitFor(
      caseId,
      'ready for KS',
      (t) => visit(t) === 'active:1:ready',
    );
    expect(moved.steps[1].proposalText).toBe(proposal);
    expect(moved.steps[0].events.at(-1)).toMatchObject({
      kind: 'proposal',
      paragraph: 101,
      meetingDate: '2025-11-24',
    });
    expect((await client.readyFor(organs.KS)).map((row) => row.caseId)).toContain(caseId);

    // The extract is stored on the case, certified.
    let extract: { id: number; files: Array<{ id: number; filename: string }> } | undefined;
    await eventually(async () => {
      const documents = (
        await http().get(`/api/v1/cases/${caseId}/documents`).set(as('registrator')).expect(200)
      ).body;
      extract = documents.find(
        (document: { type: string; files: unknown[] }) =>
          document.type === 'protokollsutdrag' && document.files.length === 1,
      );
      return extract !== undefined;
    });
    const extractText = await fileText(
      `/api/v1/documents/${extract!.id}/files/${extract!.files[0].id}`,
      'registrator',
    );
    expect(extractText).toContain('PROTOKOLLSUTDRAG');
    expect(extractText).toContain('§ 101 Implementera nytt arbetssätt med E-handel');
    expect(extractText).toContain('Utdragsbestyrkande');
    expect(extractText).toContain('samtliga inköp i kommunen utförs genom e-handelssystem');

    // Two runs of the extract job at once (a retry beside a stalled run) store one document with
    // one file: the extract is removed, then rendered again twice concurrently.
    const [{ paragraphId }] = await api.dataSource.query(
      'SELECT id AS paragraphId FROM paragraphs WHERE protocol_id = ? AND case_id = ?',
      [draft.id, caseId],
    );
    await api.dataSource.query('DELETE FROM document_files WHERE document_id = ?', [extract!.id]);
    await api.dataSource.query('DELETE FROM documents WHERE id = ?', [extract!.id]);
    const renderExtract = worker.app.get(RenderExtract);
    const runs = await Promise.all(
      [1, 2].map(() =>
        renderExtract.handle({
          municipalityId: kalix.municipalityId,
          paragraphId: Number(paragraphId),
        }),
      ),
    );
    expect(runs.map((run) => run.status)).toEqual(['done', 'done']);
    const rendered = (await api.dataSource.query(
      `SELECT d.id, COUNT(f.id) AS files FROM documents d LEFT JOIN document_files f ON f.document_id = d.id
        WHERE d.case_id = ? AND d.type = 'protokollsutdrag' GROUP BY d.id`,
      [caseId],
    )) as Array<{ id: number; files: string | number }>;
    expect(rendered.map((row) => Number(row.files))).toEqual([1]);

    // The notice board shows the adjusted protocol, with the last day of appeal (by the job).
    let notices: Array<Record<string, string | number>> = [];
    await eventually(async () => {
      notices = (await http().get('/api/v1/public/kalix/anslag').expect(200)).body.notices;
      return notices.some((notice) => notice.protocolId === draft.id);
    });
    const notice = notices.find((candidate) => candidate.protocolId === draft.id)!;
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
      new Date(),
    );
    expect(notice).toMatchObject({
      organ: 'Kommunstyrelsens arbets- och personalutskott',
      meetingDate: '2025-11-24',
      paragraphs: '§ 101',
      adjustedOn: today,
      postedOn: today,
      appealEndsOn: workingDayOnOrAfter(addDays(today, 21)),
    });
    const page = await http().get('/anslagstavla/kalix').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('måndagen den 24 november 2025');
    expect(page.text).toContain(`Sista dag att överklaga</dt><dd>${notice.appealEndsOn}`);
  });

  it('records attendance, yrkanden, a vote, reservations and jäv; written reasons count until justering; expediering e-mails the extract', async () => {
    const caseId = await caseReadyForKsapu('Avsiktsförklaring - Jämställd industri');
    const meetingId = await summonedMeeting('2025-10-13T13:00', [caseId]);
    const none = await http()
      .get(`/api/v1/meetings/${meetingId}/protocol`)
      .set(as('sekreterare'))
      .expect(404);
    expect(none.headers['content-type']).toContain('application/problem+json');
    const draft = await openProtocol(meetingId);
    const found = await http()
      .get(`/api/v1/meetings/${meetingId}/protocol`)
      .set(as('ledamot'))
      .expect(200);
    expect(found.body.id).toBe(draft.id);
    const paragraph = draft.paragraphs.find((candidate) => candidate.caseId === caseId)!;
    const path = `/api/v1/protocols/${draft.id}/paragraphs/${paragraph.id}`;
    const headed = await http()
      .patch(`/api/v1/protocols/${draft.id}`)
      .set(as('sekreterare'))
      .send({
        version: draft.version,
        attendance: {
          members: [
            { name: 'Susanne Andersson', party: 'S' },
            { name: 'Demoledamot Två', party: 'C' },
            { name: 'Anna Larsson', party: 'V' },
          ],
          substitutes: [{ name: 'Per Berg', party: 'M', replacing: 'Demoledamot Ett' }],
          others: [{ name: 'Helena Landström', title: 'sekreterare' }],
        },
        justeringAt: '2025-10-15T13:00',
        justeringPlace: 'Kommunkansliet',
      })
      .expect(200);
    expect(headed.body.justeringAt).toBe('2025-10-15T11:00:00.000Z');

    // A vote from someone who is not there, or who left for jäv, changes nothing.
    for (const ballots of [
      [{ member: 'Okänd Person', vote: 'ja' }],
      [{ member: 'Per Berg', vote: 'nej' }],
    ]) {
      const refused = await http()
        .patch(path)
        .set(as('sekreterare'))
        .send({
          version: headed.body.version,
          jav: ['Per Berg'],
          votering: { question: 'Ja för utskottets förslag, nej för avslag', ballots },
        })
        .expect(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    // A member who left the meeting for this paragraph does not vote either.
    const absentVote = await http()
      .patch(path)
      .set(as('sekreterare'))
      .send({
        version: headed.body.version,
        absent: ['Demoledamot Två'],
        votering: {
          question: 'Ja för bifall, nej för avslag',
          ballots: [{ member: 'Demoledamot Två', vote: 'ja' }],
        },
      })
      .expect(422);
    expect(JSON.stringify(absentVote.body.errors)).toContain('was not in the room');
    const recorded = await http()
      .patch(path)
      .set(as('sekreterare'))
      .send({
        version: headed.body.version,
        yrkanden: [
          { by: 'Susanne Andersson (S)', text: 'bifall till tjänsteskrivelsens förslag.' },
          { by: 'Anna Larsson (V)', text: 'avslag på förslaget.' },
        ],
        propositionsordning:
          'Ordföranden ställer proposition på förslagen och finner att bifallsyrkandet vinner. Votering begärs.',
        jav: ['Per Berg'],
        votering: {
          question: 'Ja för bifall, nej för Anna Larssons avslagsyrkande',
          ballots: [
            { member: 'Susanne Andersson', vote: 'ja' },
            { member: 'Demoledamot Två', vote: 'ja' },
            { member: 'Anna Larsson', vote: 'nej' },
          ],
        },
        reservations: [{ member: 'Anna Larsson' }],
        notes: [{ by: 'Demoledamot Två (C)', text: 'Uppföljning önskas under 2024.' }],
        expediering: [
          { name: 'Ekonomienheten', email: 'ekonomi@kalix.example' },
          { name: 'Akten' },
        ],
      })
      .expect(200);
    const proceedings = recorded.body.paragraphs.find(
      (candidate: { id: number }) => candidate.id === paragraph.id,
    ).proceedings;
    expect(proceedings.votering).toMatchObject({ ja: 2, nej: 1, avstar: 0, result: 'ja' });

    const locked = (
      await http()
        .post(`/api/v1/protocols/${draft.id}/lock`)
        .set(as('sekreterare'))
        .send({ version: recorded.body.version })
        .expect(200)
    ).body as ProtocolBody;
    await http()
      .post(`/api/v1/protocols/${draft.id}/signatures`)
      .set(as('ordforande'))
      .send({ contentHash: locked.contentHash })
      .expect(201);

    // The written reasons come in after the chair signed: the protocol changed, so the chair's
    // signature no longer counts and the old hash cannot be signed.
    const reasons =
      'Vi anser att kommunen inte bör binda sig vid avsiktsförklaringen innan kostnaderna är kända.';
    const withReasons = await http()
      .post(`${path}/reservation-reasons`)
      .set(as('sekreterare'))
      .send({ member: 'Anna Larsson', reasons })
      .expect(200);
    expect(withReasons.body.contentHash).not.toBe(locked.contentHash);
    expect(withReasons.body.signatures).toEqual([]);
    expect(withReasons.body.droppedSignatures).toEqual([
      {
        userId: kalix.userIds.ordforande,
        droppedAt: expect.any(String),
        reservationOf: 'Anna Larsson',
      },
    ]);
    // The chair, whose signature dropped, has the protocol to sign again; a ledamot has nothing.
    const toSign = await http()
      .get('/api/v1/me/protocols-to-sign')
      .set(as('ordforande'))
      .expect(200);
    expect(toSign.body.protocols).toContainEqual(
      expect.objectContaining({ protocolId: draft.id, protocol: true, immediateParagraphs: 0 }),
    );
    const nothing = await http().get('/api/v1/me/protocols-to-sign').set(as('ledamot')).expect(200);
    expect(nothing.body.protocols).toEqual([]);
    await http()
      .post(`${path}/reservation-reasons`)
      .set(as('sekreterare'))
      .send({ member: 'Demoledamot Två', reasons: 'Hen reserverade sig inte.' })
      .expect(422);
    const stale = await http()
      .post(`/api/v1/protocols/${draft.id}/signatures`)
      .set(as('justerare'))
      .send({ contentHash: locked.contentHash })
      .expect(409);
    expect(stale.body.code).toBe('outdated-protocol');
    for (const user of ['ordforande', 'justerare']) {
      await http()
        .post(`/api/v1/protocols/${draft.id}/signatures`)
        .set(as(user))
        .send({ contentHash: withReasons.body.contentHash })
        .expect(201);
    }
    let adjusted: { anslag: { postedOn: string; appealEndsOn: string } | null } = { anslag: null };
    await eventually(async () => {
      adjusted = (
        await http().get(`/api/v1/protocols/${draft.id}`).set(as('justerare')).expect(200)
      ).body;
      return adjusted.anslag !== null;
    });
    const [notice] = await api.dataSource.query(
      `SELECT DATE_FORMAT(posted_on, '%Y-%m-%d') AS postedOn,
              DATE_FORMAT(appeal_ends_on, '%Y-%m-%d') AS appealEndsOn
         FROM anslag WHERE protocol_id = ?`,
      [draft.id],
    );
    expect(adjusted.anslag).toMatchObject(notice);
    const afterwards = await http()
      .get('/api/v1/me/protocols-to-sign')
      .set(as('justerare'))
      .expect(200);
    expect(
      afterwards.body.protocols.map((item: { protocolId: number }) => item.protocolId),
    ).not.toContain(draft.id);
    const refusedLate = await http()
      .post(`${path}/reservation-reasons`)
      .set(as('sekreterare'))
      .send({ member: 'Anna Larsson', reasons: 'Ett tillägg.' })
      .expect(409);
    expect(refusedLate.body.code).toBe('protocol-adjusted');
    const audit = await api.dataSource.query(
      `SELECT after_state AS afterState FROM audit_log
        WHERE entity_type = 'protocol' AND entity_id = ? AND action = 'protocol.reservation-reasons-added'`,
      [draft.id],
    );
    expect(audit).toHaveLength(1);

    // The protocol as signed, rendered again, prints what happened.
    let files: Array<{ id: number; filename: string }> = [];
    const current = `protokoll-${draft.id}-${(withReasons.body.contentHash as string).slice(0, 8)}.pdf`;
    await eventually(async () => {
      files = (await http().get(`/api/v1/protocols/${draft.id}`).set(as('justerare')).expect(200))
        .body.files;
      return files.some((file) => file.filename === current);
    });
    const text = await fileText(
      `/api/v1/protocols/${draft.id}/files/${files.find((file) => file.filename === current)!.id}`,
      'justerare',
    );
    for (const line of [
      'Justeringens plats och tid: Kommunkansliet, onsdagen den 15 oktober 2025 kl 13:00',
      'Tjänstgörande ersättare: Per Berg (M) för Demoledamot Ett',
      'Anna Larsson (V) yrkar avslag på förslaget.',
      'Med 2 ja-röster mot 1 nej-röster har ja vunnit.',
      'Jäv: Per Berg anmäler jäv',
      'Expedieras till: Ekonomienheten, Akten',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toContain(reasons);

    // Expediering: the extract goes by e-mail to the one recipient with an address, once.
    const subject = `Protokollsutdrag KSAPU § ${locked.paragraphs.find((candidate) => candidate.id === paragraph.id)!.number}/2025`;
    await eventually(async () => smtp.messages.some((message) => message.subject === subject));
    const mails = smtp.messages.filter((message) => message.subject === subject);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toMatchObject({ value: [{ address: 'ekonomi@kalix.example' }] });
    expect(mails[0].attachments.map((attachment) => attachment.contentType)).toEqual([
      'application/pdf',
    ]);
    expect(pdfText(mails[0].attachments[0].content)).toContain(
      'Reservation: Anna Larsson reserverar sig',
    );
  });

  it('adjusts one paragraph at the meeting (omedelbar justering): its case moves before the rest of the protocol is signed', async () => {
    const urgent = await caseReadyForKsapu('Brådskande ärende');
    const other = await caseReadyForKsapu('Vanligt ärende');
    const meetingId = await summonedMeeting('2025-10-27T13:00', [urgent, other]);
    const draft = await openProtocol(meetingId);
    const paragraph = draft.paragraphs.find((candidate) => candidate.caseId === urgent)!;
    const requested = await http()
      .post(`/api/v1/protocols/${draft.id}/paragraphs/${paragraph.id}/immediate-justering`)
      .set(as('sekreterare'))
      .send({ version: draft.version })
      .expect(200);
    const numbered = requested.body.paragraphs as Array<{
      id: number;
      number: number;
      immediateHash: string | null;
    }>;
    const first = numbered[0].number;
    expect(numbered.map((candidate) => candidate.number)).toEqual(
      numbered.map((_, index) => first + index),
    );
    const immediate = numbered.find((candidate) => candidate.id === paragraph.id)!;
    expect(immediate.immediateHash).toMatch(/^[0-9a-f]{64}$/);
    // Frozen now; the rest of the protocol is still a draft.
    await http()
      .patch(`/api/v1/protocols/${draft.id}/paragraphs/${paragraph.id}`)
      .set(as('sekreterare'))
      .send({ version: requested.body.version, decisionText: 'Ändrat' })
      .expect(409);
    for (const user of ['ordforande', 'justerare']) {
      await http()
        .post(`/api/v1/protocols/${draft.id}/paragraphs/${paragraph.id}/signatures`)
        .set(as(user))
        .send({ contentHash: immediate.immediateHash })
        .expect(201);
    }
    await client.waitFor(urgent, 'ready for KS', (t) => visit(t) === 'active:1:ready');
    expect(visit(await client.timeline(other))).toBe('active:0:ready');

    // Locking keeps the numbers; full justering moves the other case, and the urgent one once.
    const locked = await lockAndSign(draft.id);
    expect(locked.paragraphs.map((candidate) => candidate.number)).toEqual(
      numbered.map((candidate) => candidate.number),
    );
    await client.waitFor(other, 'ready for KS', (t) => visit(t) === 'active:1:ready');
    await eventually(async () => {
      const [{ extracts }] = await api.dataSource.query(
        `SELECT COUNT(*) AS extracts FROM documents WHERE case_id IN (?, ?) AND type = 'protokollsutdrag'`,
        [urgent, other],
      );
      return Number(extracts) === 2;
    });
    const [{ events }] = await api.dataSource.query(
      `SELECT COUNT(*) AS events FROM route_events e JOIN route_instances r ON r.id = e.route_id
        WHERE r.case_id = ? AND e.kind = 'proposal'`,
      [urgent],
    );
    expect(Number(events)).toBe(1);
  });

  it('numbers a protocol once when it is locked twice at the same time', async () => {
    const first = await caseReadyForKsapu('Ärende A');
    const second = await caseReadyForKsapu('Ärende B');
    const meetingId = await summonedMeeting('2026-01-19T13:00', [first, second]);
    const draft = await openProtocol(meetingId);
    const locks = await Promise.all(
      [1, 2].map(() =>
        http()
          .post(`/api/v1/protocols/${draft.id}/lock`)
          .set(as('sekreterare'))
          .send({ version: draft.version }),
      ),
    );
    expect(locks.map((response) => response.status).sort()).toEqual([200, 409]);
    const protocol = (
      await http().get(`/api/v1/protocols/${draft.id}`).set(as('ledamot')).expect(200)
    ).body as ProtocolBody;
    expect(protocol.paragraphs.map((paragraph) => paragraph.number)).toEqual([1, 2]);
    const [{ next }] = await api.dataSource.query(
      'SELECT next_number AS next FROM paragraph_counters WHERE organ_id = ? AND year = 2026',
      [organs.KSAPU],
    );
    expect(Number(next)).toBe(3);
  });
});
