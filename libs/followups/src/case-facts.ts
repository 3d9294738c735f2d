import type { Tenant } from '@nf/common';
import { type Case, CaseQueries } from '@nf/registry';
import { In } from 'typeorm';

/** The tenant's cases among the ids, from the registry in one read, by id. */
export async function casesById(
  cases: CaseQueries,
  tenant: Tenant,
  ids: Array<number | null>,
): Promise<Map<number, Case>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const found = await cases.repository.find(tenant, { id: In(wanted) });
  return new Map(found.map((record) => [record.id, record]));
}

/** A case's facts under the names the follow-ups' rows give them (see `secrecyOfRow`). */
export function caseColumns(record: Case | undefined) {
  return {
    dnr: record?.dnr ?? null,
    caseTitle: record?.title ?? null,
    secrecyOsl: record?.secrecyOsl ?? null,
    publicTitle: record?.publicTitle ?? null,
    caseResponsibleUserId: record?.responsibleUserId ?? null,
  };
}

/** Rows of many municipalities (a sweep's), grouped by municipality in the order first met. */
export function groupByTenant<R extends { municipalityId: number | string }>(
  rows: R[],
): Map<number, R[]> {
  const groups = new Map<number, R[]>();
  for (const row of rows) {
    const municipalityId = Number(row.municipalityId);
    groups.set(municipalityId, [...(groups.get(municipalityId) ?? []), row]);
  }
  return groups;
}
