import type { LocalDate } from '@nf/common';
import { dueOn, ruleFor, type RetentionRuleTerms } from '../retention/retention-rules';

export interface ClosedCaseFacts {
  id: number;
  classificationCode: string | null;
  /** The local day the case was closed; null when it is not closed (never due). */
  closedOn: LocalDate | null;
}

export interface DocumentFacts {
  id: number;
  caseId: number;
  type: string;
  weeded: boolean;
}

export interface DueDocument {
  caseId: number;
  documentId: number;
  ruleId: number;
  dueOn: LocalDate;
}

/**
 * What the plan lets go on `today`: each document of a closed case whose line says gallras and
 * whose day has come, unless it is weeded already, its case is held, or it is `settled` (already
 * on a list, or left off one, under this plan version).
 */
export function selectDue<R extends RetentionRuleTerms>(input: {
  cases: readonly ClosedCaseFacts[];
  documents: readonly DocumentFacts[];
  rules: readonly R[];
  held: ReadonlySet<number>;
  settled: ReadonlySet<number>;
  today: LocalDate;
}): DueDocument[] {
  const cases = new Map(input.cases.map((record) => [record.id, record]));
  const due: DueDocument[] = [];
  for (const document of input.documents) {
    const record = cases.get(document.caseId);
    if (!record || document.weeded || input.settled.has(document.id)) continue;
    if (input.held.has(record.id)) continue;
    const verdict = dueFor(record, document, input.rules, input.today);
    if (verdict) due.push({ caseId: record.id, documentId: document.id, ...verdict });
  }
  return due;
}

/** The line and day a document goes by, if it may go on `today`; else null. */
export function dueFor<R extends RetentionRuleTerms>(
  record: ClosedCaseFacts,
  document: Pick<DocumentFacts, 'type'>,
  rules: readonly R[],
  today: LocalDate,
): { ruleId: number; dueOn: LocalDate } | null {
  const rule = ruleFor(rules, record.classificationCode, document.type);
  if (!rule) return null;
  const day = dueOn(rule, record.closedOn);
  return day !== null && day <= today ? { ruleId: rule.id, dueOn: day } : null;
}
