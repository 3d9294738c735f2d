import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Tenant } from '@nf/common';
import { TenantRepository } from '@nf/database';
import { Repository } from 'typeorm';
import { Membership } from './membership.entity';

@Injectable()
export class Memberships {
  readonly repository: TenantRepository<Membership>;

  constructor(@InjectRepository(Membership) repository: Repository<Membership>) {
    this.repository = new TenantRepository(repository, 'membership');
  }

  listForOrgan(tenant: Tenant, organId: number): Promise<Membership[]> {
    return this.repository.find(tenant, { organId }, { validFrom: 'DESC', id: 'ASC' });
  }
}
