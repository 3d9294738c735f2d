import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { seedTenant, Tenant } from '../support/identity';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';

const TEXT = 'Fråga: vad kostar driften år 2–3? Kolla bilaga 2, s. 14.';

describe('Private notes: a member’s own notes on agenda items, read by no one else', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let kalix: Tenant;
  let other: Tenant;
  let meetingId: number;
  let itemIds: number[];
  let otherMeetingItem: number;
  const http = () => request(api.app.getHttpServer());
  const as = (tenant: Tenant, role: string) => ({
    Authorization: `Bearer ${tenant.tokens[role]}`,
  });
  const notePath = (item: number, meeting = meetingId) =>
    `/api/v1/meetings/${meeting}/items/${item}/my-note`;
  const mine = async (tenant: Tenant, role: string, meeting = meetingId) =>
    (await http().get(`/api/v1/meetings/${meeting}/my-notes`).set(as(tenant, role)).expect(200))
      .body as Array<{ agendaItemId: number; text: string; version: number }>;

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { demoOnStart: false });
    kalix = await seedTenant(api, 'kalix');
    other = await seedTenant(api, 'kalix-2');
    const meetings = (await api.dataSource.query(
      `SELECT m.id, m.municipality_id AS municipalityId FROM meetings m JOIN organs o ON o.id = m.organ_id
        WHERE o.code = 'KS' ORDER BY m.id`,
    )) as Array<{ id: string; municipalityId: string }>;
    const ks = meetings.filter((m) => Number(m.municipalityId) === kalix.municipalityId);
    meetingId = Number(ks[0].id);
    itemIds = (
      (await api.dataSource.query(
        'SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY ordinal',
        [meetingId],
      )) as Array<{ id: string }>
    ).map((row) => Number(row.id));
    const [ksapu] = (await api.dataSource.query(
      `SELECT i.id FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
        WHERE m.municipality_id = ? AND m.id <> ? LIMIT 1`,
      [kalix.municipalityId, meetingId],
    )) as Array<{ id: string }>;
    otherMeetingItem = Number(ksapu.id);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('keeps a note for its author, versioned, in agenda order', async () => {
    const written = await http()
      .put(notePath(itemIds[7]))
      .set(as(kalix, 'ledamot'))
      .send({ text: TEXT })
      .expect(200);
    expect(written.body).toMatchObject({ agendaItemId: itemIds[7], text: TEXT, version: 1 });
    await http()
      .put(notePath(itemIds[2]))
      .set(as(kalix, 'ledamot'))
      .send({ text: 'Justerare: jag kan.' })
      .expect(200);
    const changed = await http()
      .put(notePath(itemIds[7]))
      .set(as(kalix, 'ledamot'))
      .send({ text: `${TEXT} Och investeringen.`, version: 1 })
      .expect(200);
    expect(changed.body.version).toBe(2);
    // Another tab of hers saved in between: the stale write is refused and changes nothing.
    const stale = await http()
      .put(notePath(itemIds[7]))
      .set(as(kalix, 'ledamot'))
      .send({ text: 'Gammal', version: 1 })
      .expect(409);
    expect(stale.body.code).toBe('stale-version');
    expect((await mine(kalix, 'ledamot')).map((note) => [note.agendaItemId, note.text])).toEqual([
      [itemIds[2], 'Justerare: jag kan.'],
      [itemIds[7], `${TEXT} Och investeringen.`],
    ]);
  });

  it('shows it to no one else: not the secretary, not the admin, not another municipality, and never in the audit log', async () => {
    expect(await mine(kalix, 'sekreterare')).toEqual([]);
    expect(await mine(kalix, 'admin')).toEqual([]);
    // The secretary's own note on the same item is hers; the member's is untouched.
    await http()
      .put(notePath(itemIds[7]))
      .set(as(kalix, 'sekreterare'))
      .send({ text: 'Sekreterarens egen anteckning' })
      .expect(200);
    expect((await mine(kalix, 'sekreterare')).map((note) => note.text)).toEqual([
      'Sekreterarens egen anteckning',
    ]);
    expect((await mine(kalix, 'ledamot')).map((note) => note.text)).toEqual([
      'Justerare: jag kan.',
      `${TEXT} Och investeringen.`,
    ]);
    // Another municipality's user does not reach this meeting at all.
    await http()
      .get(`/api/v1/meetings/${meetingId}/my-notes`)
      .set(as(other, 'ledamot'))
      .expect(404);
    await http()
      .put(notePath(itemIds[7]))
      .set(as(other, 'ledamot'))
      .send({ text: 'Intrång' })
      .expect(404);
    // The audit log says a note was written, by whom and on which item, and never what it says.
    const entries = (await api.dataSource.query(
      "SELECT action, before_state AS beforeState, after_state AS afterState FROM audit_log WHERE entity_type = 'private-note'",
    )) as Array<{ action: string; beforeState: unknown; afterState: unknown }>;
    expect(entries.length).toBe(4);
    for (const entry of entries) {
      const written = JSON.stringify([entry.beforeState, entry.afterState]);
      expect(written).not.toContain('Fråga');
      expect(written).not.toContain('Justerare: jag kan');
      expect(written).not.toContain('Sekreterarens egen');
    }
    const trail = await http()
      .get('/api/v1/audit?entityType=private-note&limit=50')
      .set(as(kalix, 'admin'))
      .expect(200);
    expect(JSON.stringify(trail.body)).not.toContain('Fråga');
  });

  it('refuses a note on an item of another meeting, an empty note, and a service token', async () => {
    await http()
      .put(notePath(otherMeetingItem))
      .set(as(kalix, 'ledamot'))
      .send({ text: 'Fel möte' })
      .expect(404);
    const empty = await http()
      .put(notePath(itemIds[3]))
      .set(as(kalix, 'ledamot'))
      .send({ text: '' })
      .expect(422);
    expect(empty.body.code).toBe('validation-failed');
    const token = await http()
      .post('/api/v1/service-tokens')
      .set(as(kalix, 'admin'))
      .send({ name: 'Webbplatsen', roles: [{ role: 'registrator' }] })
      .expect(201);
    await http()
      .put(notePath(itemIds[3]))
      .set({ Authorization: `Bearer ${token.body.token}` })
      .send({ text: 'Maskin' })
      .expect(403);
    expect((await mine(kalix, 'ledamot')).map((note) => note.agendaItemId)).toEqual([
      itemIds[2],
      itemIds[7],
    ]);
  });

  it('lets the author delete a note, and no one else', async () => {
    // The secretary deletes hers; the member's on the same item stays.
    await http().delete(notePath(itemIds[7])).set(as(kalix, 'sekreterare')).expect(204);
    await http().delete(notePath(itemIds[7])).set(as(kalix, 'sekreterare')).expect(404);
    expect(await mine(kalix, 'ledamot')).toHaveLength(2);
    await http().delete(notePath(itemIds[7])).set(as(kalix, 'ledamot')).expect(204);
    expect((await mine(kalix, 'ledamot')).map((note) => note.agendaItemId)).toEqual([itemIds[2]]);
    const [{ n }] = await api.dataSource.query(
      'SELECT COUNT(*) AS n FROM private_notes WHERE agenda_item_id = ?',
      [itemIds[7]],
    );
    expect(Number(n)).toBe(0);
  });

  it('remembers when each member last opened the meeting, for the list of what is new since', async () => {
    const opened = (tenant: Tenant, role: string) =>
      http().post(`/api/v1/meetings/${meetingId}/opened`).set(as(tenant, role));
    const first = await opened(kalix, 'justerare').expect(200);
    expect(first.body.previousOpenedAt).toBeNull();
    const second = await opened(kalix, 'justerare').expect(200);
    expect(second.body.previousOpenedAt).toBe(first.body.openedAt);
    // Another member's reading is their own.
    expect((await opened(kalix, 'ordforande').expect(200)).body.previousOpenedAt).toBeNull();
    // The items and documents say when they came, to compare with.
    const agenda = await http().get(`/api/v1/meetings/${meetingId}`).set(as(kalix, 'justerare'));
    expect(agenda.body.items[0].addedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const withDocuments = agenda.body.items.find(
      (item: { documents: unknown[] }) => item.documents.length > 0,
    );
    expect(withDocuments.documents[0].registeredAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Not another municipality's meeting, not anonymous.
    await opened(other, 'justerare').expect(404);
    await http().post(`/api/v1/meetings/${meetingId}/opened`).expect(401);
    const rows = await api.dataSource.query(
      'SELECT user_id AS userId FROM meeting_reads WHERE meeting_id = ? ORDER BY user_id',
      [meetingId],
    );
    expect(rows.map((row: { userId: string }) => Number(row.userId)).sort()).toEqual(
      [kalix.userIds.justerare, kalix.userIds.ordforande].sort(),
    );
  });
});
