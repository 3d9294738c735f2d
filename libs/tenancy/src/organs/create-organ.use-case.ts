import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant, ConflictProblem } from '@nf/common';
import { TransactionRunner, isDuplicateKeyError } from '@nf/database';
import { EntityManager } from 'typeorm';
import { CreateOrganCommand } from './organ.commands';
import { Organ, toOrganView } from './organ.entity';
import { Organs } from './organs';

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
