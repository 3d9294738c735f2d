import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import { CaseQueries, publicTitleOf, withClassification } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { Meeting, Summons } from './meeting.entities';

/** The name (without extension) of a kallelse's files: its version, and its revision if any. */
export function summonsFileBase(summons: Pick<Summons, 'content' | 'versionNo'>): string {
  const revision = summons.content.revisions?.length ?? 0;
  return `kallelse-${summons.content.organ.code.toLowerCase()}-v${summons.versionNo}${revision ? `-r${revision}` : ''}`;
}

/**
 * A kallelse is frozen when it is published, with each secret case named by its public title. A
 * case marked secret afterwards would stand in it by its real title: the newest kallelse of each
 * meeting that lists the case is published again as it stood, the case now by its public title
 * and without its proposal, the revision recorded in the kallelse (when, why) and in the audit
 * log, and its files rendered anew. The earlier files are kept but no longer served; the members
 * are not summoned again (nothing on the agenda changed).
 */
@Injectable()
export class KallelseSecrecy {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly cases: CaseQueries,
    private readonly municipalities: Municipalities,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Publishes again each kallelse that names the case by a title the public may not see. */
  async republishFor(tenant: Tenant, caseId: number): Promise<number[]> {
    const record = await this.cases.repository.getById(tenant, caseId);
    if (record.secrecyOsl === null) return [];
    const municipality = await this.municipalities.getById(tenant.municipalityId);
    const dnr = withClassification(
      record.dnr,
      record.classificationCode,
      municipality.classificationCodeAppended,
    );
    const title = publicTitleOf(record);
    return this.transactions.run(async (tx) => {
      // The newest kallelse of each meeting (the one served) that lists the case.
      const summonses = await tx
        .createQueryBuilder(Summons, 's')
        .innerJoin(Meeting, 'm', 'm.id = s.meetingId AND m.summonsVersion = s.versionNo')
        .where('s.municipalityId = :municipalityId', tenant)
        .andWhere(
          `(JSON_CONTAINS(s.content, JSON_OBJECT('caseId', :caseId), '$.items')
            OR JSON_SEARCH(s.content, 'one', :dnr, NULL, '$.items[*].dnr') IS NOT NULL)`,
          { caseId, dnr },
        )
        .setLock('pessimistic_write')
        .getMany();
      const republished: number[] = [];
      for (const summons of summonses) {
        const exposed = summons.content.items.filter(
          (item) =>
            (item.caseId === caseId || (item.caseId === undefined && item.dnr === dnr)) &&
            (item.title !== title || item.proposalText !== null),
        );
        if (exposed.length === 0) continue;
        const now = this.clock.now();
        const reason = `Ärende ${dnr} har sekretessmarkerats (${record.secrecyOsl}) efter att kallelsen publicerades; det anges nu med sin offentliga titel.`;
        const content = {
          ...summons.content,
          items: summons.content.items.map((item) =>
            exposed.includes(item) ? { ...item, title, proposalText: null } : item,
          ),
          revisions: [...(summons.content.revisions ?? []), { at: now.toISOString(), reason }],
        };
        await tx.update(
          Summons,
          { id: summons.id, municipalityId: tenant.municipalityId },
          { content },
        );
        await this.outbox.enqueue(tx, 'documents.render-kallelse', {
          municipalityId: tenant.municipalityId,
          summonsId: summons.id,
        });
        await this.audit.record(tx, {
          action: 'kallelse.republished',
          entityType: 'meeting',
          entityId: summons.meetingId,
          municipalityId: tenant.municipalityId,
          after: { summonsId: summons.id, versionNo: summons.versionNo, caseId, reason },
        });
        republished.push(summons.id);
      }
      return republished;
    });
  }
}
