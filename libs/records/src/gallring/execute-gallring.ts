import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, localDate, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { MeetingQueries } from '@nf/meetings';
import { ProtocolQueries } from '@nf/protocols';
import type { JobOutcome } from '@nf/queue';
import {
  CaseQueries,
  DocumentQueries,
  FileStorage,
  WeedDocuments,
  type Weeding,
} from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { EntityManager, In, IsNull } from 'typeorm';
import { RecordHolds } from '../holds/record-holds';
import { GallringItem, GallringList } from '../records.entities';
import { RetentionPlans } from '../retention/retention-plans';
import { describeRetention } from '../retention/retention-rules';
import { dueFor } from './due';

/** Items weeded in one transaction. */
const ITEMS_PER_BATCH = 200;

/** Why an approved item was not weeded after all, as the gallringsprotokoll says it. */
export const SKIPPED = {
  notClosed: 'Ärendet är inte längre avslutat',
  held: 'Ärendet har ett stopp för gallring',
  notDue: 'Ärendets gallringstid har inte kommit',
  alreadyWeeded: 'Handlingen var redan gallrad',
  gone: 'Handlingen finns inte',
} as const;

/**
 * Carries out an approved gallringslista, in batches: each item is checked again at the moment of
 * weeding (still closed, not held, due by its line), weeded in the registry, and marked with what
 * went; then the stored bytes no one holds any longer are deleted. Run twice, it does the work once:
 * weeded items are not weeded again, and bytes left by a crash are deleted by the next run.
 */
