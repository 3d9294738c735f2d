import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { EntityManager } from 'typeorm';
import { PersonFields } from './person.commands';
import { Person, toPersonView } from './person.entity';

@Injectable()
export class CreatePerson {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(tenant: Tenant, fields: PersonFields, manager?: EntityManager): Promise<Person> {
    const work = async (tx: EntityManager) => {
      const now = this.clock.now();
      const person = tx.create(Person, {
        municipalityId: tenant.municipalityId,
        name: fields.name,
        title: fields.title ?? null,
        party: fields.party ?? null,
        email: fields.email ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await tx.save(person);
      await this.audit.record(tx, {
        action: 'person.created',
        entityType: 'person',
        entityId: person.id,
        municipalityId: tenant.municipalityId,
        after: toPersonView(person),
      });
      return person;
    };
    return manager ? work(manager) : this.transactions.run(work);
  }
}
