import { swedishNumber } from '@nf/documents';
import { Permission, Principal } from '@nf/access';
import { ForbiddenProblem } from '@nf/common';

export interface RegisterNoticeCommand {
  organId: number;
  dnr?: string | null;
  sender: string;
  receivedOn: string;
  text: string;
  /** `remiss`: the sender asks for the board's answer, by `answerBy` when it set a day. */
  kind?: 'meddelande' | 'remiss';
  answerBy?: string | null;
}

export type SettleRemissCommand =
  { outcome: 'answered'; caseId: number } | { outcome: 'declined'; reason?: string | null };

export interface RegisterDelegationDecisionCommand {
  organId: number;
  delegate: string;
  delegateTitle?: string | null;
  decidedOn?: string | null;
  pointCode?: string | null;
  pointText?: string | null;
  dnr?: string | null;
  summary: string;
  /** The amount, in kronor, the decision concerns; checked against the point's limit. */
  amount?: number | null;
  urgent?: boolean;
  /** An utskott's protocol reported as one decision: its id and paragraphs ("§§ 93–100"). */
  sourceProtocol?: { id: number; paragraphs: string } | null;
}

export interface DelegationPointInput {
  code: string;
  text: string;
  delegates?: string | null;
  substitutes?: string | null;
  lagrum?: string | null;
  limitAmount?: number | null;
  limitMatters?: string | null;
  mustReport?: boolean;
  urgent?: boolean;
}

/** "341 906 kr". */
export function kronor(amount: number): string {
  return `${swedishNumber(amount)} kr`;
}

/**
 * Why a delegated decision falls outside the delegation order, in the words the secretary sees;
 * null when it is within it. An utskott's protocol is reported by its own right (the board's
 * reglemente lets the utskott decide), not under a point.
 */
export function outsideOrder(
  point: { code: string; limitAmount: number | null } | null,
  decision: { pointText?: string | null; amount?: number | null; sourceProtocol?: unknown },
): string | null {
  if (decision.sourceProtocol) return null;
  if (!point) {
    return decision.pointText
      ? `Beslutet anges ha fattats med stöd av ”${decision.pointText}”, som inte är en punkt i delegationsordningen.`
      : 'Beslutet anger ingen punkt i delegationsordningen.';
  }
  if (
    point.limitAmount !== null &&
    decision.amount != null &&
    decision.amount > point.limitAmount
  ) {
    return `Beloppet ${kronor(decision.amount)} överstiger gränsen i punkt ${point.code} (${kronor(point.limitAmount)}).`;
  }
  return null;
}

export function assertMay(
  principal: Principal,
  permission: Permission,
  organId: number,
  what: string,
) {
  if (!principal.can(permission, { organId })) throw new ForbiddenProblem(what);
}
