/**
 * Every table and the one context (library) that owns it. SQL and repositories in a library name
 * only its own tables; another context reads or changes them through the owner's exported query
 * services and use cases, or hears of them through domain events. `test/architecture` checks every
 * library against this map, and the map against the migrations.
 */
export const TABLE_OWNERS = {
  outbox_messages: 'queue',
  audit_log: 'audit',

  municipalities: 'tenancy',
  organs: 'tenancy',
  people: 'tenancy',
  memberships: 'tenancy',

  users: 'identity',
  role_assignments: 'identity',
  auth_tokens: 'identity',
  login_failures: 'identity',

  dnr_series: 'registry',
  dnr_counters: 'registry',
  classification_codes: 'registry',
  cases: 'registry',
  case_links: 'registry',
  documents: 'registry',
  document_files: 'registry',

  route_instances: 'workflow',
  route_steps: 'workflow',
  route_events: 'workflow',
  tjansteskrivelser: 'workflow',
  motions: 'workflow',

  meetings: 'meetings',
  agenda_items: 'meetings',
  notices: 'meetings',
  delegation_points: 'meetings',
  delegation_decisions: 'meetings',
  kallelser: 'meetings',
  kallelse_files: 'meetings',
  private_notes: 'meetings',
  meeting_reads: 'meetings',

  mail_deliveries: 'notifications',

  protocols: 'protocols',
  paragraph_counters: 'protocols',
  paragraphs: 'protocols',
  protocol_signatures: 'protocols',
  anslag: 'protocols',
  protocol_files: 'protocols',

  obligations: 'followups',
  obligation_occurrences: 'followups',
  wakeups: 'followups',
  inbox_messages: 'followups',
  deadlines: 'followups',
  annual_followup_settings: 'followups',
  followup_reports: 'followups',
  calendar_feeds: 'followups',

  plans: 'plans',
  indicators: 'plans',
  indicator_values: 'plans',
  economy_rows: 'plans',
  economy_values: 'plans',

  public_changes: 'publication',
  public_projection: 'publication',
  webhook_subscriptions: 'publication',
  webhook_deliveries: 'publication',
  case_follows: 'publication',
  file_checksums: 'publication',

  retention_plans: 'records',
  retention_rules: 'records',
  record_holds: 'records',
  gallring_lists: 'records',
  gallring_items: 'records',
  archive_deliveries: 'records',
  archive_receipts: 'records',
  document_requests: 'records',
  document_request_items: 'records',
} as const satisfies Record<string, string>;

export type OwnedTable = keyof typeof TABLE_OWNERS;
