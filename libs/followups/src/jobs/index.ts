import { PlansModule } from '@nf/plans';
import { Injectable, Module } from '@nestjs/common';
import { MeetingsModule } from '@nf/meetings';
import { ProtocolsModule } from '@nf/protocols';
import { NotificationsModule } from '@nf/notifications';
import { JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { WorkflowModule } from '@nf/workflow';
import { FollowupsModule } from '../followups.module';
import { ClauseProposals } from './clause-proposals';
import { DeadlineCandidates } from './deadline-candidates';
import { FulfilOccurrence } from './fulfil-occurrence.use-case';
import { OccurrenceWakeups } from './occurrence-wakeups';
import { PlanOccurrence } from './plan-occurrence.use-case';
import { RescheduleWakeup } from './reschedule-wakeup.use-case';
import { WakeWakeup } from './wake-wakeup.use-case';
import { DeadlineSettlements } from './deadline-settlements';
import { FollowUpScheduler } from './followup-scheduler';
import { FollowupSecrecy } from './followup-secrecy';
import { LegalDeadlines } from './legal-deadlines';
import { WakeupRows } from './wakeup-rows';

/** The follow-ups' jobs: plan an occurrence, wake a wake-up, sweep. */
@Injectable()
export class FollowUpJobs {
  constructor(
    private readonly scheduler: FollowUpScheduler,
    private readonly planOccurrence: PlanOccurrence,
    private readonly wakeWakeup: WakeWakeup,
  ) {}

  @JobHandler('followups.plan')
  async plan({ municipalityId, obligationId }: JobPayloads['followups.plan']): Promise<JobOutcome> {
    const occurrence = await this.planOccurrence.execute({ municipalityId }, obligationId);
    return occurrence
      ? { status: 'done', detail: `due ${occurrence.dueOn}` }
      : { status: 'skipped', reason: 'planned already, or no further due date' };
  }

  @JobHandler('followups.wake')
  async wake({ municipalityId, wakeupId, version }: JobPayloads['followups.wake']) {
    return this.wakeWakeup.execute({ municipalityId }, wakeupId, version);
  }

  @JobHandler('followups.sweep')
  async sweep(): Promise<JobOutcome> {
    const result = await this.scheduler.sweep();
    return {
      status: 'done',
      detail: `proposed ${result.proposed}, planned ${result.planned}, fulfilled ${result.fulfilled}, fired ${result.fired}, deadlines ${result.deadlines} recorded ${result.settled} settled, ${result.ended} ended, ${result.failed} failed`,
    };
  }
}

/**
 * The follow-ups' worker side (`@nf/followups-jobs`): the scheduler needs the holiday calendar,
 * which the api does not load.
 */
@Module({
  imports: [
    FollowupsModule,
    RegistryModule,
    TenancyModule,
    NotificationsModule,
    MeetingsModule,
    ProtocolsModule,
    WorkflowModule,
    PlansModule,
  ],
  providers: [
    FollowUpScheduler,
    FollowUpJobs,
    FollowupSecrecy,
    WakeupRows,
    LegalDeadlines,
    DeadlineCandidates,
    OccurrenceWakeups,
    PlanOccurrence,
    RescheduleWakeup,
    WakeWakeup,
    FulfilOccurrence,
    DeadlineSettlements,
    ClauseProposals,
  ],
  exports: [FollowUpScheduler, LegalDeadlines, PlanOccurrence, RescheduleWakeup, WakeWakeup],
})
export class FollowupsJobsModule {}

export { FollowUpScheduler, LegalDeadlines, PlanOccurrence, RescheduleWakeup, WakeWakeup };
/** For the demo, which opens and fulfils its Luleå follow-up as the worker would. */
export { FulfilOccurrence, OccurrenceWakeups, WakeupRows };
export { addMonths } from './deadline-candidates';
export { onWorkingDay, WAKEUP_TIMES, wakeupInstant } from './wakeup-rows';
export type { SweepResult } from './followup-scheduler';
