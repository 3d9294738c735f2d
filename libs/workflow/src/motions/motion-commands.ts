import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Permission, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import {
  Clock,
  ConflictProblem,
  ForbiddenProblem,
  localDate,
  NotFoundProblem,
  Tenant,
} from '@nf/common';
import { TenantRepository, TransactionRunner } from '@nf/database';
import { Case, RegisterCase } from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { In, IsNull, LessThan, MoreThan, Repository } from 'typeorm';
import { StartRoute } from '../routes/route-commands';
import { RouteEvent } from '../routes/route.entities';
import { Routes } from '../routes/routes';
import { AttachMotion } from './attach-motion.use-case';
import { Motion } from './motion.entity';
import { RegisterMotionCommand } from './motion-year';

@Injectable()
export class Motions {
  readonly repository: TenantRepository<Motion>;

  constructor(@InjectRepository(Motion) private readonly rows: Repository<Motion>) {
    this.repository = new TenantRepository(rows, 'motion');
  }

  forCase(tenant: Tenant, caseId: number): Promise<Motion | null> {
    return this.repository.findOne(tenant, { caseId });
  }

  /** The tenant's motions whose case has an id above `afterCaseId`, by case. */
  registeredAfter(tenant: Tenant, afterCaseId: number, limit: number): Promise<Motion[]> {
    return this.rows.manager.find(Motion, {
      where: { municipalityId: tenant.municipalityId, caseId: MoreThan(afterCaseId) },
      order: { caseId: 'ASC' },
      take: limit,
    });
  }

  /** The motions of these cases, by case. */
  async ofCases(tenant: Tenant, caseIds: number[]): Promise<Map<number, Motion>> {
    if (caseIds.length === 0) return new Map();
    const found = await this.repository.find(tenant, { caseId: In(caseIds) });
    return new Map(found.map((motion) => [motion.caseId, motion]));
  }

  /** Unanswered motions, oldest first; `overdueOn`: only those whose year had passed by that day. */
  open(tenant: Tenant, overdueOn?: string): Promise<Motion[]> {
    return this.repository.find(
      tenant,
      { answer: IsNull(), ...(overdueOn ? { deadlineOn: LessThan(overdueOn) } : {}) },
      { submittedOn: 'ASC', id: 'ASC' },
    );
  }
}

/** Registers a motion to KF: a case (with a dnr) of type motion, its authors and the one-year deadline. */
@Injectable()
export class RegisterMotion {
  constructor(
    private readonly registerCase: RegisterCase,
    private readonly organs: Organs,
    private readonly attachMotion: AttachMotion,
  ) {}

  async execute(
    tenant: Tenant,
    actorId: number | null,
    command: RegisterMotionCommand,
  ): Promise<{ record: Case; motion: Motion }> {
    const kf = await this.organs.findByCode(tenant, 'KF');
    let motion: Motion | undefined;
    const record = await this.registerCase.execute(
      tenant,
      actorId,
      {
        title: command.title,
        classificationCode: command.classificationCode ?? null,
        organId: kf?.id ?? null,
        responsibleUserId: command.responsibleUserId ?? null,
        seriesId: command.seriesId,
      },
      {
        beforeCommit: async (tx, registered) => {
          motion = await this.attachMotion.execute(tx, tenant, registered.id, command);
        },
      },
    );
    return { record, motion: motion! };
  }
}

export interface RemitMotionCommand {
  /** The day KF decided to remit the motion, and KF's paragraph. */
  decidedOn: string;
  paragraph: number;
}

/**
 * KF's decision to remit a motion to KS for preparation starts the motion route: the remittance is
 * the first route event (applied by the workflow job), after which KS prepares an answer.
 */
@Injectable()
export class RemitMotion {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly motions: Motions,
    private readonly startRoute: StartRoute,
    private readonly routes: Routes,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal | null,
    tenant: Tenant,
    caseId: number,
    command: RemitMotionCommand,
  ): Promise<{ motion: Motion; event: RouteEvent }> {
    const municipality = await this.municipalities.getById(tenant.municipalityId);
    if (command.decidedOn > localDate(this.clock.now(), municipality.timeZone)) {
      throw new ConflictProblem('remittance-in-future', 'A remittance cannot be dated ahead.');
    }
    return this.transactions.run(async (tx) => {
      const motion = await tx.findOne(Motion, {
        where: { caseId, municipalityId: tenant.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!motion) throw new NotFoundProblem('motion', caseId);
      if (motion.remittedOn) {
        throw new ConflictProblem(
          'motion-remitted',
          `The motion was remitted on ${motion.remittedOn} (§ ${motion.remittedParagraph}).`,
        );
      }
      const route = await this.startRoute.execute(
        tenant,
        principal?.userId ?? null,
        caseId,
        'motion',
        tx,
      );
      const remitting = route.steps[0];
      if (principal && !principal.can(Permission.OutcomesRecord, { organId: remitting.organId })) {
        throw new ForbiddenProblem('A remittance is recorded by the secretary of KF.');
      }
      const event = await this.routes.record(
        tx,
        tenant,
        route,
        { kind: 'remit', step: 0, round: 0 },
        {
          meetingDate: command.decidedOn,
          paragraph: command.paragraph,
          source: 'motion-remittance',
        },
        principal?.userId ?? null,
      );
      const before = { remittedOn: motion.remittedOn, remittedParagraph: motion.remittedParagraph };
      motion.remittedOn = command.decidedOn;
      motion.remittedParagraph = command.paragraph;
      motion.updatedAt = this.clock.now();
      await tx.save(motion);
      await this.audit.record(tx, {
        action: 'motion.remitted',
        entityType: 'motion',
        entityId: motion.id,
        municipalityId: tenant.municipalityId,
        before,
        after: { remittedOn: motion.remittedOn, remittedParagraph: motion.remittedParagraph },
      });
      return { motion, event };
    });
  }
}
