import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Organs } from '@nf/tenancy';
import { DelegationDecision, DelegationPoint } from '../meeting.entities';
import { assertMay, RegisterDelegationDecisionCommand } from '../notices-and-delegation.rules';

@Injectable()
export class RegisterDelegationDecision {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly organs: Organs,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    command: RegisterDelegationDecisionCommand,
  ): Promise<DelegationDecision> {
    await this.organs.get(principal, command.organId);
    assertMay(
      principal,
      Permission.DelegationRegister,
      command.organId,
      'You may not register delegation decisions for this organ.',
    );
    if (command.pointCode && command.pointText) {
      throw new ValidationProblem([
        { field: 'pointText', message: 'give a point code or a free text, not both' },
      ]);
    }
    return this.transactions.run(async (tx) => {
      if (command.pointCode) {
        const point = await tx.findOne(DelegationPoint, {
          where: {
            organId: command.organId,
            code: command.pointCode,
            municipalityId: principal.municipalityId,
          },
        });
        if (!point) {
          throw new ValidationProblem([
            { field: 'pointCode', message: 'not a point of the organ’s delegation order' },
          ]);
        }
      }
      const decision = tx.create(DelegationDecision, {
        municipalityId: principal.municipalityId,
        organId: command.organId,
        delegate: command.delegate,
        delegateTitle: command.delegateTitle ?? null,
        decidedOn: command.decidedOn ?? null,
        pointCode: command.pointCode ?? null,
        pointText: command.pointText ?? null,
        dnr: command.dnr ?? null,
        summary: command.summary,
        urgent: command.urgent ?? command.pointCode === '13.1',
        meetingId: null,
        createdAt: this.clock.now(),
      });
      await tx.save(decision);
      await this.audit.record(tx, {
        action: 'delegation-decision.registered',
        entityType: 'delegation-decision',
        entityId: decision.id,
        municipalityId: principal.municipalityId,
        after: {
          organId: decision.organId,
          delegate: decision.delegate,
          pointCode: decision.pointCode,
          urgent: decision.urgent,
        },
      });
      return decision;
    });
  }
}
