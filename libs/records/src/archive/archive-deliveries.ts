import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, localDate, NotFoundProblem, type Tenant } from '@nf/common';
import { AppConfig } from '@nf/config';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import type { ArchiveSelection } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EntityManager, In, Repository } from 'typeorm';
import { ArchiveDelivery, ArchiveReceipt } from '../records.entities';

/** How long a writer's claim holds without a word from it; it renews it after every batch. */
export const LEASE_MS = 120_000;

/** This process, as a lease names it. */
export function leaseOwner(): string {
  return `${hostname()}:${process.pid}`;
}

/** Whether the process that holds a lease is gone (a lease of this machine whose pid is not alive). */
function ownerIsGone(owner: string | null): boolean {
  if (!owner) return true;
  const at = owner.lastIndexOf(':');
  if (owner.slice(0, at) !== hostname()) return false;
  const pid = Number(owner.slice(at + 1));
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Progress of a delivery while it is written. */
export interface DeliveryProgress {
  casesDone: number;
  filesDone: number;
  bytesWritten: number;
}

/** A case that went into a package, as its receipt records it. */
export interface DeliveredCase {
  caseId: number;
  dnr: string;
  documents: number;
  files: number;
}

/**
 * Deliveries to the e-archive: requested (through the api, with a job that writes the package, or
 * from the command line, written at once), claimed by one writer at a time under a lease, and
 * finished with a receipt per case in the transaction that marks the delivery delivered. A writer
 * that dies leaves a delivery another run takes over from the start; its unfinished file is never
 * the package.
 */
@Injectable()
export class ArchiveDeliveries {
  constructor(
    @InjectRepository(ArchiveDelivery) private readonly deliveries: Repository<ArchiveDelivery>,
    @InjectRepository(ArchiveReceipt) private readonly receipts: Repository<ArchiveReceipt>,
    private readonly transactions: TransactionRunner,
    private readonly municipalities: Municipalities,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  list(tenant: Tenant): Promise<ArchiveDelivery[]> {
    return this.deliveries.find({
      where: { municipalityId: tenant.municipalityId },
      order: { id: 'DESC' },
      take: 100,
    });
  }

  async get(tenant: Tenant, id: number): Promise<ArchiveDelivery> {
    const found = await this.deliveries.findOne({
      where: { id, municipalityId: tenant.municipalityId },
    });
    if (!found) throw new NotFoundProblem('archive delivery', id);
    return found;
  }

  /** The receipt: the cases the finished delivery holds, in dnr order (empty until delivered). */
  async receipt(tenant: Tenant, id: number): Promise<ArchiveReceipt[]> {
    const delivery = await this.get(tenant, id);
    if (delivery.status !== 'delivered') return [];
    return this.receipts.find({
      where: { municipalityId: tenant.municipalityId, deliveryId: id },
      order: { dnr: 'ASC' },
    });
  }

  /** Which of the cases a finished delivery already holds (they are not delivered again). */
  async delivered(tenant: Tenant, caseIds: number[]): Promise<Set<number>> {
    if (caseIds.length === 0) return new Set();
    const rows = (await this.receipts.query(
      `SELECT DISTINCT r.case_id AS caseId FROM archive_receipts r
         JOIN archive_deliveries d ON d.id = r.delivery_id AND d.municipality_id = r.municipality_id
        WHERE r.municipality_id = ? AND r.case_id IN (?) AND d.status = 'delivered'`,
      [tenant.municipalityId, [...new Set(caseIds)]],
    )) as Array<{ caseId: number | string }>;
    return new Set(rows.map((row) => Number(row.caseId)));
  }

  /**
   * A delivery requested through the api: written by the `records.archive-delivery` job into the
   * file store's `deliveries` folder, where the api hands it out.
   */
  async request(
    tenant: Tenant,
    actorId: number | null,
    selection: ArchiveSelection,
  ): Promise<ArchiveDelivery> {
    return this.transactions.run(async (tx) => {
      const delivery = await this.create(tx, tenant, actorId, selection, (packageId) =>
        join(this.config.files.dir, 'deliveries', `${packageId}.zip`),
      );
      await this.outbox.enqueue(tx, 'records.archive-delivery', {
        municipalityId: tenant.municipalityId,
        deliveryId: delivery.id,
      });
      return delivery;
    });
  }

  /**
   * The command line's delivery to a file: the unfinished delivery to the same file is taken up
   * again (after a crash), else a new one is made.
   */
  async forFile(
    tenant: Tenant,
    selection: ArchiveSelection,
    outputPath: string,
  ): Promise<ArchiveDelivery> {
    return this.transactions.run(async (tx) => {
      const unfinished = await tx.findOne(ArchiveDelivery, {
        where: {
          municipalityId: tenant.municipalityId,
          outputPath,
          status: In(['queued', 'running', 'failed']),
        },
        order: { id: 'DESC' },
        lock: { mode: 'pessimistic_write' },
      });
      if (unfinished) return unfinished;
      return this.create(tx, tenant, null, selection, () => outputPath);
    });
  }

  private async create(
    tx: EntityManager,
    tenant: Tenant,
    actorId: number | null,
    selection: ArchiveSelection,
    pathOf: (packageId: string) => string,
  ): Promise<ArchiveDelivery> {
    const municipality = await this.municipalities.getById(tenant.municipalityId);
    const now = this.clock.now();
    const packageId = `nf-${municipality.slug}-${localDate(now, municipality.timeZone).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
    const delivery = await tx.save(
      tx.create(ArchiveDelivery, {
        municipalityId: tenant.municipalityId,
        packageId,
        status: 'queued',
        selection: compact(selection),
        outputPath: pathOf(packageId),
        casesDone: 0,
        filesDone: 0,
        bytesWritten: 0,
        attempts: 0,
        requestedBy: actorId,
        requestedAt: now,
      }),
    );
    await this.audit.record(tx, {
      action: 'archive-delivery.requested',
      entityType: 'archive-delivery',
      entityId: delivery.id,
      municipalityId: tenant.municipalityId,
      after: { packageId, selection: delivery.selection, status: 'queued' },
    });
    return delivery;
  }

  /**
   * Claims the delivery for this process: a queued or failed one, or a running one whose writer's
   * lease has run out or whose process is gone. Starts it over (its earlier receipts rows and
   * counts cleared). Null when it is delivered or another writer holds it.
   */
  async claim(tenant: Tenant, id: number, owner: string): Promise<ArchiveDelivery | null> {
    return this.transactions.run(async (tx) => {
      const delivery = await tx.findOne(ArchiveDelivery, {
        where: { id, municipalityId: tenant.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!delivery) throw new NotFoundProblem('archive delivery', id);
      const now = this.clock.now();
      if (delivery.status === 'delivered') return null;
      if (
        delivery.status === 'running' &&
        delivery.leaseOwner !== owner &&
        delivery.leaseUntil &&
        delivery.leaseUntil > now &&
        !ownerIsGone(delivery.leaseOwner)
      ) {
        return null;
      }
      const before = { status: delivery.status, attempts: delivery.attempts };
      await tx.delete(ArchiveReceipt, { municipalityId: tenant.municipalityId, deliveryId: id });
      Object.assign(delivery, {
        status: 'running',
        attempts: delivery.attempts + 1,
        leaseOwner: owner,
        leaseUntil: new Date(now.getTime() + LEASE_MS),
        startedAt: now,
        casesTotal: null,
        casesDone: 0,
        filesDone: 0,
        bytesWritten: 0,
        error: null,
      });
      const saved = await tx.save(delivery);
      await this.audit.record(tx, {
        action: 'archive-delivery.started',
        entityType: 'archive-delivery',
        entityId: id,
        municipalityId: tenant.municipalityId,
        before,
        after: { status: 'running', attempts: saved.attempts },
      });
      return saved;
    });
  }

  /**
   * Records a batch's progress and its cases' receipts (valid once the delivery is delivered), and
   * renews the lease; refuses (409) when this writer no longer holds it.
   */
  async progress(
    tenant: Tenant,
    id: number,
    owner: string,
    progress: DeliveryProgress & { casesTotal?: number },
    cases: DeliveredCase[],
  ): Promise<void> {
    await this.transactions.run(async (tx) => {
      const delivery = await this.held(tx, tenant, id, owner);
      if (cases.length) {
        const now = this.clock.now();
        await tx.insert(
          ArchiveReceipt,
          cases.map((record) => ({
            municipalityId: tenant.municipalityId,
            deliveryId: id,
            ...record,
            deliveredAt: now,
          })),
        );
      }
      Object.assign(delivery, progress, {
        leaseUntil: new Date(this.clock.now().getTime() + LEASE_MS),
      });
      await tx.save(delivery);
    });
  }

  /** Marks the delivery delivered, with the package's checksum: its receipts count from now. */
  async finish(
    tenant: Tenant,
    id: number,
    owner: string,
    result: DeliveryProgress & { sha256: string; sizeBytes: number },
  ): Promise<ArchiveDelivery> {
    return this.transactions.run(async (tx) => {
      const delivery = await this.held(tx, tenant, id, owner);
      const now = this.clock.now();
      Object.assign(delivery, {
        status: 'delivered',
        casesDone: result.casesDone,
        filesDone: result.filesDone,
        bytesWritten: result.bytesWritten,
        packageSha256: result.sha256,
        packageBytes: result.sizeBytes,
        finishedAt: now,
        leaseOwner: null,
        leaseUntil: null,
      });
      const saved = await tx.save(delivery);
      await this.audit.record(tx, {
        action: 'archive-delivery.delivered',
        entityType: 'archive-delivery',
        entityId: id,
        municipalityId: tenant.municipalityId,
        before: { status: 'running' },
        after: {
          status: 'delivered',
          packageId: saved.packageId,
          cases: result.casesDone,
          files: result.filesDone,
          sha256: result.sha256,
        },
      });
      return saved;
    });
  }

  /** Marks the delivery failed (its unfinished file is removed by the caller); audited. */
  async fail(tenant: Tenant, id: number, owner: string, error: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const delivery = await tx.findOne(ArchiveDelivery, {
        where: { id, municipalityId: tenant.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!delivery || delivery.status !== 'running' || delivery.leaseOwner !== owner) return;
      delivery.status = 'failed';
      delivery.error = error.slice(0, 2000);
      delivery.leaseOwner = null;
      delivery.leaseUntil = null;
      delivery.finishedAt = this.clock.now();
      await tx.save(delivery);
      await tx.delete(ArchiveReceipt, { municipalityId: tenant.municipalityId, deliveryId: id });
      await this.audit.record(tx, {
        action: 'archive-delivery.failed',
        entityType: 'archive-delivery',
        entityId: id,
        municipalityId: tenant.municipalityId,
        before: { status: 'running' },
        after: { status: 'failed', error: delivery.error },
      });
    });
  }

  private async held(
    tx: EntityManager,
    tenant: Tenant,
    id: number,
    owner: string,
  ): Promise<ArchiveDelivery> {
    const delivery = await tx.findOne(ArchiveDelivery, {
      where: { id, municipalityId: tenant.municipalityId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!delivery || delivery.status !== 'running' || delivery.leaseOwner !== owner) {
      throw new ConflictProblem(
        'delivery-lease-lost',
        `archive delivery ${id} is no longer written by ${owner}`,
      );
    }
    return delivery;
  }
}

/** The selection without its empty conditions. */
function compact(selection: ArchiveSelection): ArchiveSelection {
  return Object.fromEntries(
    Object.entries(selection).filter(
      ([, value]) => value !== null && value !== undefined && value !== '',
    ),
  ) as ArchiveSelection;
}
