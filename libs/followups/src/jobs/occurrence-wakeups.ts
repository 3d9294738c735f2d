import { Injectable } from '@nestjs/common';
import { Clock, type LocalDate, SWEDISH_MONTHS, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { JobOutcome } from '@nf/queue';
import { CaseQueries, LinkCases, RegisterCase, type SecrecyOf } from '@nf/registry';
import { Organs } from '@nf/tenancy';
import { DataSource } from 'typeorm';
import { Obligation, Occurrence, Wakeup } from '../followup.entities';
import { FollowupReports } from '../followup-reports';
import { Notifier } from '../notifier';
import { followUpCasePublicTitle, followUpTitle, publicTitleOf } from '../secret-titles';
import { WakeupRows } from './wakeup-rows';

/** "februari 2025": the month a follow-up is due, as its case's title says it. */
export function monthOf(date: LocalDate): string {
  return `${SWEDISH_MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/**
 * The title notices about an obligation carry: e-mail and the inbox name a secret case's
 * follow-up by the case's public title.
 */
function shownTitle(obligation: Obligation, original: SecrecyOf | undefined): string {
  return original?.secrecyOsl
    ? followUpTitle(publicTitleOf({ ...original, title: obligation.title }))
    : obligation.title;
}

/** What an obligation's occurrence does when one of its wake-ups fires. */
/** The follow-ups with a report: the årsuppföljning, and the delårsrapport and monthly report of a board with a plan. */
const REPORTED_KINDS: readonly string[] = ['arsuppfoljning', 'delar', 'manadsrapport'];

@Injectable()
export class OccurrenceWakeups {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly rows: WakeupRows,
    private readonly reports: FollowupReports,
    private readonly registerCase: RegisterCase,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly cases: CaseQueries,
    private readonly linkCases: LinkCases,
    private readonly organs: Organs,
  ) {}

  /**
   * An occurrence's wake-up, once: open its follow-up case (and the board's report), remind the
   * responsible official, or tell the secretaries it is late.
   */
  async wake(tenant: Tenant, wakeup: Wakeup): Promise<JobOutcome> {
    const { id: wakeupId, version } = wakeup;
    const occurrence = await this.dataSource.manager.findOneByOrFail(Occurrence, {
      id: wakeup.occurrenceId!,
      municipalityId: tenant.municipalityId,
    });
    const obligation = await this.dataSource.manager.findOneByOrFail(Obligation, {
      id: occurrence.obligationId,
      municipalityId: tenant.municipalityId,
    });
    if (wakeup.kind === 'open') return this.open(tenant, wakeup, occurrence, obligation);
    return this.transactions.run(async (tx) => {
      const current = await this.rows.claim(tx, tenant, wakeupId, version);
      const state = await tx.findOneByOrFail(Occurrence, {
        id: occurrence.id,
        municipalityId: tenant.municipalityId,
      });
      if (state.status === 'fulfilled') {
        await tx.update(
          Wakeup,
          { id: current.id, municipalityId: tenant.municipalityId },
          { status: 'cancelled' },
        );
        return { status: 'skipped', reason: 'the follow-up is fulfilled' } as JobOutcome;
      }
      const original = await this.caseOf(tenant, obligation.caseId);
      const followUp = (await this.caseOf(tenant, state.followUpCaseId))?.dnr;
      const title = shownTitle(obligation, original);
      const late = wakeup.kind === 'late';
      const budget = obligation.kind === 'budget';
      const recipients =
        late || !obligation.responsibleUserId
          ? await this.notifier.secretariesOf(
              tx,
              tenant.municipalityId,
              obligation.reportOrganId ?? obligation.organId,
            )
          : [obligation.responsibleUserId];
      const told = await this.notifier.tell(tx, recipients, {
        municipalityId: tenant.municipalityId,
        key: `wakeup:${wakeup.id}`,
        caseId: state.followUpCaseId ?? obligation.caseId,
        subject: late
          ? `${budget ? 'Försenat i budgetprocessen' : 'Försenad uppföljning'}: ${title}`
          : budget
            ? `Påminnelse: ${title}, senast ${state.dueOn}`
            : `Påminnelse: ${title} ska redovisas senast ${state.dueOn}`,
        body: [
          late
            ? budget
              ? `"${title}" skulle ha varit klart senast ${state.dueOn} och är inte beslutat.`
              : `Uppföljningen "${title}" skulle ha redovisats senast ${state.dueOn} och är inte beslutad.`
            : budget
              ? `"${title}" ska vara klart senast ${state.dueOn}.`
              : `Uppföljningen "${title}" ska redovisas senast ${state.dueOn}.`,
          ...(followUp ? [`Uppföljningsärende: dnr ${followUp}.`] : []),
          ...(original ? [`Ursprungligt ärende: dnr ${original.dnr}.`] : []),
        ].join('\n'),
      });
      await this.rows.done(tx, current, `obligation.${wakeup.kind}`);
      return { status: 'done', detail: `${wakeup.kind}: ${told} told` } as JobOutcome;
    });
  }

  /**
   * Opens an occurrence now, as its `open` wake-up would (the demo's Luleå follow-up of 2024):
   * once, as the wake-up is claimed; nothing when it is not pending.
   */
  async openNow(tenant: Tenant, occurrenceId: number): Promise<JobOutcome> {
    const wakeup = await this.dataSource.manager.findOneBy(Wakeup, {
      municipalityId: tenant.municipalityId,
      occurrenceId,
      kind: 'open',
      status: 'pending',
    });
    if (!wakeup) return { status: 'skipped', reason: `occurrence ${occurrenceId} is not to open` };
    return this.wake(tenant, wakeup);
  }

  /** A case's number, classification and secrecy, within the municipality (the registry's). */
  private async caseOf(
    tenant: Tenant,
    caseId: number | null,
  ): Promise<(SecrecyOf & { dnr: string; code: string | null }) | undefined> {
    if (caseId === null) return undefined;
    const record = await this.cases.repository.findById(tenant, caseId);
    return record
      ? {
          dnr: record.dnr,
          code: record.classificationCode,
          secrecyOsl: record.secrecyOsl,
          publicTitle: record.publicTitle,
        }
      : undefined;
  }

  private async open(
    tenant: Tenant,
    wakeup: Wakeup,
    occurrence: Occurrence,
    obligation: Obligation,
  ): Promise<JobOutcome> {
    const original = await this.caseOf(tenant, obligation.caseId);
    const title = shownTitle(obligation, original);
    const month = monthOf(occurrence.dueOn);
    const budget = obligation.kind === 'budget';
    const record = await this.registerCase.execute(
      tenant,
      null,
      {
        // A step of the budget process is a case of its own ("Budgetberedning 2025"), not a report.
        title: budget ? obligation.title : `Uppföljning ${month}: ${obligation.title}`,
        // The follow-up of a secret case inherits its secrecy, named by its public title.
        ...(original?.secrecyOsl
          ? {
              secrecyOsl: original.secrecyOsl,
              publicTitle: followUpCasePublicTitle(month, original),
            }
          : {}),
        classificationCode: original?.code ?? null,
        organId: obligation.reportOrganId,
        responsibleUserId: obligation.responsibleUserId,
      },
      {
        beforeCommit: async (tx, created) => {
          const current = await this.rows.claim(tx, tenant, wakeup.id, wakeup.version);
          const now = this.clock.now();
          await tx.update(
            Occurrence,
            { id: occurrence.id, municipalityId: tenant.municipalityId },
            { status: 'open', followUpCaseId: created.id, openedAt: now },
          );
          if (obligation.caseId) {
            await this.linkCases.execute(tenant, created.id, obligation.caseId, tx);
          }
          await this.notifier.tell(
            tx,
            obligation.responsibleUserId
              ? [obligation.responsibleUserId]
              : await this.notifier.secretariesOf(
                  tx,
                  tenant.municipalityId,
                  obligation.reportOrganId ?? obligation.organId,
                ),
            {
              municipalityId: tenant.municipalityId,
              key: `wakeup:${wakeup.id}`,
              caseId: created.id,
              subject: `${budget ? 'Att göra i budgetprocessen' : 'Uppföljning att göra'}: ${title} (dnr ${created.dnr})`,
              body: [
                budget
                  ? `"${title}" ska vara klart senast ${occurrence.dueOn}.`
                  : `Uppföljningen "${title}" ska redovisas senast ${occurrence.dueOn}.`,
                `Ärendet ${created.dnr} är upprättat för den.`,
                ...(original ? [`Ursprungligt ärende: dnr ${original.dnr}.`] : []),
              ].join('\n'),
            },
          );
          if (REPORTED_KINDS.includes(obligation.kind)) {
            const board = await this.organs.repository.findById(
              tenant,
              obligation.organId ?? obligation.reportOrganId ?? 0,
            );
            await this.reports.draft(tx, occurrence, obligation, board?.name ?? obligation.title);
          }
          await this.rows.done(tx, current, 'obligation.open');
        },
      },
    );
    return { status: 'done', detail: `opened ${record.dnr}` };
  }
}
