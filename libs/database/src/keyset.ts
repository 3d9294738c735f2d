import { And, FindOperator, LessThanOrEqual, MoreThan, MoreThanOrEqual } from 'typeorm';

/** Which rows a harvester asks for: by when they were created or last changed (both inclusive). */
export interface ChangeWindow {
  createdSince?: Date;
  createdUntil?: Date;
  modifiedSince?: Date;
  modifiedUntil?: Date;
}

/** One page of a list read in id order: the rows after `afterId`, at most `limit`, in the window. */
export interface KeysetPage extends ChangeWindow {
  afterId: number;
  limit: number;
}

function between(since?: Date, until?: Date): FindOperator<Date> | undefined {
  if (since && until) return And(MoreThanOrEqual(since), LessThanOrEqual(until));
  if (since) return MoreThanOrEqual(since);
  if (until) return LessThanOrEqual(until);
  return undefined;
}

/**
 * The where-clause of a keyset page over an entity with `id`, `createdAt` and (where it has one)
 * `updatedAt`: a row never changed since it was created counts as modified when it was created.
 */
export function keysetWhere(
  page: KeysetPage,
  columns: { created: string; modified?: string } = { created: 'createdAt', modified: 'updatedAt' },
): Record<string, FindOperator<unknown>> {
  const where: Record<string, FindOperator<unknown>> = { id: MoreThan(page.afterId) };
  const created = between(page.createdSince, page.createdUntil);
  if (created) where[columns.created] = created;
  const modified = between(page.modifiedSince, page.modifiedUntil);
  if (modified) where[columns.modified ?? columns.created] = modified;
  return where;
}
