import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem } from '@nf/common';
import { isDuplicateKeyError, TransactionRunner } from '@nf/database';
import { Municipality, toMunicipalityView } from '../municipality.entity';

export class CreateMunicipalityCommand {
  constructor(
    readonly slug: string,
    readonly name: string,
    readonly timeZone: string = 'Europe/Stockholm',
  ) {}
}

/** Provisions a new tenant. Idempotency is by slug: a second create with the same slug is a 409. */
@Injectable()
export class CreateMunicipality {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateMunicipalityCommand): Promise<Municipality> {
    try {
      return await this.transactions.run(async (manager) => {
        const now = this.clock.now();
        const municipality = manager.create(Municipality, {
          slug: command.slug,
          name: command.name,
          timeZone: command.timeZone,
          createdAt: now,
          updatedAt: now,
        });
        await manager.save(municipality);
        await this.audit.record(manager, {
          action: 'municipality.created',
          entityType: 'municipality',
          entityId: municipality.id,
          municipalityId: municipality.id,
          after: toMunicipalityView(municipality),
        });
        return municipality;
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new ConflictProblem(
          'municipality-exists',
          `A municipality with slug ${JSON.stringify(command.slug)} already exists.`,
        );
      }
      throw error;
    }
  }
}
