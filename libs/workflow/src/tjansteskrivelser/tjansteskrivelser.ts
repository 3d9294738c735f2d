import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Tenant } from '@nf/common';
import { TenantRepository } from '@nf/database';
import { Organs } from '@nf/tenancy';
import { EntityManager, Repository } from 'typeorm';
import { proposalText, Tjansteskrivelse } from './tjansteskrivelse.entity';

/** Reads of tjänsteskrivelser, within one municipality. */
@Injectable()
export class Tjansteskrivelser {
  readonly repository: TenantRepository<Tjansteskrivelse>;

  constructor(
    @InjectRepository(Tjansteskrivelse) repository: Repository<Tjansteskrivelse>,
    private readonly organs: Organs,
  ) {
    this.repository = new TenantRepository(repository, 'tjänsteskrivelse');
  }

  forCase(tenant: Tenant, caseId: number): Promise<Tjansteskrivelse[]> {
    return this.repository.find(tenant, { caseId }, { versionNo: 'ASC' });
  }

  async latestSubmitted(
    tenant: Tenant,
    caseId: number,
    manager: EntityManager,
  ): Promise<Tjansteskrivelse | null> {
    return manager.findOne(Tjansteskrivelse, {
      where: { municipalityId: tenant.municipalityId, caseId, status: 'submitted' },
      order: { versionNo: 'DESC' },
    });
  }

  /** Its förslag till beslut as one text, in the name of the organ it is addressed to. */
  async proposalOf(tenant: Tenant, record: Tjansteskrivelse): Promise<string | null> {
    if (record.proposalClauses.length === 0) return null;
    const organ = await this.organs.get(tenant, record.addressedOrganId);
    return proposalText(organ.name, record.proposalClauses);
  }
}
