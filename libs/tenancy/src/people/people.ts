import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Tenant } from '@nf/common';
import { TenantRepository } from '@nf/database';
import { Repository } from 'typeorm';
import { Person } from './person.entity';

@Injectable()
export class People {
  readonly repository: TenantRepository<Person>;

  constructor(@InjectRepository(Person) repository: Repository<Person>) {
    this.repository = new TenantRepository(repository, 'person');
  }

  list(tenant: Tenant): Promise<Person[]> {
    return this.repository.find(tenant, {}, { name: 'ASC' });
  }

  get(tenant: Tenant, id: number): Promise<Person> {
    return this.repository.getById(tenant, id);
  }
}
