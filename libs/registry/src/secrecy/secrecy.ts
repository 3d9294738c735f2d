import { Permission, Principal } from '@nf/access';

/** What is shown instead of a secret title to those without the right (and no public title set). */
export const SECRET_TITLE = 'Sekretessbelagt ärende';

/** The parts of a case that say whether it is secret and what the public may call it. */
export interface SecrecyOf {
  secrecyOsl: string | null;
  publicTitle: string | null;
  responsibleUserId?: number | null;
}

/** Whether this principal may see the secret parts of the case: the right, or responsibility for it. */
export function canSeeSecret(principal: Principal, record: SecrecyOf): boolean {
  return principal.can(Permission.SecretRead) || record.responsibleUserId === principal.userId;
}

/**
 * Whether this principal may read a secret case in full where an organ handles it: besides those
 * who may see it anywhere, the organ's own people (a seat on it, ordförande, ledamot, ersättare,
 * or its nämndsekreterare): they are the authority that decides the matter, and secrecy does not
 * keep a board from its own case.
 */
export function canSeeSecretAt(
  principal: Principal,
  record: SecrecyOf,
  organId: number | null,
): boolean {
  return (
    canSeeSecret(principal, record) ||
    (organId !== null && principal.grants.some((grant) => grant.organId === organId))
  );
}

/** The title a reader may see: the real one, or the public title of a secret case. */
export function titleFor(record: SecrecyOf & { title: string }, seesSecret: boolean): string {
  return record.secrecyOsl !== null && !seesSecret
    ? (record.publicTitle ?? SECRET_TITLE)
    : record.title;
}

/** The title everyone may see: what published documents, e-mails and calendars carry. */
export function publicTitleOf(record: SecrecyOf & { title: string }): string {
  return titleFor(record, false);
}
