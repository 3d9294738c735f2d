import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Tenant } from '@nf/common';
import { TenantRepository } from '@nf/database';
import { Repository } from 'typeorm';
import { Organ } from './organ.entity';

/** Reads of organs, always within one municipality. */
@Injectable()
export class Organs {
  readonly repository: TenantRepository<Organ>;

  constructor(@InjectRepository(Organ) repository: Repository<Organ>) {
    this.repository = new TenantRepository(repository, 'organ');
  }

  list(tenant: Tenant): Promise<Organ[]> {
    return this.repository.find(tenant, {}, { code: 'ASC' });
  }

  get(tenant: Tenant, id: number): Promise<Organ> {
    return this.repository.getById(tenant, id);
  }

  findByCode(tenant: Tenant, code: string): Promise<Organ | null> {
    return this.repository.findOne(tenant, { code });
  }
}
