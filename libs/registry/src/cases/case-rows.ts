import { Tenant } from '@nf/common';
import { EntityManager } from 'typeorm';
import { Case } from './case.entity';
import { CaseParticulars } from './case-references';

export function caseRow(
  tenant: Tenant,
  particulars: CaseParticulars,
  actorId: number | null,
  now: Date,
): Partial<Case> {
  return {
    municipalityId: tenant.municipalityId,
    title: particulars.title,
    publicTitle: particulars.publicTitle ?? null,
    classificationCode: particulars.classificationCode ?? null,
    organId: particulars.organId ?? null,
    responsibleUserId: particulars.responsibleUserId ?? null,
    unit: particulars.unit ?? null,
    status: 'open',
    secrecyOsl: particulars.secrecyOsl ?? null,
    secrecyMarkedBy: particulars.secrecyOsl ? actorId : null,
    secrecyMarkedAt: particulars.secrecyOsl ? now : null,
    createdAt: now,
    updatedAt: now,
  };
}

const CASE_COLUMNS = [
  'municipality_id',
  'series_id',
  'year',
  'serial',
  'dnr',
  'imported',
  'title',
  'public_title',
  'classification_code',
  'organ_id',
  'responsible_user_id',
  'unit',
  'status',
  'registered_at',
  'secrecy_osl',
  'secrecy_marked_by',
  'secrecy_marked_at',
  'created_at',
  'updated_at',
  'version',
];
const INSERT_CASE = `INSERT INTO cases (${CASE_COLUMNS.join(', ')}) VALUES (${CASE_COLUMNS.map(() => '?').join(', ')})`;

/** A plain INSERT, so that no ORM work happens while the counter is locked. */
export async function insertCaseRaw(tx: EntityManager, record: Case): Promise<number> {
  const result = (await tx.query(INSERT_CASE, [
    record.municipalityId,
    record.seriesId,
    record.year,
    record.serial,
    record.dnr,
    record.imported ? 1 : 0,
    record.title,
    record.publicTitle,
    record.classificationCode,
    record.organId,
    record.responsibleUserId,
    record.unit,
    record.status,
    record.registeredAt,
    record.secrecyOsl,
    record.secrecyMarkedBy,
    record.secrecyMarkedAt,
    record.createdAt,
    record.updatedAt,
    1,
  ])) as { insertId: number };
  return Number(result.insertId);
}
