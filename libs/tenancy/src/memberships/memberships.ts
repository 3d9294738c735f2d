import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Tenant } from '@nf/common';
import { TenantRepository } from '@nf/database';
import { IsNull, LessThanOrEqual, MoreThanOrEqual, Repository } from 'typeorm';
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

  /** The seats a person holds on a local date; these give the organ roles of the person's user. */
  async activeForPerson(tenant: Tenant, personId: number, date: string): Promise<Membership[]> {
    // One query (it runs for every authenticated request): open-ended seats, or seats still running.
    return this.repository.find(tenant, [
      { personId, validFrom: LessThanOrEqual(date), validTo: IsNull() },
      { personId, validFrom: LessThanOrEqual(date), validTo: MoreThanOrEqual(date) },
    ]);
  }
}
