import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem } from '@nf/common';
import { isDuplicateKeyError, TransactionRunner } from '@nf/database';
import { Organs } from '@nf/tenancy';
import { type Direction } from '../figures';
import { Indicator } from '../plan.entities';

export interface NewIndicator {
  kpiId?: string | null;
  name: string;
  unit: string;
  source: string;
  direction: Direction;
  bySex?: boolean;
}

/** Adds an indicator (mätetal) to a board; a Kolada KPI is the board's once. */
@Injectable()
export class DefineIndicator {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly organs: Organs,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, organId: number, input: NewIndicator): Promise<number> {
    await this.organs.get(principal, organId);
    try {
      return await this.transactions.run(async (tx) => {
        const result = await tx.insert(Indicator, {
          municipalityId: principal.municipalityId,
          organId,
          kpiId: input.kpiId ?? null,
          name: input.name,
          unit: input.unit,
          source: input.source,
          direction: input.direction,
          bySex: input.bySex ?? false,
          createdAt: this.clock.now(),
        });
        const id = Number(result.identifiers[0].id);
        await this.audit.record(tx, {
          action: 'indicator.defined',
          entityType: 'indicator',
          entityId: id,
          municipalityId: principal.municipalityId,
          after: { organId, ...input },
        });
        return id;
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new ConflictProblem(
          'indicator-exists',
          `The board already has an indicator for KPI ${input.kpiId}.`,
        );
      }
      throw error;
    }
  }
}
