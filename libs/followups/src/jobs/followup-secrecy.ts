import { Injectable } from '@nestjs/common';
import { type Tenant } from '@nf/common';
import { JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { CaseQueries, MarkCaseSecrecy } from '@nf/registry';
import { DataSource } from 'typeorm';
import { followUpCasePublicTitle } from '../secret-titles';
import { dateOf } from '../sql-values';
import { monthOf } from './occurrence-wakeups';

/**
 * A follow-up case inherits the secrecy of the case it follows up: when that case is marked
 * secret (or its marking is lifted, or its public title changes) after follow-up cases were
 * opened, each takes the same marking, with a public title drawn from the original's. Safe to run
 * twice: a follow-up already marked alike is left as it is.
 */
@Injectable()
export class FollowupSecrecy {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseQueries,
    private readonly markSecrecy: MarkCaseSecrecy,
  ) {}

  @JobHandler('followups.secrecy-changed')
  async handle({
    municipalityId,
    caseId,
  }: JobPayloads['followups.secrecy-changed']): Promise<JobOutcome> {
    const tenant: Tenant = { municipalityId };
    const original = await this.cases.repository.getById(tenant, caseId);
    const followUps = (await this.dataSource.query(
      `SELECT c.follow_up_case_id AS caseId, c.due_on AS dueOn
         FROM obligation_occurrences c JOIN obligations o ON o.id = c.obligation_id
        WHERE o.municipality_id = ? AND o.case_id = ? AND c.follow_up_case_id IS NOT NULL
        ORDER BY c.id`,
      [municipalityId, caseId],
    )) as Array<{ caseId: number | string; dueOn: string | Date }>;
    const marked: number[] = [];
    for (const row of followUps) {
      const followUp = await this.cases.repository.getById(tenant, Number(row.caseId));
      const publicTitle = original.secrecyOsl
        ? followUpCasePublicTitle(monthOf(dateOf(row.dueOn)!), original)
        : null;
      if (followUp.secrecyOsl === original.secrecyOsl && followUp.publicTitle === publicTitle) {
        continue;
      }
      await this.markSecrecy.execute(tenant, null, followUp.id, {
        osl: original.secrecyOsl,
        publicTitle,
      });
      marked.push(followUp.id);
    }
    return marked.length
      ? { status: 'done', detail: `follow-up cases marked: ${marked.join(', ')}` }
      : { status: 'skipped', reason: 'no follow-up case to mark' };
  }
}
