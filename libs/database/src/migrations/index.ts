import { CreateOutbox1795305600000 } from './1795305600000-create-outbox';
import { CreateMunicipalities1795305600001 } from './1795305600001-create-municipalities';
import { CreateAuditLog1795305600002 } from './1795305600002-create-audit-log';
import { CreateOrganisationAndIdentity1795305600003 } from './1795305600003-create-organisation-and-identity';
import { CreateRegistry1795305600004 } from './1795305600004-create-registry';
import { CreateWorkflow1795305600005 } from './1795305600005-create-workflow';
import { CreateMeetings1795305600006 } from './1795305600006-create-meetings';
import { CreateMailDeliveries1795305600007 } from './1795305600007-create-mail-deliveries';
import { CreateProtocols1795305600008 } from './1795305600008-create-protocols';
import { AddProtocolProceedings1795305600009 } from './1795305600009-add-protocol-proceedings';
import { CreateFollowups1795305600010 } from './1795305600010-create-followups';
import { AddDeadlinesAndReports1795305600011 } from './1795305600011-add-deadlines-and-reports';
import { CreateLoginFailures1795305600012 } from './1795305600012-create-login-failures';
import { RenameSummonsToKallelse1795305600013 } from './1795305600013-rename-summons-to-kallelse';
import { DelegationOrderInFull1795305600014 } from './1795305600014-delegation-order-in-full';
import { RemissAndMotionReports1795305600015 } from './1795305600015-remiss-and-motion-reports';
import { MeetingOpenness1795305600016 } from './1795305600016-meeting-openness';
import { CreatePlans1795305600017 } from './1795305600017-create-plans';
import { BudgetDeadlines1795305600018 } from './1795305600018-budget-deadlines';
import { PrivateNotes1795305600019 } from './1795305600019-private-notes';
import { MeetingReads1795305600020 } from './1795305600020-meeting-reads';
import { PublicChanges1795305600021 } from './1795305600021-public-changes';
import { Webhooks1795305600022 } from './1795305600022-webhooks';
import { CaseFollows1795305600023 } from './1795305600023-case-follows';
import { FileChecksums1795305600024 } from './1795305600024-file-checksums';
import { Records1795305600025 } from './1795305600025-records';
import { ArchiveDeliveries1795305600026 } from './1795305600026-archive-deliveries';
import { DocumentRequests1795305600027 } from './1795305600027-document-requests';
import { SearchWindowPerMunicipality1795305600028 } from './1795305600028-search-window-per-municipality';

/** Every migration, in order. A new migration is added here as well as in its file. */
export const MIGRATIONS = [
  CreateOutbox1795305600000,
  CreateMunicipalities1795305600001,
  CreateAuditLog1795305600002,
  CreateOrganisationAndIdentity1795305600003,
  CreateRegistry1795305600004,
  CreateWorkflow1795305600005,
  CreateMeetings1795305600006,
  CreateMailDeliveries1795305600007,
  CreateProtocols1795305600008,
  AddProtocolProceedings1795305600009,
  CreateFollowups1795305600010,
  AddDeadlinesAndReports1795305600011,
  CreateLoginFailures1795305600012,
  RenameSummonsToKallelse1795305600013,
  DelegationOrderInFull1795305600014,
  RemissAndMotionReports1795305600015,
  MeetingOpenness1795305600016,
  CreatePlans1795305600017,
  BudgetDeadlines1795305600018,
  PrivateNotes1795305600019,
  MeetingReads1795305600020,
  PublicChanges1795305600021,
  Webhooks1795305600022,
  CaseFollows1795305600023,
  FileChecksums1795305600024,
  Records1795305600025,
  ArchiveDeliveries1795305600026,
  DocumentRequests1795305600027,
  SearchWindowPerMunicipality1795305600028,
];
