import 'reflect-metadata';
import { AuditEntry } from '@nf/audit';
import { loadConfig } from '@nf/config';
import { dataSourceOptions } from '@nf/database';
import { OutboxMessage } from '@nf/queue';
import { AuthToken, RoleAssignment, User } from '@nf/identity';
import { Case, CaseDocument, ClassificationCode, DnrSeries, DocumentFile } from '@nf/registry';
import { Membership, Municipality, Organ, Person } from '@nf/tenancy';
import { Motion, RouteEvent, RouteInstance, RouteStep, Tjansteskrivelse } from '@nf/workflow';
import {
  AgendaItem,
  DelegationDecision,
  DelegationPoint,
  Meeting,
  Notice,
  Kallelse,
  KallelseFile,
} from '@nf/meetings';
import { MailDelivery } from '@nf/notifications';
import { Anslag, Paragraph, Protocol, ProtocolSignature } from '@nf/protocols';
import {
  AnnualFollowupSettings,
  CalendarFeed,
  Deadline,
  FollowupReport,
  InboxMessage,
  Obligation,
  Occurrence,
  Wakeup,
} from '@nf/followups';
import { DataSource } from 'typeorm';

/**
 * For `npm run migration:generate` only (the TypeORM CLI): every entity of every context, so that
 * the generated diff sees the whole schema. Read the generated SQL before committing it.
 */
export default new DataSource({
  ...dataSourceOptions(loadConfig()),
  entities: [
    OutboxMessage,
    AuditEntry,
    Municipality,
    Organ,
    Person,
    Membership,
    User,
    RoleAssignment,
    AuthToken,
    DnrSeries,
    ClassificationCode,
    Case,
    CaseDocument,
    DocumentFile,
    RouteInstance,
    RouteStep,
    RouteEvent,
    Tjansteskrivelse,
    Motion,
    Meeting,
    AgendaItem,
    Notice,
    DelegationPoint,
    DelegationDecision,
    Kallelse,
    KallelseFile,
    MailDelivery,
    Protocol,
    Paragraph,
    ProtocolSignature,
    Anslag,
    Obligation,
    Occurrence,
    Wakeup,
    InboxMessage,
    Deadline,
    CalendarFeed,
    FollowupReport,
    AnnualFollowupSettings,
  ],
});
