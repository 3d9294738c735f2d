import { type Tenant } from '@nf/common';
import { EntityManager } from 'typeorm';
import { Wakeup } from './followup.entities';

/** Cancels what is still pending of an occurrence or a deadline; returns how many. */
export async function cancelPendingWakeups(
  tx: EntityManager,
  tenant: Tenant,
  where: { occurrenceId: number } | { deadlineId: number },
): Promise<number> {
  const result = await tx.update(
    Wakeup,
    { ...where, status: 'pending', municipalityId: tenant.municipalityId },
    { status: 'cancelled' },
  );
  return result.affected ?? 0;
}
