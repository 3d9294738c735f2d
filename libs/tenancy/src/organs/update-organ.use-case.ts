import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant, assertCurrentVersion, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { UpdateOrganCommand } from './organ.commands';
import { Organ, toOrganView } from './organ.entity';
import { Organs } from './organs';

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
