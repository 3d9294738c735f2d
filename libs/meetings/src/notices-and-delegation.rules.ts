import { Permission, Principal } from '@nf/access';
import { ForbiddenProblem } from '@nf/common';

export interface RegisterNoticeCommand {
  organId: number;
  dnr?: string | null;
  sender: string;
  receivedOn: string;
  text: string;
}

export interface RegisterDelegationDecisionCommand {
  organId: number;
  delegate: string;
  delegateTitle?: string | null;
  decidedOn?: string | null;
  pointCode?: string | null;
  pointText?: string | null;
  dnr?: string | null;
  summary: string;
  urgent?: boolean;
}

export function assertMay(
  principal: Principal,
  permission: Permission,
  organId: number,
  what: string,
) {
  if (!principal.can(permission, { organId })) throw new ForbiddenProblem(what);
}
