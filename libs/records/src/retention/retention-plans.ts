import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditLog } from '@nf/audit';
import {
  Clock,
  ConflictProblem,
  type FieldError,
  localDate,
  Tenant,
  ValidationProblem,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { ClassificationQueries, DOCUMENT_TYPES } from '@nf/registry';
import { Repository } from 'typeorm';
import { Keeps, RetentionPlan, RetentionRule } from '../records.entities';
import { type CountedFrom, describeRetention, type RetentionAction } from './retention-rules';

export interface RetentionRuleInput {
  classificationCode: string;
  documentType?: string | null;
  description: string;
  action: RetentionAction;
  afterMonths?: number | null;
  countedFrom?: CountedFrom | null;
  fixedDate?: string | null;
  keep?: Keeps;
  legalBasis: string;
}

export interface AdoptPlanCommand {
  /** The version the change was made from (0 for the first): a stale one is refused with 409. */
  basedOn: number;
  decision: string;
  validFrom?: string;
  rules: RetentionRuleInput[];
}

export interface PlanInForce {
  plan: RetentionPlan;
  rules: RetentionRule[];
}

/** The dokumenthanteringsplan: its versions, the one in force, and a new version adopted. */
@Injectable()
export class RetentionPlans {
  constructor(
    @InjectRepository(RetentionPlan) private readonly plans: Repository<RetentionPlan>,
    @InjectRepository(RetentionRule) private readonly rules: Repository<RetentionRule>,
    private readonly classification: ClassificationQueries,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The newest version with its lines, or null before the municipality has a plan. */
  async inForce(tenant: Tenant): Promise<PlanInForce | null> {
    const [plan] = await this.plans.find({
      where: { municipalityId: tenant.municipalityId },
      order: { version: 'DESC' },
      take: 1,
    });
    return plan ? { plan, rules: await this.rulesOf(tenant, plan.id) } : null;
  }

  async version(tenant: Tenant, version: number): Promise<PlanInForce | null> {
    const plan = await this.plans.findOne({
      where: { municipalityId: tenant.municipalityId, version },
    });
    return plan ? { plan, rules: await this.rulesOf(tenant, plan.id) } : null;
  }

  versions(tenant: Tenant): Promise<RetentionPlan[]> {
    return this.plans.find({
      where: { municipalityId: tenant.municipalityId },
      order: { version: 'DESC' },
    });
  }

  rulesOf(tenant: Tenant, planId: number): Promise<RetentionRule[]> {
    return this.rules.find({
      where: { municipalityId: tenant.municipalityId, planId },
      order: { position: 'ASC' },
    });
  }

  /** The lines of any versions, by id (a gallringslista names the line each item went by). */
  async rulesByIds(tenant: Tenant, ids: number[]): Promise<Map<number, RetentionRule>> {
    if (ids.length === 0) return new Map();
    const found = await this.rules
      .createQueryBuilder('r')
      .where('r.municipalityId = :m AND r.id IN (:...ids)', {
        m: tenant.municipalityId,
        ids: [...new Set(ids)],
      })
      .getMany();
    return new Map(found.map((rule) => [rule.id, rule]));
  }

  /** Adopts a new version: the whole plan, as the decision adopted it. */
  async adopt(
    tenant: Tenant,
    actorId: number | null,
    command: AdoptPlanCommand,
  ): Promise<PlanInForce> {
    await this.check(tenant, command);
    return this.transactions.run(async (tx) => {
      const [newest] = await tx.find(RetentionPlan, {
        where: { municipalityId: tenant.municipalityId },
        order: { version: 'DESC' },
        take: 1,
        lock: { mode: 'pessimistic_write' },
      });
      const current = newest?.version ?? 0;
      if (command.basedOn !== current) {
        throw new ConflictProblem(
          'stale-version',
          `The plan has changed: version ${current} is in force, not ${command.basedOn}.`,
          { currentVersion: current },
        );
      }
      const now = this.clock.now();
      const plan = await tx.save(
        tx.create(RetentionPlan, {
          municipalityId: tenant.municipalityId,
          version: current + 1,
          decision: command.decision,
          validFrom: command.validFrom ?? localDate(now),
          createdBy: actorId,
          createdAt: now,
        }),
      );
      const rules = await tx.save(
        command.rules.map((rule, index) =>
          tx.create(RetentionRule, {
            municipalityId: tenant.municipalityId,
            planId: plan.id,
            position: index + 1,
            classificationCode: rule.classificationCode,
            documentType: rule.documentType ?? null,
            description: rule.description,
            action: rule.action,
            afterMonths: rule.action === 'gallras' ? (rule.afterMonths ?? null) : null,
            countedFrom:
              rule.action === 'gallras' && rule.afterMonths != null
                ? (rule.countedFrom ?? 'closing')
                : null,
            fixedDate: rule.action === 'gallras' ? (rule.fixedDate ?? null) : null,
            keep: rule.keep ?? 'register-entry',
            legalBasis: rule.legalBasis,
          }),
        ),
      );
      await this.audit.record(tx, {
        action: 'retention-plan.adopted',
        entityType: 'retention-plan',
        entityId: plan.id,
        municipalityId: tenant.municipalityId,
        before: newest ? { version: newest.version } : null,
        after: {
          version: plan.version,
          decision: plan.decision,
          validFrom: plan.validFrom,
          rules: rules.map(
            (rule) =>
              `${rule.classificationCode}${rule.documentType ? ` ${rule.documentType}` : ''}: ${describeRetention(rule)}`,
          ),
        },
      });
      return { plan, rules };
    });
  }

  private async check(tenant: Tenant, command: AdoptPlanCommand): Promise<void> {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const codes = new Set(
      (await this.classification.list(tenant))
        .filter((code) => code.active)
        .map((code) => code.code),
    );
    for (const [index, rule] of command.rules.entries()) {
      const field = (name: string) => `rules[${index}].${name}`;
      const scope = `${rule.classificationCode}|${rule.documentType ?? ''}`;
      if (seen.has(scope)) {
        errors.push({
          field: field('classificationCode'),
          message: 'a line for this code and document type is given twice',
        });
      }
      seen.add(scope);
      if (rule.documentType && !(DOCUMENT_TYPES as readonly string[]).includes(rule.documentType)) {
        errors.push({
          field: field('documentType'),
          message: `must be one of ${DOCUMENT_TYPES.join(', ')}`,
        });
      }
      if (rule.action === 'gallras' && rule.afterMonths == null && !rule.fixedDate) {
        errors.push({
          field: field('afterMonths'),
          message: 'gallras needs a period after closing or a fixed date',
        });
      }
      if (
        rule.action === 'bevaras' &&
        (rule.afterMonths != null || rule.fixedDate || rule.countedFrom)
      ) {
        errors.push({ field: field('action'), message: 'bevaras takes no period or date' });
      }
      if (!codes.has(rule.classificationCode)) {
        errors.push({
          field: field('classificationCode'),
          message: `no classification code ${JSON.stringify(rule.classificationCode)} in this municipality`,
        });
      }
    }
    if (errors.length > 0) throw new ValidationProblem(errors);
  }
}