@Injectable()
export class ExecuteGallring {
  private readonly logger = new Logger(ExecuteGallring.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: RetentionPlans,
    private readonly holds: RecordHolds,
    private readonly cases: CaseQueries,
    private readonly documents: DocumentQueries,
    private readonly meetings: MeetingQueries,
    private readonly protocols: ProtocolQueries,
    private readonly weed: WeedDocuments,
    private readonly storage: FileStorage,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(municipalityId: number, listId: number): Promise<JobOutcome> {
    const tenant: Tenant = { municipalityId };
    const list = await this.transactions.run((tx) => this.listOf(tx, tenant, listId, false));
    if (!list) return { status: 'skipped', reason: `no gallringslista ${listId}` };
    if (list.status !== 'approved' && list.status !== 'executed') {
      return { status: 'skipped', reason: `the list is ${list.status}, not approved` };
    }
    const municipality = await this.municipalities.getById(municipalityId);
    let weeded = 0;
    while (list.status === 'approved') {
      const batch = await this.transactions.run((tx) =>
        this.weedBatch(tx, tenant, listId, municipality.timeZone),
      );
      if (batch === null) break;
      weeded += batch;
      await this.removeBytes(tenant, listId);
    }
    const finished = await this.transactions.run((tx) => this.finish(tx, tenant, listId));
    const removed = await this.removeBytes(tenant, listId);
    return {
      status: 'done',
      detail: `${weeded} documents weeded${finished ? ', list executed' : ''}, ${removed} stored files deleted`,
    };
  }

  private async listOf(
    tx: EntityManager,
    tenant: Tenant,
    listId: number,
    lock: boolean,
  ): Promise<GallringList | null> {
    return tx.findOne(GallringList, {
      where: { id: listId, municipalityId: tenant.municipalityId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Weeds the next batch of listed items; null when none is left (or the list is not approved). */
  private async weedBatch(
    tx: EntityManager,
    tenant: Tenant,
    listId: number,
    timeZone: string,
  ): Promise<number | null> {
    // The list's row is the lock: two runs of the job take turns.
    const list = await this.listOf(tx, tenant, listId, true);
    if (!list || list.status !== 'approved') return null;
    const items = await tx.find(GallringItem, {
      where: { municipalityId: tenant.municipalityId, listId, status: 'listed' },
      order: { id: 'ASC' },
      take: ITEMS_PER_BATCH,
    });
    if (items.length === 0) return null;
    const now = this.clock.now();
    const today = localDate(now, timeZone);
    const [cases, documents, rules, held] = await Promise.all([
      this.cases.byIds(
        tenant,
        items.map((item) => item.caseId),
      ),
      this.documents.byIds(
        tenant,
        items.map((item) => item.documentId),
      ),
      this.plans.rulesByIds(
        tenant,
        items.map((item) => item.ruleId),
      ),
      this.holds.held(
        tenant,
        items.map((item) => item.caseId),
        tx,
      ),
    ]);
    const documentsById = new Map(documents.map((document) => [document.id, document]));
    const weedings: Weeding[] = [];
    const skipped = new Map<number, string>();
    for (const item of items) {
      const record = cases.get(item.caseId);
      const document = documentsById.get(item.documentId);
      const rule = rules.get(item.ruleId)!;
      if (!record || !document) skipped.set(item.id, SKIPPED.gone);
      else if (record.status !== 'closed' || !record.closedAt)
        skipped.set(item.id, SKIPPED.notClosed);
      else if (held.has(record.id)) skipped.set(item.id, SKIPPED.held);
      else if (document.weededAt) skipped.set(item.id, SKIPPED.alreadyWeeded);
      else if (
        !dueFor(
          { ...record, closedOn: localDate(record.closedAt, timeZone) },
          document,
          [rule],
          today,
        )
      ) {
        skipped.set(item.id, SKIPPED.notDue);
      } else {
        weedings.push({
          documentId: document.id,
          keep: rule.keep,
          rule: `${rule.classificationCode} ${rule.description}: ${describeRetention(rule)} (${rule.legalBasis})`,
        });
      }
    }
    const outcome = await this.weed.execute(tx, tenant, weedings, now);
    for (const item of items) {
      const reason = skipped.get(item.id);
      if (reason) {
        item.status = 'skipped';
        item.outcome = reason;
        continue;
      }
      const done = outcome.get(item.documentId)!;
      item.status = 'weeded';
      item.filesRemoved = done.filesRemoved;
      item.storageKeys = done.storageKeys;
      item.weededAt = now;
      item.blobsRemovedAt = done.storageKeys.length === 0 ? now : null;
    }
    await tx.save(items);
    return weedings.length;
  }

  /** Marks the list executed once nothing on it is left to weed, with its counts audited. */
  private async finish(tx: EntityManager, tenant: Tenant, listId: number): Promise<boolean> {
    const list = await this.listOf(tx, tenant, listId, true);
    if (!list || list.status !== 'approved') return false;
    const items = await tx.find(GallringItem, {
      select: { id: true, status: true, filesRemoved: true },
      where: { municipalityId: tenant.municipalityId, listId },
    });
    if (items.some((item) => item.status === 'listed')) return false;
    const count = (status: GallringItem['status']) =>
      items.filter((item) => item.status === status).length;
    list.status = 'executed';
    list.executedAt = this.clock.now();
    await tx.save(list);
    await this.audit.record(tx, {
      action: 'gallring-list.executed',
      entityType: 'gallring-list',
      entityId: list.id,
      municipalityId: tenant.municipalityId,
      before: { status: 'approved' },
      after: {
        status: 'executed',
        weeded: count('weeded'),
        skipped: count('skipped'),
        excluded: count('excluded'),
        filesRemoved: items.reduce((sum, item) => sum + item.filesRemoved, 0),
      },
    });
    return true;
  }

  /**
   * Deletes the bytes of weeded files that no registered, kallelse or protocol file holds (the
   * store keeps bytes by hash, so the same bytes may be another document's too).
   */
  private async removeBytes(tenant: Tenant, listId: number): Promise<number> {
    let removed = 0;
    for (;;) {
      const items = await this.transactions.run((tx) =>
        tx.find(GallringItem, {
          where: {
            municipalityId: tenant.municipalityId,
            listId,
            status: 'weeded',
            blobsRemovedAt: IsNull(),
          },
          take: 500,
        }),
      );
      if (items.length === 0) return removed;
      const keys = [...new Set(items.flatMap((item) => item.storageKeys ?? []))];
      const inUse = new Set<string>();
      for (const held of await Promise.all([
        this.documents.storageKeysInUse(keys),
        this.meetings.storageKeysInUse(keys),
        this.protocols.storageKeysInUse(keys),
      ])) {
        for (const key of held) inUse.add(key);
      }
      for (const key of keys) {
        if (inUse.has(key)) continue;
        await this.storage.remove(key);
        removed += 1;
      }
      await this.transactions.run((tx) =>
        tx.update(
          GallringItem,
          { municipalityId: tenant.municipalityId, id: In(items.map((item) => item.id)) },
          { blobsRemovedAt: this.clock.now() },
        ),
      );
      this.logger.debug(
        `gallringslista ${listId}: ${keys.length - inUse.size} stored files deleted`,
      );
    }
  }
}
