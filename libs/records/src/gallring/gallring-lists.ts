import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditLog } from '@nf/audit';
import {
  assertCurrentVersion,
  Clock,
  ConflictProblem,
  localDate,
  NotFoundProblem,
  Tenant,
  ValidationProblem,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import { CaseQueries, DocumentQueries } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { Brackets, In, Repository } from 'typeorm';
import { GallringItem, GallringList, RetentionPlan } from '../records.entities';
import { RecordHolds } from '../holds/record-holds';
import { RetentionPlans } from '../retention/retention-plans';
import { selectDue, type DueDocument } from './due';

/** How many closed cases the draw weighs at a time. */
const CASES_PER_BATCH = 500;

/** Why an item left off at approval is not weeded, as the gallringsprotokoll says it. */
export const EXCLUDED_AT_APPROVAL = 'Undantagen av registratorn vid godkännandet';

/**
 * Gallringslistor: drawn from the plan in force (by the daily sweep, or on request), then approved
 * (with items left off) or rejected by the registrator. Approval hands the list to the execution job.
 */
@Injectable()
export class GallringLists {
  constructor(
    @InjectRepository(GallringList) private readonly lists: Repository<GallringList>,
    @InjectRepository(GallringItem) private readonly items: Repository<GallringItem>,
    private readonly plans: RetentionPlans,
    private readonly holds: RecordHolds,
    private readonly cases: CaseQueries,
    private readonly documents: DocumentQueries,
    private readonly municipalities: Municipalities,
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  list(tenant: Tenant): Promise<GallringList[]> {
    return this.lists.find({
      where: { municipalityId: tenant.municipalityId },
      order: { id: 'DESC' },
      take: 100,
    });
  }

  async get(tenant: Tenant, id: number): Promise<{ list: GallringList; items: GallringItem[] }> {
    const list = await this.lists.findOne({ where: { id, municipalityId: tenant.municipalityId } });
    if (!list) throw new NotFoundProblem('gallringslista', id);
    const items = await this.items.find({
      where: { municipalityId: tenant.municipalityId, listId: id },
      order: { caseId: 'ASC', documentId: 'ASC' },
    });
    return { list, items };
  }

  /** Each list's items counted by status, and the files removed. */
  async counts(
    tenant: Tenant,
    listIds: number[],
  ): Promise<Map<number, Record<GallringItem['status'] | 'filesRemoved', number>>> {
    const result = new Map<number, Record<GallringItem['status'] | 'filesRemoved', number>>();
    for (const id of listIds) {
      result.set(id, { listed: 0, excluded: 0, weeded: 0, skipped: 0, filesRemoved: 0 });
    }
    if (listIds.length === 0) return result;
    const rows = await this.items
      .createQueryBuilder('i')
      .select('i.listId', 'listId')
      .addSelect('i.status', 'status')
      .addSelect('COUNT(*)', 'items')
      .addSelect('SUM(i.filesRemoved)', 'files')
      .where('i.municipalityId = :m AND i.listId IN (:...ids)', {
        m: tenant.municipalityId,
        ids: listIds,
      })
      .groupBy('i.listId')
      .addGroupBy('i.status')
      .getRawMany<{
        listId: string;
        status: GallringItem['status'];
        items: string;
        files: string;
      }>();
    for (const row of rows) {
      const counts = result.get(Number(row.listId))!;
      counts[row.status] = Number(row.items);
      counts.filesRemoved += Number(row.files ?? 0);
    }
    return result;
  }

  /**
   * Draws what is due today into the open (proposed) list, or a new one: nothing is weeded by
   * this, only listed. Returns the list, or null when nothing is due and no list is open.
   */
  async draw(tenant: Tenant): Promise<GallringList | null> {
    const inForce = await this.plans.inForce(tenant);
    if (!inForce) return null;
    const municipality = await this.municipalities.getById(tenant.municipalityId);
    const today = localDate(this.clock.now(), municipality.timeZone);
    const settled = await this.settled(tenant, inForce.plan.id);
    const due: DueDocument[] = [];
    for (let afterId = 0; ;) {
      const page = await this.cases.closedPage(tenant, afterId, CASES_PER_BATCH);
      if (page.length === 0) break;
      afterId = page[page.length - 1]!.id;
      const ids = page.map((record) => record.id);
      const [documents, held] = await Promise.all([
        this.documents.forCases(tenant, ids),
        this.holds.held(tenant, ids),
      ]);
      due.push(
        ...selectDue({
          cases: page.map((record) => ({
            id: record.id,
            classificationCode: record.classificationCode,
            closedOn: record.closedAt ? localDate(record.closedAt, municipality.timeZone) : null,
          })),
          documents: documents.map((document) => ({
            id: document.id,
            caseId: document.caseId,
            type: document.type,
            weeded: document.weededAt !== null,
          })),
          rules: inForce.rules,
          held,
          settled,
          today,
        }),
      );
    }
    return this.transactions.run(async (tx) => {
      // One draw at a time per municipality: the plan's row is the lock.
      const [plan] = await tx.find(RetentionPlan, {
        where: { municipalityId: tenant.municipalityId },
        order: { version: 'DESC' },
        take: 1,
        lock: { mode: 'pessimistic_write' },
      });
      if (!plan || plan.id !== inForce.plan.id) return null;
      let list = await tx.findOne(GallringList, {
        where: { municipalityId: tenant.municipalityId, status: 'proposed' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!list && due.length === 0) return null;
      const created = !list;
      if (!list) {
        list = await tx.save(
          tx.create(GallringList, {
            municipalityId: tenant.municipalityId,
            planId: plan.id,
            status: 'proposed',
            drawnOn: today,
            createdAt: this.clock.now(),
            decidedBy: null,
            decidedAt: null,
            executedAt: null,
          }),
        );
      }
      let added = 0;
      for (let start = 0; start < due.length; start += 1000) {
        const result = await tx
          .createQueryBuilder()
          .insert()
          .into(GallringItem)
          .orIgnore()
          .values(
            due.slice(start, start + 1000).map((item) => ({
              municipalityId: tenant.municipalityId,
              listId: list!.id,
              ...item,
              status: 'listed' as const,
            })),
          )
          .execute();
        added += result.raw?.affectedRows ?? 0;
      }
      if (created || added > 0) {
        list.drawnOn = today;
        list.planId = plan.id;
        list = await tx.save(list);
        await this.audit.record(tx, {
          action: created ? 'gallring-list.drawn' : 'gallring-list.extended',
          entityType: 'gallring-list',
          entityId: list.id,
          municipalityId: tenant.municipalityId,
          before: null,
          after: { planVersion: plan.version, drawnOn: today, itemsAdded: added },
        });
      }
      return list;
    });
  }

  /** Approves the list as it stands, less the items left off; the execution job does the rest. */
  async approve(
    tenant: Tenant,
    actorId: number | null,
    id: number,
    command: { version?: number; excludedItemIds?: number[] },
  ): Promise<GallringList> {
    return this.transactions.run(async (tx) => {
      const list = await this.locked(tx, tenant, id, command.version);
      const items = await tx.find(GallringItem, {
        where: { municipalityId: tenant.municipalityId, listId: id },
      });
      const excluded = new Set(command.excludedItemIds ?? []);
      const unknown = [...excluded].filter((itemId) => !items.some((item) => item.id === itemId));
      if (unknown.length > 0) {
        throw new ValidationProblem([
          { field: 'excludedItemIds', message: `not items of this list: ${unknown.join(', ')}` },
        ]);
      }
      if (excluded.size > 0) {
        await tx.update(
          GallringItem,
          { municipalityId: tenant.municipalityId, listId: id, id: In([...excluded]) },
          { status: 'excluded', outcome: EXCLUDED_AT_APPROVAL },
        );
      }
      const now = this.clock.now();
      list.status = 'approved';
      list.decidedBy = actorId;
      list.decidedAt = now;
      const saved = await tx.save(list);
      await this.outbox.enqueue(tx, 'records.execute-gallring', {
        municipalityId: tenant.municipalityId,
        listId: id,
      });
      await this.audit.record(tx, {
        action: 'gallring-list.approved',
        entityType: 'gallring-list',
        entityId: id,
        municipalityId: tenant.municipalityId,
        before: { status: 'proposed' },
        after: {
          status: 'approved',
          items: items.length - excluded.size,
          excludedItemIds: [...excluded].sort((a, b) => a - b),
        },
      });
      return saved;
    });
  }

  /** Rejects the list: none of it goes, and it is not drawn again under this plan version. */
  async reject(
    tenant: Tenant,
    actorId: number | null,
    id: number,
    command: { version?: number },
  ): Promise<GallringList> {
    return this.transactions.run(async (tx) => {
      const list = await this.locked(tx, tenant, id, command.version);
      list.status = 'rejected';
      list.decidedBy = actorId;
      list.decidedAt = this.clock.now();
      const saved = await tx.save(list);
      await this.audit.record(tx, {
        action: 'gallring-list.rejected',
        entityType: 'gallring-list',
        entityId: id,
        municipalityId: tenant.municipalityId,
        before: { status: 'proposed' },
        after: { status: 'rejected' },
      });
      return saved;
    });
  }

  private async locked(
    tx: import('typeorm').EntityManager,
    tenant: Tenant,
    id: number,
    expectedVersion: number | undefined,
  ): Promise<GallringList> {
    const list = await tx.findOne(GallringList, {
      where: { id, municipalityId: tenant.municipalityId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!list) throw new NotFoundProblem('gallringslista', id);
    assertCurrentVersion('gallringslista', list.version, expectedVersion);
    if (list.status !== 'proposed') {
      throw new ConflictProblem(
        'gallring-list-decided',
        `The list is ${list.status}; only a proposed list is approved or rejected.`,
      );
    }
    return list;
  }

  /**
   * Documents the draw leaves alone under this plan version: on a list still open or approved,
   * left off at approval, or on a rejected list.
   */
  private async settled(tenant: Tenant, planId: number): Promise<Set<number>> {
    const rows = await this.items
      .createQueryBuilder('i')
      .select('i.documentId', 'documentId')
      .innerJoin(GallringList, 'l', 'l.id = i.listId AND l.municipalityId = i.municipalityId')
      .where('i.municipalityId = :m', { m: tenant.municipalityId })
      .andWhere(
        new Brackets((where) =>
          where
            .where("i.status = 'listed' AND l.status IN ('proposed', 'approved')")
            .orWhere("l.planId = :planId AND (i.status = 'excluded' OR l.status = 'rejected')", {
              planId,
            }),
        ),
      )
      .getRawMany<{ documentId: string | number }>();
    return new Set(rows.map((row) => Number(row.documentId)));
  }
}
