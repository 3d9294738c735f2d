import { FixedClock } from '@nf/common';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { idsOf, seedTenant, Tenant } from '../support/identity';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { binary } from '../support/binary';

const SECRET_TITLE = 'Orosanmälan gällande Kalle Karlsson, född 2015';
const PUBLIC_TITLE = 'Ärende enligt socialtjänstlagen';
const PROTECTED_SENDER = 'Anna Andersson, granne';

describe('Registry', () => {
  const clock = new FixedClock('2024-03-05T09:00:00Z');
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let kalix: Tenant;
  let ks: number;
  const http = () => request(api.app.getHttpServer());
  const as = (user: string) => ({ Authorization: `Bearer ${kalix.tokens[user]}` });

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { clock });
    kalix = await seedTenant(api, 'kalix');
    [, ks] = await idsOf(api, 'organs', kalix.municipalityId);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('numbers', () => {
    it('finds the demo’s historical cases by their numbers as printed, with or without the class code', async () => {
      const plain = await http()
        .get('/api/v1/cases/lookup?dnr=2023-00466')
        .set(as('registrator'))
        .expect(200);
      expect(plain.body).toMatchObject({
        dnr: '2023-00466',
        dnrDisplay: '2023-00466 04',
        imported: true,
        title:
          'Budgetdirektiv och tidplan till nämnderna inför budgetprocess 2025 (samt ekonomisk plan 2026-2027)',
      });
      const withCode = await http()
        .get(`/api/v1/cases/lookup?dnr=${encodeURIComponent('2023-00466 04')}`)
        .set(as('registrator'))
        .expect(200);
      expect(withCode.body.id).toBe(plain.body.id);
      await http().get('/api/v1/cases/lookup?dnr=2023-99999').set(as('registrator')).expect(404);
      await http()
        .get('/api/v1/cases/lookup?dnr=inte-ett-nummer')
        .set(as('registrator'))
        .expect(404);
    });

    it('gives a new case the next number of the local year and prints the class code after it', async () => {
      const response = await http()
        .post('/api/v1/cases')
        .set(as('registrator'))
        .send({ title: 'Upphandling av skolskjuts', classificationCode: '04', organId: ks })
        .expect(201);
      expect(response.body).toMatchObject({
        dnr: '2024-00001',
        dnrDisplay: '2024-00001 04',
        year: 2024,
        serial: 1,
        status: 'open',
      });
    });

    it('finds a case of a second series by its number', async () => {
      const series = await http()
        .post('/api/v1/dnr-series')
        .set(as('admin'))
        .send({
          code: 'SBN',
          name: 'Samhällsbyggnadsnämndens diarium',
          format: 'SBN {year}/{serial}',
        })
        .expect(201);
      const created = await http()
        .post('/api/v1/cases')
        .set(as('registrator'))
        .send({ title: 'Bygglov för carport', seriesId: series.body.id })
        .expect(201);
      expect(created.body.dnr).toBe('SBN 2024/1');
      const found = await http()
        .get(`/api/v1/cases/lookup?dnr=${encodeURIComponent('SBN 2024/1')}`)
        .set(as('registrator'))
        .expect(200);
      expect(found.body.id).toBe(created.body.id);
    });

    it('refuses an unknown classification code and writes nothing', async () => {
      const before = await api.snapshot();
      const response = await http()
        .post('/api/v1/cases')
        .set(as('registrator'))
        .send({ title: 'Fel klass', classificationCode: '77' })
        .expect(422);
      expect(response.body.errors).toEqual([
        {
          field: 'classificationCode',
          message: 'no classification code "77" in this municipality',
        },
      ]);
      expect(await api.snapshot()).toEqual(before);
    });

    it('records the decision date when a case is decided', async () => {
      const created = await http()
        .post('/api/v1/cases')
        .set(as('registrator'))
        .send({ title: 'Beslutas snart' })
        .expect(201);
      clock.advance(60_000);
      const decided = await http()
        .patch(`/api/v1/cases/${created.body.id}`)
        .set(as('registrator'))
        .send({ status: 'decided', version: created.body.version })
        .expect(200);
      expect(decided.body).toMatchObject({
        status: 'decided',
        decidedAt: '2024-03-05T09:01:00.000Z',
      });
    });
  });

  describe('secrecy (OSL)', () => {
    let secretCase: { id: number; dnr: string };

    beforeAll(async () => {
      const created = await http()
        .post('/api/v1/cases')
        .set(as('registrator'))
        .send({
          title: SECRET_TITLE,
          secrecyOsl: 'OSL 26 kap. 1 §',
          publicTitle: PUBLIC_TITLE,
          responsibleUserId: kalix.userIds.handlaggare,
        })
        .expect(201);
      secretCase = created.body;
      await http()
        .post(`/api/v1/cases/${secretCase.id}/documents`)
        .set(as('registrator'))
        .send({
          direction: 'inkommande',
          date: '2024-03-04',
          senderRecipient: PROTECTED_SENDER,
          senderProtected: true,
          description: 'Orosanmälan om barnets hemförhållanden',
          type: 'skrivelse',
          secrecyOsl: 'OSL 26 kap. 1 §',
        })
        .expect(201);
    });

    it('shows the registrator everything', async () => {
      const response = await http()
        .get(`/api/v1/cases/${secretCase.id}`)
        .set(as('registrator'))
        .expect(200);
      expect(response.body).toMatchObject({ title: SECRET_TITLE, titleHidden: false });
      const documents = await http()
        .get(`/api/v1/cases/${secretCase.id}/documents`)
        .set(as('registrator'))
        .expect(200);
      expect(documents.body[0]).toMatchObject({
        senderRecipient: PROTECTED_SENDER,
        description: 'Orosanmälan om barnets hemförhållanden',
      });
    });

    it('shows the responsible handläggare everything, and another member of staff only the public parts', async () => {
      const responsible = await http()
        .get(`/api/v1/cases/${secretCase.id}`)
        .set(as('handlaggare'))
        .expect(200);
      expect(responsible.body.title).toBe(SECRET_TITLE);
      const other = await http()
        .get(`/api/v1/cases/${secretCase.id}`)
        .set(as('sekreterare'))
        .expect(200);
      expect(other.body).toMatchObject({
        title: PUBLIC_TITLE,
        titleHidden: true,
        secrecy: { osl: 'OSL 26 kap. 1 §', markedBy: null },
      });
      const documents = await http()
        .get(`/api/v1/cases/${secretCase.id}/documents`)
        .set(as('sekreterare'))
        .expect(200);
      expect(documents.body[0]).toMatchObject({
        senderRecipient: null,
        senderHidden: true,
        description: 'Sekretessbelagd handling',
        descriptionHidden: true,
        files: [],
      });
    });

    it('never shows the public the protected title, sender or document', async () => {
      const single = await http().get(`/api/v1/public/kalix/cases/${secretCase.id}`).expect(200);
      const byPublicWords = await http()
        .get('/api/v1/public/kalix/cases?q=socialtjänstlagen')
        .expect(200);
      const bySecretWords = await http().get('/api/v1/public/kalix/cases?q=Karlsson').expect(200);
      const listing = await http().get('/api/v1/public/kalix/cases?limit=200').expect(200);
      expect(single.body).toMatchObject({ title: PUBLIC_TITLE, secret: true });
      expect(byPublicWords.body.cases.map((c: { id: number }) => c.id)).toContain(secretCase.id);
      expect(bySecretWords.body.cases).toEqual([]);
      for (const body of [single.body, byPublicWords.body, listing.body]) {
        const text = JSON.stringify(body);
        expect(text).not.toContain('Karlsson');
        expect(text).not.toContain(PROTECTED_SENDER);
        expect(text).not.toContain('hemförhållanden');
      }
    });

    it('keeps secret words out of staff search results for those who may not see them', async () => {
      const sekreterare = await http()
        .get('/api/v1/cases?q=Karlsson')
        .set(as('sekreterare'))
        .expect(200);
      const registrator = await http()
        .get('/api/v1/cases?q=Karlsson')
        .set(as('registrator'))
        .expect(200);
      expect(sekreterare.body.cases).toEqual([]);
      expect(registrator.body.cases.map((c: { id: number }) => c.id)).toEqual([secretCase.id]);
    });

    it('refuses the file of a secret document to those who may not see it', async () => {
      const documents = await http()
        .get(`/api/v1/cases/${secretCase.id}/documents`)
        .set(as('registrator'))
        .expect(200);
      const upload = await http()
        .post(`/api/v1/documents/${documents.body[0].id}/files?filename=anmalan.txt`)
        .set(as('registrator'))
        .set('Content-Type', 'text/plain')
        .send(Buffer.from('Hemlig text'))
        .expect(201);
      await http()
        .get(`/api/v1/documents/${documents.body[0].id}/files/${upload.body.id}`)
        .set(as('sekreterare'))
        .expect(403);
      const allowed = await http()
        .get(`/api/v1/documents/${documents.body[0].id}/files/${upload.body.id}`)
        .set(as('handlaggare'))
        .expect(200);
      expect(allowed.text).toBe('Hemlig text');
    });
  });

  describe('files', () => {
    it('stores a PDF with its hash and gives back the same bytes', async () => {
      const created = await http()
        .post('/api/v1/cases')
        .set(as('registrator'))
        .send({ title: 'Avtal med leverantör' })
        .expect(201);
      const document = await http()
        .post(`/api/v1/cases/${created.body.id}/documents`)
        .set(as('registrator'))
        .send({
          direction: 'inkommande',
          date: '2024-03-05',
          senderRecipient: 'Leverantören AB',
          description: 'Undertecknat avtal',
          type: 'avtal',
        })
        .expect(201);
      expect(document.body.ordinal).toBe(1);
      const bytes = Buffer.concat([
        Buffer.from('%PDF-1.7\n'),
        Buffer.from('Avtal med åäö '.repeat(200)),
      ]);
      const upload = await http()
        .post(
          `/api/v1/documents/${document.body.id}/files?filename=${encodeURIComponent('avtal åäö.pdf')}`,
        )
        .set(as('registrator'))
        .set('Content-Type', 'application/pdf')
        .send(bytes)
        .expect(201);
      expect(upload.body).toMatchObject({
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
      const download = await http()
        .get(`/api/v1/documents/${document.body.id}/files/${upload.body.id}`)
        .set(as('sekreterare'))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(Buffer.compare(download.body as Buffer, bytes)).toBe(0);
      expect(download.headers['content-type']).toBe('application/pdf');
      const listed = await http()
        .get(`/api/v1/cases/${created.body.id}/documents`)
        .set(as('registrator'))
        .expect(200);
      expect(
        listed.body.map((d: { files: Array<{ id: number }> }) => d.files.map((f) => f.id)),
      ).toEqual([[upload.body.id]]);
      expect(download.headers['content-disposition']).toContain(
        "filename*=UTF-8''avtal%20%C3%A5%C3%A4%C3%B6.pdf",
      );
    });
  });

  describe('search', () => {
    it('finds cases by words in the title and in their documents’ descriptions', async () => {
      const byTitle = await http()
        .get('/api/v1/cases?q=e-handel')
        .set(as('handlaggare'))
        .expect(200);
      expect(byTitle.body.cases.map((c: { dnr: string }) => c.dnr)).toEqual(['2023-00495']);
      const byDocument = await http()
        .get('/api/v1/cases?q=Norrbotniabanan')
        .set(as('handlaggare'))
        .expect(200);
      expect(byDocument.body.cases.map((c: { dnr: string }) => c.dnr)).toEqual(['2023-00498']);
    });

    it('filters by class, status, organ and local registration dates', async () => {
      const economy = await http()
        .get('/api/v1/cases?classificationCode=04&limit=200')
        .set(as('registrator'))
        .expect(200);
      expect(
        economy.body.cases.every(
          (c: { classificationCode: string }) => c.classificationCode === '04',
        ),
      ).toBe(true);
      expect(economy.body.cases.map((c: { dnr: string }) => c.dnr)).toEqual(
        expect.arrayContaining([
          '2023-00059',
          '2023-00060',
          '2023-00323',
          '2023-00466',
          '2023-00495',
          '2023-00513',
          '2023-00514',
        ]),
      );
      const notices = await http()
        .get('/api/v1/cases?registeredFrom=2023-11-01&registeredTo=2023-11-03')
        .set(as('registrator'))
        .expect(200);
      expect(notices.body.cases.map((c: { dnr: string }) => c.dnr).sort()).toEqual([
        '2023-00486',
        '2023-00496',
      ]);
      const decided = await http()
        .get('/api/v1/cases?status=decided')
        .set(as('registrator'))
        .expect(200);
      expect(decided.body.cases.every((c: { status: string }) => c.status === 'decided')).toBe(
        true,
      );
      expect(decided.body.cases.length).toBeGreaterThan(0);
    });

    it('pages through everything with a stable cursor, without overlap or loss', async () => {
      const seen: number[] = [];
      let after: number | null = null;
      do {
        const page: request.Response = await http()
          .get(`/api/v1/cases?limit=4${after ? `&after=${after}` : ''}`)
          .set(as('registrator'))
          .expect(200);
        seen.push(...page.body.cases.map((c: { id: number }) => c.id));
        after = page.body.next;
      } while (after);
      const all = await idsOf(api, 'cases', kalix.municipalityId);
      expect([...seen].sort((a, b) => a - b)).toEqual(all);
      expect(new Set(seen).size).toBe(seen.length);
    });
  });
});
