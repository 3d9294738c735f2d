import { Tenant } from '@nf/common';
import { Outbox } from '@nf/queue';
import { EntityManager } from 'typeorm';
import { Case, CaseStatus } from './case.entity';
import { CaseParticulars } from './case-references';

export interface UpdateCaseCommand extends Partial<Omit<CaseParticulars, 'secrecyOsl'>> {
  id: number;
  expectedVersion?: number;
  status?: CaseStatus;
}

export function snapshot(record: Case) {
  return {
    title: record.title,
    publicTitle: record.publicTitle,
    classificationCode: record.classificationCode,
    organId: record.organId,
    responsibleUserId: record.responsibleUserId,
    unit: record.unit,
    status: record.status,
    secrecyOsl: record.secrecyOsl,
  };
}

/**
 * Tells the contexts that render or derive from a case that its secrecy or public title changed:
 * the documents (protocols, kallelse) and the follow-ups (follow-up cases inherit it).
 */
export async function secrecyChanged(
  outbox: Outbox,
  tx: EntityManager,
  tenant: Tenant,
  caseId: number,
) {
  const payload = { municipalityId: tenant.municipalityId, caseId };
  await outbox.enqueue(tx, 'documents.secrecy-changed', payload);
  await outbox.enqueue(tx, 'followups.secrecy-changed', payload);
}
