import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import {
  assertCurrentVersion,
  Clock,
  ConflictProblem,
  Tenant,
  ValidationProblem,
} from '@nf/common';
import { isDuplicateKeyError, TransactionRunner } from '@nf/database';
import { EntityManager } from 'typeorm';
import { Organ, OrganKind, toOrganView } from './organ.entity';
import { Organs } from './organs';

export interface CreateOrganCommand {
  code: string;
  name: string;
  kind: OrganKind;
  parentId?: number | null;
  adjustersCount?: number;
}

export interface UpdateOrganCommand {
  id: number;
  expectedVersion?: number;
  name?: string;
  kind?: OrganKind;
  parentId?: number | null;
  adjustersCount?: number;
  active?: boolean;
}

@Injectable()
export class CreateOrgan {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly organs: Organs,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tenant: Tenant,
    command: CreateOrganCommand,
    manager?: EntityManager,
  ): Promise<Organ> {
    const work = async (tx: EntityManager) => {
      if (command.parentId != null)
        await this.organs.repository.getById(tenant, command.parentId, tx);
      const now = this.clock.now();
      const organ = tx.create(Organ, {
        municipalityId: tenant.municipalityId,
        code: command.code,
        name: command.name,
        kind: command.kind,
        parentId: command.parentId ?? null,
        adjustersCount: command.adjustersCount ?? (command.kind === 'fullmäktige' ? 2 : 1),
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      await tx.save(organ);
      await this.audit.record(tx, {
        action: 'organ.created',
        entityType: 'organ',
        entityId: organ.id,
        municipalityId: tenant.municipalityId,
        after: toOrganView(organ),
      });
      return organ;
    };
    try {
      return manager ? await work(manager) : await this.transactions.run(work);
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new ConflictProblem(
          'organ-code-taken',
          `An organ with code ${JSON.stringify(command.code)} exists.`,
        );
      }
      throw error;
    }
  }
}

@Injectable()
export class UpdateOrgan {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly organs: Organs,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(tenant: Tenant, command: UpdateOrganCommand): Promise<Organ> {
    return this.transactions.run(async (tx) => {
      const organ = await this.organs.repository.getForUpdate(tx, tenant, command.id);
      assertCurrentVersion('organ', organ.version, command.expectedVersion);
      const before = toOrganView(organ);
      if (command.parentId != null) {
        if (command.parentId === organ.id) {
          throw new ValidationProblem([
            { field: 'parentId', message: 'an organ cannot be its own parent' },
          ]);
        }
        await this.organs.repository.getById(tenant, command.parentId, tx);
      }
      Object.assign(organ, {
        ...(command.name === undefined ? {} : { name: command.name }),
        ...(command.kind === undefined ? {} : { kind: command.kind }),
        ...(command.parentId === undefined ? {} : { parentId: command.parentId }),
        ...(command.adjustersCount === undefined ? {} : { adjustersCount: command.adjustersCount }),
        ...(command.active === undefined ? {} : { active: command.active }),
        updatedAt: this.clock.now(),
      });
      await tx.save(organ);
      await this.audit.record(tx, {
        action: 'organ.updated',
        entityType: 'organ',
        entityId: organ.id,
        municipalityId: tenant.municipalityId,
        before,
        after: toOrganView(organ),
      });
      return organ;
    });
  }
}
