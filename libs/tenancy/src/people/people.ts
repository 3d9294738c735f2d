import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Tenant } from '@nf/common';
import { TenantRepository } from '@nf/database';
import { EntityManager, In, Repository } from 'typeorm';
import { Person } from './person.entity';

@Injectable()
export class People {
  readonly repository: TenantRepository<Person>;

  constructor(@InjectRepository(Person) private readonly people: Repository<Person>) {
    this.repository = new TenantRepository(people, 'person');
  }

  list(tenant: Tenant): Promise<Person[]> {
    return this.repository.find(tenant, {}, { name: 'ASC' });
  }

  get(tenant: Tenant, id: number): Promise<Person> {
    return this.repository.getById(tenant, id);
  }

  /** The tenant's people among the ids, in the caller's transaction when one is given. */
  byIds(tenant: Tenant, ids: number[], tx?: EntityManager): Promise<Person[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return (tx ?? this.people.manager).find(Person, {
      where: { municipalityId: tenant.municipalityId, id: In(ids) },
    });
  }
}
