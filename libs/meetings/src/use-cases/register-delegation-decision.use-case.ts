import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { CaseQueries } from '@nf/registry';
import { Organs } from '@nf/tenancy';
import { DelegationDecision, DelegationPoint } from '../meeting.entities';
import {
  assertMay,
  outsideOrder,
  RegisterDelegationDecisionCommand,
} from '../notices-and-delegation.rules';

/**
 * Registers a decision taken on delegation, to be reported at the organ's next meeting. It links
 * to its point of the order (and is urgent when the point is the one for urgent decisions) and to
 * its case by dnr; one taken outside the order — no point, or over the point's amount — is
 * registered with the reason flagged for the secretary.
 */
@Injectable()
export class RegisterDelegationDecision {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly organs: Organs,
    private readonly cases: CaseQueries,
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
    const found = command.dnr ? await this.cases.findByDnr(principal, command.dnr) : null;
    return this.transactions.run(async (tx) => {
      let point: DelegationPoint | null = null;
      if (command.pointCode) {
        point = await tx.findOne(DelegationPoint, {
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
        pointId: point?.id ?? null,
        dnr: command.dnr ?? null,
        caseId: found?.id ?? null,
        summary: command.summary,
        amount: command.amount ?? null,
        urgent: command.urgent ?? point?.urgent ?? false,
        outsideOrder: outsideOrder(point, command),
        sourceProtocolId: command.sourceProtocol?.id ?? null,
        sourceParagraphs: command.sourceProtocol?.paragraphs ?? null,
        meetingId: null,
        appealPostedOn: null,
        appealEndsOn: null,
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
          caseId: decision.caseId,
          urgent: decision.urgent,
          outsideOrder: decision.outsideOrder,
          sourceProtocolId: decision.sourceProtocolId,
        },
      });
      return decision;
    });
  }
}
