import { publicTitleOf, SECRET_TITLE, type SecrecyOf } from '@nf/registry';

/** What follows up a case: "Uppföljning: <the case's title>". */
export function followUpTitle(caseTitle: string): string {
  return `Uppföljning: ${caseTitle}`.slice(0, 500);
}

/** A motion's year as a deadline: "Motion 2023-00439: <the motion's title>". */
export function motionDeadlineTitle(dnr: string, caseTitle: string): string {
  return `Motion ${dnr}: ${caseTitle}`.slice(0, 500);
}

/** A case's secrecy as the follow-ups read it from SQL rows (null when the case is open). */
export function secrecyOfRow(row: Record<string, unknown>): SecrecyOf & { title: string } {
  return {
    title: String(row.caseTitle ?? ''),
    secrecyOsl: (row.secrecyOsl as string | null) ?? null,
    publicTitle: (row.publicTitle as string | null) ?? null,
    responsibleUserId: row.caseResponsibleUserId == null ? null : Number(row.caseResponsibleUserId),
  };
}

/**
 * The public title of a follow-up case of a secret case, which inherits its secrecy: "Uppföljning
 * februari 2025: <the original's public title>".
 */
export function followUpCasePublicTitle(month: string, original: SecrecyOf): string {
  return `Uppföljning ${month}: ${original.publicTitle ?? SECRET_TITLE}`.slice(0, 500);
}

export { publicTitleOf };
