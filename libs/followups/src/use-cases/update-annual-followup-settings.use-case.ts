import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { assertCurrentVersion, Clock, localDate } from '@nf/common';
import { isDuplicateKeyError, TransactionRunner } from '@nf/database';
import { Organs } from '@nf/tenancy';
import { AnnualFollowupSettings } from '../followup.entities';
import { reminderSchedule } from '../obligation-rules';
import { Recurrence } from '../recurrence';
import { AnnualFollowupQueries } from '../annual-followup.queries';
import { AnnualSettingsChange } from '../annual-followup.rules';

/**
 * Sets the rule (and applies it to every board's annual obligation); `version` is the settings'
 * version as read (0 before the first change).
 */
@Injectable()
export class UpdateAnnualFollowupSettings {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly queries: AnnualFollowupQueries,
    private readonly organs: Organs,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, change: AnnualSettingsChange) {
    const today = localDate(this.clock.now());
    Recurrence.of(change.rrule, today);
    const reminderDays = reminderSchedule(change.leadDays, change.reminderDays);
    if (change.reportOrganId) await this.organs.get(principal, change.reportOrganId);
    return this.transactions.run(async (tx) => {
      const existing = await tx.findOne(AnnualFollowupSettings, {
        where: { municipalityId: principal.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      const before = await this.queries.settings(principal, tx);
      assertCurrentVersion('annual follow-up settings', before.version, change.version);
      const fields = {
        rrule: change.rrule,
        leadDays: change.leadDays,
        reminderDays,
        reportOrganId: change.reportOrganId ?? null,
        updatedAt: this.clock.now(),
      };
      if (existing) {
        await tx.update(
          AnnualFollowupSettings,
          { municipalityId: principal.municipalityId },
          { ...fields, version: existing.version + 1 },
        );
      } else {
        await tx
          .insert(AnnualFollowupSettings, {
            municipalityId: principal.municipalityId,
            ...fields,
            version: 1,
          })
          .catch((error: unknown) => {
            // Another first change got there at the same moment: this one read version 0 in vain.
            if (isDuplicateKeyError(error)) {
              assertCurrentVersion('annual follow-up settings', 1, change.version);
            }
            throw error;
          });
      }
      const reportOrganId = fields.reportOrganId ?? (await this.queries.styrelseOf(principal));
      const boards = (
        (await tx.query(
          `SELECT id FROM obligations WHERE municipality_id = ? AND kind = 'arsuppfoljning'
              AND status = 'active' ORDER BY id FOR UPDATE`,
          [principal.municipalityId],
        )) as Array<{ id: number | string }>
      ).map((row) => Number(row.id));
      if (boards.length) {
        await tx.query(
          `UPDATE obligations SET rrule = ?, lead_days = ?, reminder_days = ?, report_organ_id = ?,
                  updated_at = ?, version = version + 1
            WHERE id IN (?) AND municipality_id = ?`,
          [
            fields.rrule,
            fields.leadDays,
            JSON.stringify(reminderDays),
            reportOrganId,
            fields.updatedAt,
            boards,
            principal.municipalityId,
          ],
        );
      }
      await this.audit.record(tx, {
        action: 'annual-followups.settings-updated',
        entityType: 'municipality',
        entityId: principal.municipalityId,
        municipalityId: principal.municipalityId,
        before: { ...before, version: undefined },
        after: { ...fields, updatedAt: undefined, appliedToObligations: boards },
      });
      return this.queries.settings(principal, tx);
    });
  }
}
