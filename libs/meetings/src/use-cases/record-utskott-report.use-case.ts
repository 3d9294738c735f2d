import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, formatSwedishDate, type Tenant } from '@nf/common';
import type { EntityManager } from 'typeorm';
import { DelegationDecision } from '../meeting.entities';

export interface UtskottReport {
  /** The board the utskott reports to. */
  organId: number;
  utskottName: string;
  meetingDate: string;
  protocolId: number;
  /** The utskott's own decisions in the protocol, as printed ("§§ 93–100"). */
  paragraphs: string;
}

/**
 * An utskott's own decisions, taken on the board's delegation, waiting to be reported to the
 * board as one item of its delegation report that links to the utskott's protocol and its
 * paragraphs — "Kommunstyrelsens arbets- och personalutskotts protokoll den 20 november 2023,
 * §§ 93–100". Called by the job that follows the utskott's justering, in its transaction; once per
 * protocol (a unique key), so a job run twice records it once. Returns whether it recorded it.
 */
@Injectable()
export class RecordUtskottReport {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(tx: EntityManager, tenant: Tenant, report: UtskottReport): Promise<boolean> {
    const genitive = report.utskottName.endsWith('s')
      ? report.utskottName
      : `${report.utskottName}s`;
    const result = (await tx
      .createQueryBuilder()
      .insert()
      .orIgnore()
      .into(DelegationDecision)
      .values({
        municipalityId: tenant.municipalityId,
        organId: report.organId,
        delegate: report.utskottName,
        delegateTitle: null,
        decidedOn: report.meetingDate,
        pointCode: null,
        pointText: null,
        pointId: null,
        dnr: null,
        caseId: null,
        summary: `${genitive} protokoll den ${formatSwedishDate(report.meetingDate)}, ${report.paragraphs}.`,
        amount: null,
        urgent: false,
        outsideOrder: null,
        sourceProtocolId: report.protocolId,
        sourceParagraphs: report.paragraphs,
        meetingId: null,
        appealPostedOn: null,
        appealEndsOn: null,
        createdAt: this.clock.now(),
      })
      .execute()) as { raw: { affectedRows?: number; insertId?: number } };
    if (!result.raw.affectedRows) return false;
    await this.audit.record(tx, {
      action: 'delegation-decision.registered',
      entityType: 'delegation-decision',
      entityId: Number(result.raw.insertId),
      municipalityId: tenant.municipalityId,
      after: {
        organId: report.organId,
        delegate: report.utskottName,
        sourceProtocolId: report.protocolId,
        sourceParagraphs: report.paragraphs,
      },
    });
    return true;
  }
}
