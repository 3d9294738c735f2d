import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { assertCurrentVersion, Clock, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { EntityManager } from 'typeorm';
import { People } from './people';
import { Person, toPersonView } from './person.entity';

export interface PersonFields {
  name: string;
  title?: string | null;
  party?: string | null;
  email?: string | null;
}

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
