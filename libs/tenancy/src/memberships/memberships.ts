import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Tenant } from '@nf/common';
import { TenantRepository } from '@nf/database';
import { DataSource, Repository } from 'typeorm';
import { Membership, type MembershipRole } from './membership.entity';

/** A seat held on a day: its role and organ. */
export interface Seat {
  role: MembershipRole;
  organId: number;
}

/** Someone with a seat on an organ who can be e-mailed. */
export interface SeatHolder {
  personId: number;
  name: string;
  email: string;
}

@Injectable()
export class Memberships {
  readonly repository: TenantRepository<Membership>;

  constructor(
    @InjectRepository(Membership) repository: Repository<Membership>,
    private readonly dataSource: DataSource,
  ) {
    this.repository = new TenantRepository(repository, 'membership');
  }

  /** Every seat of the tenant, on every organ and in every period, by id. */
  list(tenant: Tenant): Promise<Membership[]> {
    return this.repository.find(tenant, {}, { id: 'ASC' });
  }

  listForOrgan(tenant: Tenant, organId: number): Promise<Membership[]> {
    return this.repository.find(tenant, { organId }, { validFrom: 'DESC', id: 'ASC' });
  }

  /** The seats the person holds on the day (a local date, YYYY-MM-DD), in the order they were given. */
  async seatsOf(tenant: Tenant, personId: number, day: string): Promise<Seat[]> {
    const rows = (await this.dataSource.query(
      `SELECT role, organ_id AS organId FROM memberships
        WHERE municipality_id = ? AND person_id = ? AND valid_from <= ?
          AND (valid_to IS NULL OR valid_to >= ?)
        ORDER BY id`,
      [tenant.municipalityId, personId, day, day],
    )) as Array<{ role: MembershipRole; organId: number | string }>;
    return rows.map((row) => ({ role: row.role, organId: Number(row.organId) }));
  }

  /** Everyone with a seat on the organ on the day who has an e-mail address, each once. */
  async holdersWithEmail(tenant: Tenant, organId: number, day: string): Promise<SeatHolder[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT p.id, p.name, p.email FROM memberships m JOIN people p ON p.id = m.person_id
        WHERE m.municipality_id = ? AND m.organ_id = ? AND m.valid_from <= ?
          AND (m.valid_to IS NULL OR m.valid_to >= ?) AND p.email IS NOT NULL
        ORDER BY p.id`,
      [tenant.municipalityId, organId, day, day],
    )) as Array<{ id: number | string; name: string; email: string }>;
    return rows.map((row) => ({ personId: Number(row.id), name: row.name, email: row.email }));
  }
}
