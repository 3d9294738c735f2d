import type { Tenant } from '@nf/common';
import { ORGAN_ROLES, Permission, Role, ROLE_PERMISSIONS } from './permissions';

export interface RoleGrant {
  role: Role;
  /** Set for organ roles: the organ the role holds for. */
  organId?: number;
}

/** An authenticated user or service, with what it may do. */
export class Principal implements Tenant {
  constructor(
    readonly userId: number,
    readonly municipalityId: number,
    readonly username: string,
    readonly kind: 'person' | 'service',
    readonly grants: readonly RoleGrant[],
    readonly personId: number | null = null,
  ) {}

  hasRole(role: Role, organId?: number): boolean {
    return this.grants.some(
      (grant) => grant.role === role && (organId === undefined || grant.organId === organId),
    );
  }

  /**
   * Whether the principal holds a permission: municipality-wide (no organ given: any grant of a
   * municipality role), or for one organ (a municipality role, or an organ role for that organ).
   */
  can(permission: Permission, scope: { organId?: number } = {}): boolean {
    return this.grants.some((grant) => {
      if (!ROLE_PERMISSIONS[grant.role].includes(permission)) return false;
      if (!ORGAN_ROLES.has(grant.role)) return true;
      return scope.organId !== undefined && grant.organId === scope.organId;
    });
  }

  /** Whether any grant, for any organ, carries the permission (for list endpoints). */
  canSomewhere(permission: Permission): boolean {
    return this.grants.some((grant) => ROLE_PERMISSIONS[grant.role].includes(permission));
  }

  permissions(): Permission[] {
    return [...new Set(this.grants.flatMap((grant) => ROLE_PERMISSIONS[grant.role]))].sort();
  }
}
