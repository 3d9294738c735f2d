import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Tenant } from '@nf/common';
import { TenantRepository } from '@nf/database';
import { Repository, MoreThan, In, IsNull, LessThan } from 'typeorm';
import { Motion } from './motion.entity';

@Injectable()
export class MotionQueries {
  readonly repository: TenantRepository<Motion>;

  constructor(@InjectRepository(Motion) private readonly rows: Repository<Motion>) {
    this.repository = new TenantRepository(rows, 'motion');
  }

  forCase(tenant: Tenant, caseId: number): Promise<Motion | null> {
    return this.repository.findOne(tenant, { caseId });
  }

  /** The tenant's motions whose case has an id above `afterCaseId`, by case. */
  registeredAfter(tenant: Tenant, afterCaseId: number, limit: number): Promise<Motion[]> {
    return this.rows.manager.find(Motion, {
      where: { municipalityId: tenant.municipalityId, caseId: MoreThan(afterCaseId) },
      order: { caseId: 'ASC' },
      take: limit,
    });
  }

  /** The motions of these cases, by case. */
  async ofCases(tenant: Tenant, caseIds: number[]): Promise<Map<number, Motion>> {
    if (caseIds.length === 0) return new Map();
    const found = await this.repository.find(tenant, { caseId: In(caseIds) });
    return new Map(found.map((motion) => [motion.caseId, motion]));
  }

  /** Unanswered motions, oldest first; `overdueOn`: only those whose year had passed by that day. */
  open(tenant: Tenant, overdueOn?: string): Promise<Motion[]> {
    return this.repository.find(
      tenant,
      { answer: IsNull(), ...(overdueOn ? { deadlineOn: LessThan(overdueOn) } : {}) },
      { submittedOn: 'ASC', id: 'ASC' },
    );
  }
}
