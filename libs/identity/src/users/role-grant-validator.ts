import { Injectable } from '@nestjs/common';
import { ORGAN_ROLES, Role } from '@nf/access';
import { Tenant, FieldError, ValidationProblem } from '@nf/common';
import { Organs } from '@nf/tenancy';
import { RoleGrantInput } from './user.commands';

/** Checks role grants against the tenant: organ roles need an organ of this municipality. */

@Injectable()
export class RoleGrantValidator {
  constructor(private readonly organs: Organs) {}

  async validate(tenant: Tenant, grants: RoleGrantInput[]): Promise<void> {
    const errors: FieldError[] = [];
    for (const [index, grant] of grants.entries()) {
      const organScoped = ORGAN_ROLES.has(grant.role as Role);
      if (organScoped && grant.organId == null) {
        errors.push({
          field: `roles.${index}.organId`,
          message: `${grant.role} is given for one organ: organId is required`,
        });
      } else if (!organScoped && grant.organId != null) {
        errors.push({
          field: `roles.${index}.organId`,
          message: `${grant.role} holds for the whole municipality: omit organId`,
        });
      } else if (
        grant.organId != null &&
        !(await this.organs.repository.findOne(tenant, { id: grant.organId }))
      ) {
        errors.push({
          field: `roles.${index}.organId`,
          message: `no organ ${grant.organId} in this municipality`,
        });
      }
    }
    const keys = grants.map((grant) => `${grant.role}@${grant.organId ?? ''}`);
    if (new Set(keys).size !== keys.length)
      errors.push({ field: 'roles', message: 'a role is given twice' });
    if (errors.length) throw new ValidationProblem(errors);
  }
}
