import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { assertCurrentVersion, Clock, NotFoundProblem, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Municipality, toMunicipalityView } from '../municipality.entity';

export interface MunicipalitySettings {
  name?: string;
  timeZone?: string;
  dnrFormat?: string;
  classificationCodeAppended?: boolean;
  kommunkod?: string;
}

@Injectable()
export class UpdateMunicipalitySettings {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tenant: Tenant,
    settings: MunicipalitySettings,
    expectedVersion?: number,
  ): Promise<Municipality> {
    return this.transactions.run(async (tx) => {
      const municipality = await tx.findOne(Municipality, {
        where: { id: tenant.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!municipality) throw new NotFoundProblem('municipality', tenant.municipalityId);
      assertCurrentVersion('municipality', municipality.version, expectedVersion);
      const before = toMunicipalityView(municipality);
      for (const key of [
        'name',
        'timeZone',
        'dnrFormat',
        'classificationCodeAppended',
        'kommunkod',
      ] as const) {
        if (settings[key] !== undefined) Object.assign(municipality, { [key]: settings[key] });
      }
      municipality.updatedAt = this.clock.now();
      await tx.save(municipality);
      await this.audit.record(tx, {
        action: 'municipality.settings-updated',
        entityType: 'municipality',
        entityId: municipality.id,
        municipalityId: municipality.id,
        before,
        after: toMunicipalityView(municipality),
      });
      return municipality;
    });
  }
}
