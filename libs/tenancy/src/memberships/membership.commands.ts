import { Permission, Principal } from '@nf/access';
import { ForbiddenProblem, ValidationProblem } from '@nf/common';
import { MembershipRole } from './membership.entity';

export interface AddMembershipCommand {
  organId: number;
  personId: number;
  role: MembershipRole;
  party?: string | null;
  validFrom: string;
  validTo?: string | null;
}

export interface UpdateMembershipCommand {
  id: number;
  expectedVersion?: number;
  role?: MembershipRole;
  party?: string | null;
  validTo?: string | null;
}

export function assertPeriod(validFrom: string, validTo: string | null | undefined): void {
  if (validTo != null && validTo < validFrom) {
    throw new ValidationProblem([
      { field: 'validTo', message: 'validTo must not be before validFrom' },
    ]);
  }
}

/** Only an admin, or the secretary of that organ, manages its seats. */
export function assertMayManage(actor: Principal | null, organId: number): void {
  if (actor && !actor.can(Permission.MembershipsManage, { organId })) {
    throw new ForbiddenProblem('You may manage the memberships of your own organs only.');
  }
}
