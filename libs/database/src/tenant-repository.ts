import { NotFoundProblem, Tenant } from '@nf/common';
import {
  EntityManager,
  EntityTarget,
  FindOptionsOrder,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
} from 'typeorm';

interface TenantRow extends ObjectLiteral {
  id: number;
  municipalityId: number;
}

/**
 * A repository whose every read and write names the tenant: there is no method that can run
 * without one, and a row of another municipality is simply not found (a 404, never a 403).
 */
export class TenantRepository<T extends TenantRow> {
  constructor(
    private readonly repository: Repository<T>,
    private readonly resource: string,
  ) {}

  private scoped(tenant: Tenant, where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
    return { ...where, municipalityId: tenant.municipalityId } as FindOptionsWhere<T>;
  }

  /** Rows matching `where`, or any of several alternatives (OR), each within the tenant. */
  find(
    tenant: Tenant,
    where: FindOptionsWhere<T> | FindOptionsWhere<T>[] = {},
    order?: FindOptionsOrder<T>,
  ): Promise<T[]> {
    const scoped = Array.isArray(where)
      ? where.map((alternative) => this.scoped(tenant, alternative))
      : this.scoped(tenant, where);
    return this.repository.find({ where: scoped, order });
  }

  findOne(tenant: Tenant, where: FindOptionsWhere<T>): Promise<T | null> {
    return this.repository.findOne({ where: this.scoped(tenant, where) });
  }

  findById(tenant: Tenant, id: number): Promise<T | null> {
    return this.findOne(tenant, { id } as FindOptionsWhere<T>);
  }

  async getById(tenant: Tenant, id: number, manager?: EntityManager): Promise<T> {
    const row = manager
      ? await manager.findOne(this.repository.target as EntityTarget<T>, {
          where: this.scoped(tenant, { id } as FindOptionsWhere<T>),
        })
      : await this.findById(tenant, id);
    if (!row) throw new NotFoundProblem(this.resource, id);
    return row;
  }

  /** Locks the row for the rest of the transaction (SELECT … FOR UPDATE), within the tenant. */
  async getForUpdate(manager: EntityManager, tenant: Tenant, id: number): Promise<T> {
    const row = await manager.findOne(this.repository.target as EntityTarget<T>, {
      where: this.scoped(tenant, { id } as FindOptionsWhere<T>),
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw new NotFoundProblem(this.resource, id);
    return row;
  }
}
