import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ForbiddenProblem, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Organs } from '@nf/tenancy';
import { DelegationDecision, DelegationPoint, Notice } from './meeting.entities';

export interface RegisterNoticeCommand {
  organId: number;
  dnr?: string | null;
  sender: string;
  receivedOn: string;
  text: string;
}

export interface RegisterDelegationDecisionCommand {
  organId: number;
  delegate: string;
  delegateTitle?: string | null;
  decidedOn?: string | null;
  pointCode?: string | null;
  pointText?: string | null;
  dnr?: string | null;
  summary: string;
  urgent?: boolean;
}

function assertMay(principal: Principal, permission: Permission, organId: number, what: string) {
  if (!principal.can(permission, { organId })) throw new ForbiddenProblem(what);
}

/** Notices (meddelanden) and the delegation order and decisions, waiting for the next kallelse. */
@Injectable()
export class NoticesAndDelegation {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly organs: Organs,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async registerNotice(principal: Principal, command: RegisterNoticeCommand): Promise<Notice> {
    await this.organs.get(principal, command.organId);
    assertMay(
      principal,
      Permission.NoticesRegister,
      command.organId,
      'You may not register notices for this organ.',
    );
    return this.transactions.run(async (tx) => {
      const notice = tx.create(Notice, {
        municipalityId: principal.municipalityId,
        organId: command.organId,
        dnr: command.dnr ?? null,
        sender: command.sender,
        receivedOn: command.receivedOn,
        text: command.text,
        meetingId: null,
        createdAt: this.clock.now(),
      });
      await tx.save(notice);
      await this.audit.record(tx, {
        action: 'notice.registered',
        entityType: 'notice',
        entityId: notice.id,
        municipalityId: principal.municipalityId,
        after: {
          organId: notice.organId,
          dnr: notice.dnr,
          sender: notice.sender,
          receivedOn: notice.receivedOn,
        },
      });
      return notice;
    });
  }

  /** Replaces the organ's delegation order with these points. */
  async importOrder(
    principal: Principal,
    organId: number,
    points: Array<{ code: string; text: string; delegates?: string | null }>,
  ): Promise<DelegationPoint[]> {
    await this.organs.get(principal, organId);
    assertMay(
      principal,
      Permission.MeetingsManage,
      organId,
      'The delegation order is kept by the secretary of the organ.',
    );
    if (new Set(points.map((point) => point.code)).size !== points.length) {
      throw new ValidationProblem([{ field: 'points', message: 'each point code once' }]);
    }
    return this.transactions.run(async (tx) => {
      const before = await tx.find(DelegationPoint, {
        where: { organId, municipalityId: principal.municipalityId },
      });
      await tx.delete(DelegationPoint, { organId, municipalityId: principal.municipalityId });
      const rows = points.map((point) =>
        tx.create(DelegationPoint, {
          municipalityId: principal.municipalityId,
          organId,
          code: point.code,
          text: point.text,
          delegates: point.delegates ?? null,
        }),
      );
      if (rows.length) await tx.save(rows);
      await this.audit.record(tx, {
        action: 'delegation-order.imported',
        entityType: 'organ',
        entityId: organId,
        municipalityId: principal.municipalityId,
        before: { points: before.map((point) => point.code) },
        after: { points: rows.map((point) => point.code) },
      });
      return rows;
    });
  }

  order(principal: Principal, organId: number): Promise<DelegationPoint[]> {
    return this.transactions.run((tx) =>
      tx.find(DelegationPoint, {
        where: { organId, municipalityId: principal.municipalityId },
        order: { code: 'ASC' },
      }),
    );
  }

  async registerDecision(
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
