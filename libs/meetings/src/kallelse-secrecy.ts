import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import { CaseQueries, publicTitleOf, withClassification } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { Meeting, Kallelse } from './meeting.entities';

/** The name (without extension) of a kallelse's files: its version, and its revision if any. */
export function kallelseFileBase(kallelse: Pick<Kallelse, 'content' | 'versionNo'>): string {
  const revision = kallelse.content.revisions?.length ?? 0;
  return `kallelse-${kallelse.content.organ.code.toLowerCase()}-v${kallelse.versionNo}${revision ? `-r${revision}` : ''}`;
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
      const kallelser = await tx
        .createQueryBuilder(Kallelse, 's')
        .innerJoin(Meeting, 'm', 'm.id = s.meetingId AND m.kallelseVersion = s.versionNo')
        .where('s.municipalityId = :municipalityId', tenant)
        .andWhere(
          `(JSON_CONTAINS(s.content, JSON_OBJECT('caseId', :caseId), '$.items')
            OR JSON_SEARCH(s.content, 'one', :dnr, NULL, '$.items[*].dnr') IS NOT NULL)`,
          { caseId, dnr },
        )
        .setLock('pessimistic_write')
        .getMany();
      const republished: number[] = [];
      for (const kallelse of kallelser) {
        const exposed = kallelse.content.items.filter(
          (item) =>
            (item.caseId === caseId || (item.caseId === undefined && item.dnr === dnr)) &&
            (item.title !== title || item.proposalText !== null),
        );
        if (exposed.length === 0) continue;
        const now = this.clock.now();
        const reason = `Ärende ${dnr} har sekretessmarkerats (${record.secrecyOsl}) efter att kallelsen publicerades; det anges nu med sin offentliga titel.`;
        const content = {
          ...kallelse.content,
          items: kallelse.content.items.map((item) =>
            exposed.includes(item) ? { ...item, title, proposalText: null } : item,
          ),
          revisions: [...(kallelse.content.revisions ?? []), { at: now.toISOString(), reason }],
        };
        await tx.update(
          Kallelse,
          { id: kallelse.id, municipalityId: tenant.municipalityId },
          { content },
        );
        await this.outbox.enqueue(tx, 'documents.render-kallelse', {
          municipalityId: tenant.municipalityId,
          kallelseId: kallelse.id,
        });
        await this.audit.record(tx, {
          action: 'kallelse.republished',
          entityType: 'meeting',
          entityId: kallelse.meetingId,
          municipalityId: tenant.municipalityId,
          after: { kallelseId: kallelse.id, versionNo: kallelse.versionNo, caseId, reason },
        });
        republished.push(kallelse.id);
      }
      return republished;
    });
  }
}
