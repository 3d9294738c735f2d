import { FixedClock, localDate } from '@nf/common';
import { dueFor } from '@nf/records';
import { ExecuteGallring } from '@nf/records-jobs';
import fc from 'fast-check';
import { ApiHarness, startApi } from '../support/api-harness';
import { login, seedTenant, Tenant } from '../support/identity';
import { recordsClient } from '../support/records-client';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';

const CODES = ['00', '04', '14'] as const;
const TYPES = ['skrivelse', 'avtal', 'rapport'] as const;
const ZONE = 'Europe/Stockholm';

/**
 * The whole gallring pipeline on the database, over random plans, closings, holds and days: a
 * plan is adopted, cases are closed on their days, holds placed before or after approval, a list
 * drawn and approved (with items left off) or rejected, and the job run. Whatever was generated,
 * nothing is weeded without an approval, on hold, left off, not closed or not yet due by the plan
 * in force, and the gallringsprotokoll lists exactly what went. State accumulates across runs, as
 * in a municipality's registry over the years.
 */
describe('Records: gallring on the database, as a property over random plans and dates', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  const clock = new FixedClock('2020-01-01T09:00:00Z');
  let api: ApiHarness;
  let worker: WorkerHarness;
  let kalix: Tenant;
  let client: ReturnType<typeof recordsClient>;

  /** Moves the clock (api and worker), signing the registrator in again at the new time. */
  const at = async (instant: Date) => {
    clock.set(instant.toISOString());
    kalix.tokens.registrator = (await login(api, 'kalix', 'registrator')).accessToken;
  };

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { clock, demoOnStart: false });
    kalix = await seedTenant(api, 'kalix');
    worker = await startWorker(config, { clock });
    client = recordsClient(api, kalix);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('weeds only what was approved, not left off, closed, not held and due, and lists exactly that', async () => {
    const { http, as } = client;
    const rule = fc.record({
      classificationCode: fc.constantFrom(...CODES),
      documentType: fc.option(fc.constantFrom(...TYPES), { nil: null }),
      gallras: fc.boolean(),
      afterMonths: fc.integer({ min: 0, max: 48 }),
      countedFrom: fc.constantFrom('closing' as const, 'closing-year-end' as const),
    });
    const caseArb = fc.record({
      code: fc.constantFrom(...CODES),
      closed: fc.constantFrom(true, true, true, false),
      closedAfterDays: fc.integer({ min: 0, max: 900 }),
      hold: fc.constantFrom('none' as const, 'none' as const, 'before' as const, 'after' as const),
      types: fc.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 2 }),
    });
    let base = new Date('2020-01-01T09:00:00Z');
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(rule, {
          minLength: 1,
          maxLength: 4,
          selector: (line) => `${line.classificationCode}/${line.documentType}`,
        }),
        fc.array(caseArb, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.boolean(),
        fc.boolean(),
        async (lines, cases, laterDays, approve, leaveOneOff) => {
          runs += 1;
          // Each run lives later than the last: closings, then the day the list is drawn.
          await at(base);
          const seeded: Array<{ id: number; spec: (typeof cases)[number] }> = [];
          for (const spec of cases) {
            const record = await client.registerCase(
              `Ärende ${runs}`,
              spec.code,
              spec.types.map((type) => ({ type })),
            );
            seeded.push({ id: record.id, spec });
          }
          let last = base;
          for (const { id, spec } of [...seeded].sort(
            (a, b) => a.spec.closedAfterDays - b.spec.closedAfterDays,
          )) {
            if (!spec.closed) continue;
            last = new Date(base.getTime() + spec.closedAfterDays * 86_400_000);
            await at(last);
            await client.close(id);
          }
          const today = new Date(last.getTime() + laterDays * 86_400_000);
          base = new Date(today.getTime() + 86_400_000);
          await at(today);
          const plan = (await http().get('/api/v1/retention-plan').set(as())).body as {
            version?: number;
          };
          await http()
            .post('/api/v1/retention-plan')
            .set(as())
            .send({
              basedOn: plan.version ?? 0,
              decision: `KS § ${runs}`,
              rules: lines.map((line) => ({
                classificationCode: line.classificationCode,
                documentType: line.documentType,
                description: 'Rad',
                action: line.gallras ? 'gallras' : 'bevaras',
                ...(line.gallras
                  ? { afterMonths: line.afterMonths, countedFrom: line.countedFrom }
                  : {}),
                legalBasis: 'Gallringsbeslut',
              })),
            })
            .expect(201);
          const placeHolds = async (when: 'before' | 'after') => {
            for (const { id, spec } of seeded) {
              if (spec.hold !== when) continue;
              await http()
                .post(`/api/v1/cases/${id}/holds`)
                .set(as())
                .send({ reason: 'litigation', note: 'Tvist' })
                .expect(201);
            }
          };
          await placeHolds('before');
          const weededBefore = await weededDocuments();
          const drawn = await client.draw();
          let excluded: number[] = [];
          if (drawn) {
            const listed = await client.list(drawn.id);
            excluded = leaveOneOff && listed.items.length ? [listed.items[0].id] : [];
            await http()
              .post(`/api/v1/gallring-lists/${drawn.id}/${approve ? 'approve' : 'reject'}`)
              .set(as())
              .send(approve ? { excludedItemIds: excluded, version: drawn.version } : {})
              .expect(200);
          }
          await placeHolds('after');
          if (drawn) await worker.app.get(ExecuteGallring).execute(kalix.municipalityId, drawn.id);

          const went = [...(await weededDocuments())].filter((id) => !weededBefore.has(id)).sort();
          if (!drawn || !approve) {
            expect(went).toEqual([]);
            return;
          }
          const protocol = await client.list(drawn.id);
          // The gallringsprotokoll lists exactly what went.
          expect(
            protocol.items
              .filter((item) => item.status === 'weeded')
              .map((item) => item.documentId)
              .sort(),
          ).toEqual(went);
          // Nothing listed is left unsettled once the list is carried out.
          expect(protocol.items.filter((item) => item.status === 'listed')).toEqual([]);
          // What went was approved, not left off, closed, not held, and due on the day.
          const facts = await factsOf(protocol.items.map((item) => item.documentId));
          const rules = (
            (await http().get('/api/v1/retention-plan').set(as()).expect(200)).body as {
              rules: Array<Parameters<typeof dueFor>[2][number]>;
            }
          ).rules;
          const day = localDate(today, ZONE);
          for (const item of protocol.items) {
            const fact = facts.get(item.documentId)!;
            const eligible =
              !excluded.includes(item.id) &&
              fact.closedOn !== null &&
              !fact.held &&
              !weededBefore.has(item.documentId) &&
              dueFor(fact, fact, rules, day) !== null;
            expect({ item: item.documentId, weeded: item.status === 'weeded' }).toEqual({
              item: item.documentId,
              weeded: eligible,
            });
          }
        },
      ),
      { numRuns: 40, seed: 20261206 },
    );
    expect(runs).toBe(40);
    // The property held on real lists: some runs weeded something.
    const [{ weeded }] = (await api.dataSource.query(
      "SELECT COUNT(*) AS weeded FROM gallring_items WHERE municipality_id = ? AND status = 'weeded'",
      [kalix.municipalityId],
    )) as Array<{ weeded: number }>;
    expect(Number(weeded)).toBeGreaterThan(0);
  });

  async function weededDocuments(): Promise<Set<number>> {
    const rows = (await api.dataSource.query(
      'SELECT id FROM documents WHERE municipality_id = ? AND weeded_at IS NOT NULL',
      [kalix.municipalityId],
    )) as Array<{ id: string }>;
    return new Set(rows.map((row) => Number(row.id)));
  }

  /** Each document's case as it stands: its code, its closing day, whether it is held. */
  async function factsOf(documentIds: number[]) {
    const facts = new Map<
      number,
      {
        id: number;
        classificationCode: string | null;
        closedOn: string | null;
        held: boolean;
        type: string;
      }
    >();
    if (documentIds.length === 0) return facts;
    const rows = (await api.dataSource.query(
      `SELECT d.id, d.type, c.id AS caseId, c.classification_code AS code, c.status, c.closed_at AS closedAt,
              EXISTS (SELECT 1 FROM record_holds h WHERE h.case_id = c.id AND h.lifted_at IS NULL) AS held
         FROM documents d JOIN cases c ON c.id = d.case_id WHERE d.id IN (?)`,
      [documentIds],
    )) as Array<Record<string, unknown>>;
    for (const row of rows) {
      facts.set(Number(row.id), {
        id: Number(row.caseId),
        classificationCode: (row.code as string | null) ?? null,
        closedOn:
          row.status === 'closed' && row.closedAt ? localDate(row.closedAt as Date, ZONE) : null,
        held: Boolean(Number(row.held)),
        type: String(row.type),
      });
    }
    return facts;
  }
});
