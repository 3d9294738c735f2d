import { parseLocalDate, type LocalDate } from '@nf/common';

export const RETENTION_ACTIONS = ['bevaras', 'gallras'] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];

/**
 * Where a gallring period counts from: the day the case was closed, or the end of the year it was
 * closed in (plans often weed a whole year's cases at once: "2 år efter årets utgång").
 */
export const COUNTED_FROM = ['closing', 'closing-year-end'] as const;
export type CountedFrom = (typeof COUNTED_FROM)[number];

export const KEEPS = ['register-entry', 'nothing'] as const;

/** One line of the dokumenthanteringsplan, as the rules below read it. */
export interface RetentionRuleTerms {
  id: number;
  classificationCode: string;
  /** A document type the line is about, or null for every document of the code's cases. */
  documentType: string | null;
  action: RetentionAction;
  afterMonths: number | null;
  countedFrom: CountedFrom | null;
  /** A fixed day from which the documents may be weeded, whatever the case's closing. */
  fixedDate: LocalDate | null;
}

/**
 * The line that governs a document: the one for its case's code and its own type, else the one for
 * the code alone. A code is matched as written or by its nearest parent in the classification
 * (`3.2.1` falls under `3.2`, then `3`). No line means the document is kept (bevaras): nothing is
 * weeded that the plan does not name.
 */
export function ruleFor<R extends RetentionRuleTerms>(
  rules: readonly R[],
  classificationCode: string | null,
  documentType: string,
): R | null {
  if (!classificationCode) return null;
  for (const code of codeAndParents(classificationCode)) {
    const typed = rules.find(
      (rule) => rule.classificationCode === code && rule.documentType === documentType,
    );
    if (typed) return typed;
    const general = rules.find(
      (rule) => rule.classificationCode === code && rule.documentType === null,
    );
    if (general) return general;
  }
  return null;
}

function codeAndParents(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_, index) => parts.slice(0, parts.length - index).join('.'));
}

/**
 * The first local day a document under this rule may be weeded, for a case closed on `closedOn`;
 * null when the rule keeps it (bevaras) or the case is not closed.
 */
export function dueOn(rule: RetentionRuleTerms, closedOn: LocalDate | null): LocalDate | null {
  if (rule.action === 'bevaras' || closedOn === null) return null;
  const afterClosing =
    rule.afterMonths === null
      ? null
      : addMonths(
          rule.countedFrom === 'closing-year-end'
            ? `${parseLocalDate(closedOn).year}-12-31`
            : closedOn,
          rule.afterMonths,
        );
  if (rule.fixedDate && afterClosing)
    return rule.fixedDate > afterClosing ? rule.fixedDate : afterClosing;
  return rule.fixedDate ?? afterClosing;
}

/** The day `months` later; the 31st of a shorter month falls on its last day. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const index = year * 12 + (month - 1) + months;
  const toYear = Math.floor(index / 12);
  const toMonth = (index % 12) + 1;
  const last = new Date(Date.UTC(toYear, toMonth, 0)).getUTCDate();
  return `${toYear}-${String(toMonth).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** The rule in words, as the plan and the gallringsprotokoll print it. */
export function describeRetention(rule: RetentionRuleTerms): string {
  if (rule.action === 'bevaras') return 'Bevaras';
  const parts: string[] = [];
  if (rule.afterMonths !== null) {
    const period =
      rule.afterMonths % 12 === 0
        ? `${rule.afterMonths / 12} år`
        : `${rule.afterMonths} ${rule.afterMonths === 1 ? 'månad' : 'månader'}`;
    parts.push(
      rule.countedFrom === 'closing-year-end'
        ? `${period} efter utgången av det år ärendet avslutades`
        : `${period} efter ärendets avslut`,
    );
  }
  if (rule.fixedDate) parts.push(`tidigast ${rule.fixedDate}`);
  return `Gallras ${parts.join(', ')}`;
}
