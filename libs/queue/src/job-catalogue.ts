/**
 * Queue and job names are persisted in Redis: string values, never renamed casually.
 * One queue per kind of work (architecture.md, "Queues").
 */
export enum QueueName {
  Workflow = 'workflow',
  Documents = 'documents',
  Notifications = 'notifications',
  Schedules = 'schedules',
  System = 'system',
}

/** The payload of each job, by job name. Payloads carry ids; handlers re-read the rows. */
export interface JobPayloads {
  'system.outbox-prune': Record<string, never>;
  /** Applies a recorded route event (an outcome, a submitted tjänsteskrivelse) to its case's route. */
  'workflow.apply-event': { municipalityId: number; eventId: number };
  /** Renders a submitted tjänsteskrivelse (PDF and DOCX) onto its registered document. */
  'documents.render-tjansteskrivelse': { municipalityId: number; tjansteskrivelseId: number };
  /** Renders a published kallelse (PDF, DOCX and the public PDF). */
  'documents.render-kallelse': {
    municipalityId: number;
    kallelseId: number;
    /** What `kallelseId` was called before issue 19, in a job queued before the upgrade. */
    summonsId?: number;
  };
  /** Sends one queued e-mail (a mail_deliveries row). */
  'notifications.send-mail': { municipalityId: number; deliveryId: number };
  /** Hands an adjusted paragraph's outcome to its case's route. */
  'protocols.apply-paragraph': { municipalityId: number; paragraphId: number };
  /** Posts the notice (anslag) of an adjusted protocol. */
  'protocols.post-anslag': { municipalityId: number; protocolId: number };
  /** An adjusted KF protocol's motion report: its motions reported (anmälda) to KF. */
  'protocols.report-motions': { municipalityId: number; protocolId: number };
  /** An adjusted election's seats, written to the memberships. */
  'protocols.apply-election': { municipalityId: number; paragraphId: number };
  /** An adjusted utskott protocol's own decisions, to be reported to its board. */
  'protocols.report-to-board': { municipalityId: number; protocolId: number };
  /** Renders the extract (protokollsutdrag) of an adjusted paragraph onto its case. */
  'documents.render-extract': { municipalityId: number; paragraphId: number };
  /** Renders a protocol as locked for justering (PDF and DOCX). */
  'documents.render-protocol': { municipalityId: number; protocolId: number };
  /**
   * A case's secrecy marking changed: what was published or rendered from it before (the
   * protocol's files, the public kallelse) is rendered again with the title the public may see.
   */
  'documents.secrecy-changed': { municipalityId: number; caseId: number };
  /** A case's secrecy marking changed: its follow-up cases take the same marking. */
  'followups.secrecy-changed': { municipalityId: number; caseId: number };
  /** Plans an obligation's next occurrence and its wake-ups. */
  'followups.plan': { municipalityId: number; obligationId: number };
  /** Wakes a follow-up's wake-up (open, remind, late) armed at `version`; a stale one does nothing. */
  'followups.wake': { municipalityId: number; wakeupId: number; version: number };
  /** The follow-ups' sweep: plans, fulfils, and fires what is due that no job woke (a job scheduler). */
  'followups.sweep': Record<string, never>;
  /** Projects the audit log into the public side's changes and the change feed (a job scheduler). */
  'publication.project': Record<string, never>;
  /** Delivers one event of the change feed to its webhook subscription. */
  'publication.deliver-webhook': { municipalityId: number; deliveryId: number };
  /** Draws each municipality's gallringslista from its dokumenthanteringsplan (a job scheduler). */
  'records.gallring-sweep': Record<string, never>;
  /** Carries out an approved gallringslista. */
  'records.execute-gallring': { municipalityId: number; listId: number };
  /** Writes a delivery to the e-archive (a SIP by FGS Paketstruktur with CITS ERMS metadata). */
  'records.archive-delivery': { municipalityId: number; deliveryId: number };
  /** Renders a request's decision on utlämnande onto its registered decision documents. */
  'records.render-request-decision': { municipalityId: number; requestId: number };
  /** Tells the registrators of requests for documents still open from an earlier day (a scheduler). */
  'records.request-reminders': Record<string, never>;
}

export type JobName = keyof JobPayloads;

/** Which queue each job runs on. The worker refuses to boot unless each has exactly one handler. */
export type JobCatalogue = Readonly<Record<string, string>>;

export const JOB_CATALOGUE: { readonly [N in JobName]: QueueName } = {
  'system.outbox-prune': QueueName.System,
  'workflow.apply-event': QueueName.Workflow,
  'documents.render-tjansteskrivelse': QueueName.Documents,
  'documents.render-kallelse': QueueName.Documents,
  'notifications.send-mail': QueueName.Notifications,
  'protocols.apply-paragraph': QueueName.Workflow,
  'protocols.post-anslag': QueueName.Schedules,
  'protocols.report-to-board': QueueName.Workflow,
  'protocols.apply-election': QueueName.Workflow,
  'protocols.report-motions': QueueName.Workflow,
  'documents.render-extract': QueueName.Documents,
  'documents.render-protocol': QueueName.Documents,
  'documents.secrecy-changed': QueueName.Documents,
  'followups.secrecy-changed': QueueName.Schedules,
  'followups.plan': QueueName.Schedules,
  'followups.wake': QueueName.Schedules,
  'followups.sweep': QueueName.Schedules,
  'publication.project': QueueName.Schedules,
  'publication.deliver-webhook': QueueName.Notifications,
  'records.gallring-sweep': QueueName.Schedules,
  'records.execute-gallring': QueueName.Documents,
  'records.archive-delivery': QueueName.Documents,
  'records.render-request-decision': QueueName.Documents,
  'records.request-reminders': QueueName.Schedules,
};

export function queuesOf(catalogue: JobCatalogue): string[] {
  return [...new Set(Object.values(catalogue))].sort();
}

/** What a handler reports; `skipped` means it found nothing to do (already done, or stale). */
export type JobOutcome =
  { status: 'done'; detail?: string } | { status: 'skipped'; reason: string };
