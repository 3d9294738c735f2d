import { createHash } from 'node:crypto';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { binary } from '../support/binary';
import { seedTenant, Tenant } from '../support/identity';
import { embeddedIn, linksIn, oparlValidators } from '../support/oparl';
import { pdfText } from '../support/pdf-text';
import { protocolClient } from '../support/protocol-client';
import { eventually, resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { workflowClient } from '../support/workflow-client';
import { startWorker, WorkerHarness } from '../support/worker-harness';

type OparlObject = Record<string, unknown> & { id: string; type: string };
interface OparlList {
  data: OparlObject[];
  pagination: { elementsPerPage: number };
  links: { first: string; next?: string };
}

const PUBLIC_TITLE = 'Ärende om enskild (sekretess)';
/** The Body's lists a harvester reads. */
const LISTS = [
  'organization',
  'person',
  'meeting',
  'paper',
  'membership',
  'agendaItem',
  'consultation',
  'legislativeTermList',
  'locationList',
];
const typeName = (object: { type: string }) => object.type.split('/').at(-1)!;
/** A link to the file with this key (document-2, and not document-21). */
const fileLink = (key: string) => new RegExp(`/files/${key}(?![0-9])`);

describe('OParl 1.1 at /oparl/v1: the Kalix demo as open data', () => {
  // One public address, as behind a proxy: every URL an object gives starts with it.
  const config = testConfig({ APP_DEMO: 'true', APP_PUBLIC_URL: 'http://kalix.test' });
  const validators = oparlValidators();
  let api: ApiHarness;
  let worker: WorkerHarness;
  let kalix: Tenant;
  let ksMeetingId: number;
  let votedCaseId: number;
  let secret: { caseId: number; strings: string[]; proposal: string; fileKeys: string[] };
  const http = () => request(api.app.getHttpServer());
  const as = (user: string) => ({ Authorization: `Bearer ${kalix.tokens[user]}` });
  const pathOf = (url: string) => {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  };
  const get = async <T>(url: string): Promise<T> => {
    const response = await http().get(pathOf(url)).expect(200);
    expect(response.headers['content-type']).toContain('application/json');
    return response.body as T;
  };

  /** Validates the object and every object embedded in it; returns what was wrong. */
  const problemsOf = (object: OparlObject): string[] =>
    [object, ...embeddedIn(object)].flatMap((candidate) => {
      const id = String(candidate.id);
      const validate = validators.get(typeName(candidate as OparlObject));
      if (!validate) return [`${id}: no schema for ${String(candidate.type)}`];
      return validate(candidate) ? [] : [`${id}: ${JSON.stringify(validate.errors)}`];
    });

  /**
   * Harvests everything from the entry point, a list's pages `limit` at a time, validating every
   * page and every object; returns the objects (embedded ones too) by id, and what was wrong.
   */
  async function harvest(limit: number, since?: string) {
    const objects = new Map<string, OparlObject>();
    /** The lists' own elements, without what is embedded in them. */
    const listed = new Map<string, OparlObject>();
    const problems: string[] = [];
    let pages = 0;
    const keep = (object: OparlObject) => {
      problems.push(...problemsOf(object));
      for (const one of [object, ...(embeddedIn(object) as OparlObject[])]) {
        if (!objects.has(one.id)) objects.set(one.id, one);
      }
    };
    const all = async (url: string, window = '') => {
      let next: string | undefined = `${url}?limit=${limit}${window}`;
      const seen: OparlObject[] = [];
      while (next) {
        const page: OparlList = await get<OparlList>(next);
        pages++;
        expect(Array.isArray(page.data)).toBe(true);
        expect(page.data.length).toBeLessThanOrEqual(limit);
        expect(page.pagination.elementsPerPage).toBe(limit);
        expect(typeof page.links.first).toBe('string');
        page.data.forEach(keep);
        for (const object of page.data) listed.set(object.id, object);
        seen.push(...page.data);
        next = page.links.next;
      }
      // Each object once, however the pages fell.
      expect(new Set(seen.map((object) => object.id)).size).toBe(seen.length);
      return seen;
    };
    const system = await get<OparlObject>('http://local/oparl/v1');
    keep(system);
    const root = system.id;
    for (const body of await all(system.body as string)) {
      for (const list of LISTS) {
        await all(body[list] as string, since ? `&modified_since=${since}` : '');
      }
    }
    return { objects, listed, problems, pages, root };
  }

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { demoOnStart: false });
    kalix = await seedTenant(api, 'kalix');
    worker = await startWorker(config, { runOutbox: true });
    const organs = await workflowClient(api, kalix).organIds();
    const meetings = (
      await http().get(`/api/v1/meetings?organId=${organs.KS}`).set(as('sekreterare')).expect(200)
    ).body.meetings as Array<{ id: number; status: string }>;
    ksMeetingId = meetings.find((meeting) => meeting.status === 'summoned')!.id;
    const agenda = (
      await http().get(`/api/v1/meetings/${ksMeetingId}`).set(as('sekreterare')).expect(200)
    ).body as {
      items: Array<{ caseId: number | null; title: string; proposalText: string | null }>;
    };
    const caseItems = agenda.items.filter((item) => item.caseId !== null && item.proposalText);
    votedCaseId = caseItems[0].caseId!;

    // A case on KS's agenda (and in KSAPU's adjusted protocol) is marked secret.
    const secretItem = caseItems[1];
    const record = (
      await http().get(`/api/v1/cases/${secretItem.caseId}`).set(as('registrator')).expect(200)
    ).body as { title: string; version: number };
    // Each of the two cases gets a beslutsunderlag with a file, of a kind that is published.
    for (const caseId of [votedCaseId, secretItem.caseId!]) {
      const document = await http()
        .post(`/api/v1/cases/${caseId}/documents`)
        .set(as('registrator'))
        .send({
          direction: 'upprattad',
          date: '2023-12-01',
          senderRecipient: caseId === votedCaseId ? null : 'Socialsekreterare Berit Öhman',
          description: `Beslutsunderlag ${caseId}`,
          type: 'beslutsunderlag',
        })
        .expect(201);
      await http()
        .post(`/api/v1/documents/${document.body.id}/files?filename=underlag-${caseId}.pdf`)
        .set({ ...as('registrator'), 'content-type': 'application/pdf' })
        .send(Buffer.from(`%PDF-1.4\n% underlag ${caseId}\n%%EOF\n`))
        .expect(201);
    }
    const documents = (
      await http()
        .get(`/api/v1/cases/${secretItem.caseId}/documents`)
        .set(as('registrator'))
        .expect(200)
    ).body as Array<{ senderRecipient: string | null; files: Array<{ id: number }> }>;
    if (!documents.some((document) => document.files.length > 0)) throw new Error('no file');
    secret = {
      caseId: secretItem.caseId!,
      // Its title and the sender of its documents (the proposal's wording may be any case's).
      proposal: secretItem.proposalText!,
      strings: [
        record.title,
        ...documents.flatMap((document) =>
          document.senderRecipient && document.senderRecipient.length >= 5
            ? [document.senderRecipient]
            : [],
        ),
      ],
      fileKeys: documents.flatMap((document) =>
        document.files.map((file) => `document-${file.id}`),
      ),
    };
    await http()
      .put(`/api/v1/cases/${secret.caseId}/secrecy`)
      .set(as('registrator'))
      .send({ osl: 'OSL 21 kap. 1 §', publicTitle: PUBLIC_TITLE, version: record.version })
      .expect(200);

    // KS holds its meeting: a roll-call vote, a yrkande, a reservation and jäv on one paragraph.
    const protocols = protocolClient(api, kalix);
    const draft = await protocols.openProtocol<{
      id: number;
      version: number;
      paragraphs: Array<{ id: number; caseId: number | null }>;
    }>(ksMeetingId);
    const headed = await http()
      .patch(`/api/v1/protocols/${draft.id}`)
      .set(as('sekreterare'))
      .send({
        version: draft.version,
        attendance: {
          members: [
            { name: 'Susanne Andersson', party: 'S' },
            { name: 'Demoledamot Ett', party: 'S' },
            { name: 'Demoledamot Två', party: 'C' },
            { name: 'Anna Larsson', party: 'V' },
            { name: 'Per Berg', party: 'M' },
          ],
          substitutes: [],
          others: [{ name: 'Helena Landström', title: 'sekreterare' }],
        },
      })
      .expect(200);
    const paragraph = draft.paragraphs.find((candidate) => candidate.caseId === votedCaseId)!;
    await http()
      .patch(`/api/v1/protocols/${draft.id}/paragraphs/${paragraph.id}`)
      .set(as('sekreterare'))
      .send({
        version: headed.body.version,
        yrkanden: [{ by: 'Anna Larsson (V)', text: 'avslag på förslaget.' }],
        jav: ['Per Berg'],
        votering: {
          question: 'Ja för bifall, nej för Anna Larssons avslagsyrkande',
          ballots: [
            { member: 'Susanne Andersson', vote: 'ja' },
            { member: 'Demoledamot Ett', vote: 'ja' },
            { member: 'Demoledamot Två', vote: 'avstar' },
            { member: 'Anna Larsson', vote: 'nej' },
          ],
        },
        reservations: [{ member: 'Anna Larsson' }],
      })
      .expect(200);
    await protocols.lockAndSign(draft.id);
    // The worker renders the adjusted protocol, and publishes KS's kallelse again with the case
    // by its public title.
    await eventually(
      async () => {
        const meeting = (
          await http().get(`/oparl/v1/bodies/kalix/meetings/${ksMeetingId}`).expect(200)
        ).body as { resultsProtocol?: unknown; invitation?: { accessUrl: string } };
        if (!meeting.resultsProtocol || !meeting.invitation) return false;
        const kallelse = await http()
          .get(pathOf(meeting.invitation.accessUrl))
          .buffer(true)
          .parse(binary);
        // A 404: the kallelse was published again between the two reads (its earlier file is
        // no longer served), so read the meeting again.
        if (kallelse.status !== 200) return false;
        return (await pdfText(kallelse.body as Buffer)).includes(PUBLIC_TITLE);
      },
      { timeoutMs: 60_000, what: "KS's protocol rendered and its kallelse published again" },
    );
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('serves every object type of the demo, each page of each list and each object valid against the OParl 1.1 schemas', async () => {
    const { objects, problems, pages } = await harvest(3);
    expect(problems).toEqual([]);
    expect(pages).toBeGreaterThan(10);
    const types = new Set([...objects.values()].map(typeName));
    expect([...types].sort()).toEqual(
      [
        'AgendaItem',
        'Body',
        'Consultation',
        'File',
        'LegislativeTerm',
        'Location',
        'Meeting',
        'Membership',
        'Organization',
        'Paper',
        'Person',
        'System',
      ].sort(),
    );

    // As many papers and meetings as the registry and the meetings hold, each paper by its dnr.
    const cases = (await http().get('/api/v1/cases?limit=200').set(as('registrator')).expect(200))
      .body.cases as Array<{ id: number; dnr: string }>;
    const papers = [...objects.values()].filter((object) => typeName(object) === 'Paper');
    // The dnr, with its classification code where Kalix appends it.
    expect(papers.map((paper) => String(paper.reference).split(' ')[0]).sort()).toEqual(
      cases.map((record) => record.dnr).sort(),
    );
    const [{ n: meetingCount }] = await api.dataSource.query(
      'SELECT COUNT(*) AS n FROM meetings WHERE municipality_id = ?',
      [kalix.municipalityId],
    );
    expect([...objects.values()].filter((object) => typeName(object) === 'Meeting')).toHaveLength(
      Number(meetingCount),
    );

    // KSAPU's adjusted protocol: its paragraphs numbered §, its PDF as resultsProtocol.
    const ksapu = [...objects.values()].find(
      (object) =>
        typeName(object) === 'Meeting' &&
        (object.agendaItem as Array<{ number: string }> | undefined)?.some(
          (item) => item.number === '§ 93',
        ),
    )!;
    expect(ksapu).toMatchObject({
      meetingState: 'Anslaget',
      cancelled: false,
      resultsProtocol: { mimeType: 'application/pdf' },
      invitation: { mimeType: 'application/pdf' },
    });
    // A public case's beslutsunderlag is among its paper's files.
    const voted = objects.get(`http://kalix.test/oparl/v1/bodies/kalix/papers/${votedCaseId}`)!;
    const files = [voted.mainFile, ...((voted.auxiliaryFile as unknown[]) ?? [])];
    expect(files).toContainEqual(
      expect.objectContaining({
        fileName: `underlag-${votedCaseId}.pdf`,
        mimeType: 'application/pdf',
        paper: [voted.id],
      }),
    );
    // The demo's motion (by three FIK members) is a Paper of type Motion with its authors.
    const motion = papers.find((paper) => paper.paperType === 'Motion')!;
    expect(motion['namndflode:originators']).toEqual(
      expect.arrayContaining([expect.objectContaining({ party: 'FIK' })]),
    );
    // Parties are organizations too, and a seat is on behalf of its party.
    const organizations = [...objects.values()].filter(
      (object) => typeName(object) === 'Organization',
    );
    expect(organizations.some((organization) => organization.organizationType === 'Partei')).toBe(
      true,
    );
    expect(organizations.find((organization) => organization.shortName === 'KS')).toMatchObject({
      name: 'Kommunstyrelsen',
      organizationType: 'Gremium',
    });
  });

  it('follows every link an object gives: each resolves to its object, each file to its bytes', async () => {
    const { objects, root } = await harvest(50);
    const links = linksIn([...objects.values()], root);
    expect(links.size).toBeGreaterThan(50);
    const dangling: string[] = [];
    for (const link of links) {
      const response = await http().get(pathOf(link)).buffer(true).parse(binary);
      if (response.status !== 200) {
        dangling.push(`${link}: ${response.status}`);
        continue;
      }
      if (link.endsWith('/content')) {
        const file = objects.get(link.slice(0, -'/content'.length))!;
        const bytes = response.body as Buffer;
        expect(bytes.length).toBe(file.size);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(
          file['namndflode:sha256Checksum'],
        );
        expect(createHash('sha512').update(bytes).digest('hex')).toBe(file.sha512Checksum);
        continue;
      }
      const object = JSON.parse((response.body as Buffer).toString('utf8')) as OparlObject;
      // A list's URL gives a list; an object's its object, valid, with that id.
      if ('data' in object) continue;
      expect(object.id).toBe(link);
      expect(problemsOf(object)).toEqual([]);
    }
    expect(dangling).toEqual([]);
    // Each object's `web` is its page on the portal, for residents.
    const pages = new Set(
      [...objects.values()].flatMap((object) =>
        typeof object.web === 'string' ? [object.web] : [],
      ),
    );
    expect(pages.size).toBeGreaterThan(20);
    for (const web of pages) {
      expect(web).toMatch(/^http:\/\/kalix\.test\/portal\/kalix/);
      const response = await http().get(pathOf(web));
      expect([web, response.status]).toEqual([web, 200]);
      expect(response.headers['content-type']).toContain('text/html');
    }
  });

  it('adds, in its vendor extension, the votes per person, yrkanden, reservations and jäv of an adjusted paragraph', async () => {
    const meeting = (await http().get(`/oparl/v1/bodies/kalix/meetings/${ksMeetingId}`).expect(200))
      .body as { agendaItem: OparlObject[] };
    const item = meeting.agendaItem.find((candidate) =>
      String(candidate['namndflode:paper']).endsWith(`/papers/${votedCaseId}`),
    )!;
    expect(item.number).toMatch(/^§ \d+$/);
    const proceedings = item['namndflode:proceedings'] as {
      votering: {
        votes: Array<{ name: string; vote: string; person?: string }>;
        ja: number;
        nej: number;
        avstar: number;
      };
      yrkanden: Array<{ name: string; text: string }>;
      reservations: Array<{ name: string }>;
      jav: Array<{ name: string }>;
    };
    expect(proceedings.votering).toMatchObject({ ja: 2, nej: 1, avstar: 1 });
    expect(proceedings.votering.votes.map((vote) => [vote.name, vote.vote])).toEqual([
      ['Susanne Andersson', 'ja'],
      ['Demoledamot Ett', 'ja'],
      ['Demoledamot Två', 'avstar'],
      ['Anna Larsson', 'nej'],
    ]);
    // A member of the demo is linked to their Person.
    const ett = proceedings.votering.votes[1].person!;
    expect((await get<OparlObject>(ett)).name).toBe('Demoledamot Ett');
    expect(proceedings.yrkanden).toEqual([
      { name: 'Anna Larsson (V)', text: 'avslag på förslaget.' },
    ]);
    expect(proceedings.reservations.map((reservation) => reservation.name)).toEqual([
      'Anna Larsson',
    ]);
    expect(proceedings.jav.map((jav) => jav.name)).toEqual(['Per Berg']);
  });

  it('never shows a secret case’s protected title, sender, proposal or files: not in an object, a list, a link or a PDF', async () => {
    const { objects, root } = await harvest(50);
    const everything = JSON.stringify([...objects.values()]);
    for (const text of secret.strings) expect(everything).not.toContain(text);
    for (const key of secret.fileKeys) expect(everything).not.toMatch(fileLink(key));
    for (const key of secret.fileKeys) {
      await http().get(`/oparl/v1/bodies/kalix/files/${key}`).expect(404);
      await http().get(`/oparl/v1/bodies/kalix/files/${key}/content`).expect(404);
    }
    // The paper is there, by its public title, without files; its items carry that title, and
    // neither they nor its consultations hold its proposal.
    const paper = objects.get(`${root}/bodies/kalix/papers/${secret.caseId}`)!;
    expect(paper).toMatchObject({ name: PUBLIC_TITLE, 'namndflode:secret': true });
    expect(paper.mainFile).toBeUndefined();
    expect(paper.auxiliaryFile).toBeUndefined();
    const items = [...objects.values()].filter((object) => object['namndflode:paper'] === paper.id);
    expect(items.length).toBeGreaterThan(0);
    expect(JSON.stringify([paper, ...items])).not.toContain(secret.proposal);
    for (const item of items) {
      expect(item).toMatchObject({ name: PUBLIC_TITLE, public: false });
      if (item.resolutionText !== undefined) {
        expect(item.resolutionText).toBe(
          'Paragrafen omfattas av sekretess enligt OSL 21 kap. 1 §.',
        );
      }
    }
    // Every kallelse and protocol published leaves the case out or names it by that title.
    const files = [...objects.values()].filter((object) => typeName(object) === 'File');
    const rendered = files.filter((candidate) => Array.isArray(candidate.meeting));
    expect(rendered.length).toBeGreaterThanOrEqual(4);
    for (const file of rendered) {
      const response = await http()
        .get(pathOf(file.accessUrl as string))
        .buffer(true)
        .parse(binary)
        .expect(200);
      const text = await pdfText(response.body as Buffer);
      for (const protectedText of secret.strings) expect(text).not.toContain(protectedText);
    }
  });

  it('keeps the secret case out of every portal page: start, organs, meetings, search and the case itself', async () => {
    const pages: string[] = [];
    const page = async (path: string, status = 200) => {
      const response = await http().get(path).expect(status);
      expect(response.headers['content-type']).toContain('text/html');
      pages.push(response.text);
      return response.text;
    };
    const start = await page('/portal/kalix');
    expect(start).toContain('<html lang="sv">');
    const organLinks = [...start.matchAll(/href="(\/portal\/kalix\/organ\/\d+)"/g)].map(
      (m) => m[1],
    );
    expect(organLinks.length).toBeGreaterThanOrEqual(3);
    const meetingLinks = new Set<string>();
    for (const link of organLinks) {
      for (const year of ['2023', '2024']) {
        const text = await page(`${link}?ar=${year}`);
        for (const match of text.matchAll(/href="(\/portal\/kalix\/moten\/\d+)"/g)) {
          meetingLinks.add(match[1]);
        }
      }
    }
    expect(meetingLinks.size).toBeGreaterThanOrEqual(2);
    for (const link of meetingLinks) await page(link);
    const ks = await page(`/portal/kalix/moten/${ksMeetingId}`);
    expect(ks).toContain(PUBLIC_TITLE);
    expect(ks).toContain('Justerat protokoll');
    // Searching for the protected title's words finds nothing; the public title finds the case.
    const words = secret.strings[0]
      .split(/\s+/)
      .filter((word) => word.length > 4)
      .slice(0, 2);
    const searched = await page(`/portal/kalix/diarium?q=${encodeURIComponent(words.join(' '))}`);
    expect(searched).not.toContain(`/portal/kalix/arenden/${secret.caseId}"`);
    const found = await page(`/portal/kalix/diarium?q=${encodeURIComponent('enskild')}`);
    expect(found).toContain(`/portal/kalix/arenden/${secret.caseId}"`);
    await page('/portal/kalix/diarium');
    // A link shared on social media carries more than the form's fields; a date mistyped is left
    // out with a word, not refused.
    const shared = await page(
      '/portal/kalix/diarium?q=enskild&fbclid=IwAR0abc&utm_source=facebook',
    );
    expect(shared).toContain(`/portal/kalix/arenden/${secret.caseId}"`);
    expect(await page('/portal/kalix/diarium?fran=2023-13-45')).toContain(
      'Registrerat från ”2023-13-45” är inget datum',
    );
    await page(`${organLinks[0]}?ar=abc&fbclid=x`);
    const casePage = await page(`/portal/kalix/arenden/${secret.caseId}`);
    expect(casePage).toContain(PUBLIC_TITLE);
    expect(casePage).toContain('Var är ärendet?');
    for (const text of pages) {
      for (const protectedText of secret.strings) expect(text).not.toContain(protectedText);
      for (const key of secret.fileKeys) expect(text).not.toMatch(fileLink(key));
    }
    expect(casePage).not.toContain(secret.proposal);
    // An address that shows nothing is the portal's own 404 page.
    expect(await page('/portal/kalix/arenden/999999', 404)).toContain('Sidan finns inte');
    expect(await page('/portal/kalix/moten/abc', 404)).toContain('Sidan finns inte');
    await page('/portal/okand', 404);
  });

  it('syncs by modified_since alone: a second harvest holds exactly what changed since the first, and the removed agenda item as a tombstone', async () => {
    // A KS meeting with an information item, there at the first harvest.
    const organs = await workflowClient(api, kalix).organIds();
    const meetingId = await workflowClient(api, kalix).planMeeting(organs.KS, '2024-01-15T13:00');
    const version = async () =>
      (await http().get(`/api/v1/meetings/${meetingId}`).set(as('sekreterare')).expect(200)).body
        .version as number;
    const added = await http()
      .post(`/api/v1/meetings/${meetingId}/items`)
      .set(as('sekreterare'))
      .send({
        kind: 'information',
        title: 'Information om bredbandsutbyggnaden',
        version: await version(),
      })
      .expect(201);
    const itemId = (added.body.items as Array<{ id: number; title: string }>).find(
      (item) => item.title === 'Information om bredbandsutbyggnaden',
    )!.id;
    // Summoned, its kallelse rendered (by the worker) before the first harvest.
    await workflowClient(api, kalix).publishKallelse(meetingId);
    await eventually(
      async () =>
        (await http().get(`/oparl/v1/bodies/kalix/meetings/${meetingId}`).expect(200)).body
          .invitation !== undefined,
      { timeoutMs: 60_000, what: 'the kallelse rendered' },
    );
    const first = await harvest(50);
    expect(first.problems).toEqual([]);
    expect(first.objects.has(`${first.root}/bodies/kalix/agenda-items/${itemId}`)).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 20));
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));

    // A case changed (its title), the agenda item removed, the meeting's protocol opened and
    // one of its paragraphs written.
    const cases = (await http().get('/api/v1/cases?limit=200').set(as('registrator')).expect(200))
      .body.cases as Array<{ id: number; version: number; dnr: string }>;
    const changedCase = cases.find(
      (record) => record.id !== votedCaseId && record.id !== secret.caseId,
    )!;
    await http()
      .patch(`/api/v1/cases/${changedCase.id}`)
      .set(as('registrator'))
      .send({ version: changedCase.version, title: 'Ny rubrik på ärendet' })
      .expect(200);
    await http()
      .delete(`/api/v1/meetings/${meetingId}/items/${itemId}?version=${await version()}`)
      .set(as('sekreterare'))
      .expect(200);
    const draft = await protocolClient(api, kalix).openProtocol<{
      id: number;
      version: number;
      paragraphs: Array<{ id: number }>;
    }>(meetingId);
    await http()
      .patch(`/api/v1/protocols/${draft.id}/paragraphs/${draft.paragraphs[0].id}`)
      .set(as('sekreterare'))
      .send({ version: draft.version, notes: [{ by: 'Ordföranden', text: 'Mötet öppnas.' }] })
      .expect(200);

    const second = await harvest(50, since);
    expect(second.problems).toEqual([]);
    const root = `${second.root}/bodies/kalix`;
    const items = (
      await http().get(`/api/v1/meetings/${meetingId}`).set(as('sekreterare')).expect(200)
    ).body.items as Array<{ id: number }>;
    const steps = (first.objects.get(`${root}/papers/${changedCase.id}`)!.consultation ??
      []) as OparlObject[];
    const expected = [
      `${root}/papers/${changedCase.id}`,
      ...steps.map((step) => step.id),
      `${root}/meetings/${meetingId}`,
      ...items.map((item) => `${root}/agenda-items/${item.id}`),
      `${root}/agenda-items/${itemId}`,
    ];
    // The Body's lists' own elements (a paper's embedded consultations come with it; the list of
    // bodies is read whole).
    const listed = [...second.listed.keys()].filter((id) => id !== root);
    expect(listed.sort()).toEqual([...new Set(expected)].sort());
    expect(second.listed.get(`${root}/papers/${changedCase.id}`)).toMatchObject({
      name: 'Ny rubrik på ärendet',
    });
    const tombstone = second.listed.get(`${root}/agenda-items/${itemId}`)!;
    expect(tombstone).toEqual({
      id: `${root}/agenda-items/${itemId}`,
      type: 'https://schema.oparl.org/1.1/AgendaItem',
      order: expect.any(Number),
      deleted: true,
      created: first.objects.get(`${root}/agenda-items/${itemId}`)!.created,
      modified: expect.any(String),
    });
    expect(new Date(tombstone.modified as string) >= new Date(since)).toBe(true);
    // The tombstone stays where the item was.
    expect((await get<OparlObject>(tombstone.id)).deleted).toBe(true);
    for (const id of listed) {
      expect(new Date(second.listed.get(id)!.modified as string) >= new Date(since)).toBe(true);
    }
  });

  it('answers a bad filter or an unknown object with a problem, and pages by modified_since', async () => {
    const bad = await http().get('/oparl/v1/bodies/kalix/papers?modified_since=igår').expect(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    await http().get('/oparl/v1/bodies/kalix/papers/999999').expect(404);
    await http().get('/oparl/v1/bodies/okand').expect(404);
    const future = await get<OparlList>(
      'http://local/oparl/v1/bodies/kalix/papers?modified_since=2999-01-01T00:00:00Z',
    );
    expect(future.data).toEqual([]);
    const all = await get<OparlList>(
      'http://local/oparl/v1/bodies/kalix/papers?modified_since=2000-01-01T00:00:00Z&limit=500',
    );
    expect(all.data.length).toBeGreaterThan(0);
    const internalLeft = await get<OparlList>(
      'http://local/oparl/v1/bodies/kalix/meetings?omit_internal=true',
    );
    expect(internalLeft.data.every((meeting) => meeting.agendaItem === undefined)).toBe(true);
  });
});
