import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant, assertCurrentVersion } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { People } from './people';
import { PersonFields } from './person.commands';
import { Person, toPersonView } from './person.entity';

@Injectable()
export class UpdatePerson {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly people: People,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tenant: Tenant,
    id: number,
    fields: Partial<PersonFields>,
    expectedVersion?: number,
  ): Promise<Person> {
    return this.transactions.run(async (tx) => {
      const person = await this.people.repository.getForUpdate(tx, tenant, id);
      assertCurrentVersion('person', person.version, expectedVersion);
      const before = toPersonView(person);
      for (const key of ['name', 'title', 'party', 'email'] as const) {
        if (fields[key] !== undefined) Object.assign(person, { [key]: fields[key] });
      }
      person.updatedAt = this.clock.now();
      await tx.save(person);
      await this.audit.record(tx, {
        action: 'person.updated',
        entityType: 'person',
        entityId: person.id,
        municipalityId: tenant.municipalityId,
        before,
        after: toPersonView(person),
      });
      return person;
    });
  }
}
