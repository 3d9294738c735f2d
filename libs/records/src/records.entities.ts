import { bigintAsNumber, generatedIdColumn, idColumn } from '@nf/database';
import type { ArchiveSelection } from '@nf/registry';
import { Column, Entity, VersionColumn } from 'typeorm';
import type { CountedFrom, RetentionAction } from './retention/retention-rules';

export type Keeps = 'register-entry' | 'nothing';

/**
 * A version of the municipality's dokumenthanteringsplan: the decision that adopted it and the day
 * it applies from. A change is a new version; the newest is the plan in force.
 */
@Entity({ name: 'retention_plans' })
export class RetentionPlan {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column({ type: 'int', unsigned: true })
  version: number;

  /** The decision that adopted this version (e.g. "KS 2024-03-12 § 45, dnr 2024-00123"). */
  @Column({ type: 'varchar', length: 300 })
  decision: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column(idColumn('created_by', true))
  createdBy: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** One line of a plan version: a classification code (and optionally a document type) and its retention. */
@Entity({ name: 'retention_rules' })
export class RetentionRule {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('plan_id'))
  planId: number;

  @Column({ type: 'int', unsigned: true })
  position: number;

  @Column({ name: 'classification_code', type: 'varchar', length: 32 })
  classificationCode: string;

  @Column({ name: 'document_type', type: 'varchar', length: 40, nullable: true })
  documentType: string | null;

  /** What the line is about, as the plan says it ("Bygglov, ritningar"). */
  @Column({ type: 'varchar', length: 300 })
  description: string;

  @Column({ type: 'varchar', length: 16 })
  action: RetentionAction;

  @Column({ name: 'after_months', type: 'smallint', unsigned: true, nullable: true })
  afterMonths: number | null;

  @Column({ name: 'counted_from', type: 'varchar', length: 24, nullable: true })
  countedFrom: CountedFrom | null;

  @Column({ name: 'fixed_date', type: 'date', nullable: true })
  fixedDate: string | null;

  /** What remains of a weeded document: its register entry (the usual), or nothing but its number. */
  @Column({ type: 'varchar', length: 24, default: 'register-entry' })
  keep: Keeps;

  /** The law, the Riksarkivet or municipal gallringsbeslut, that allows the weeding. */
  @Column({ name: 'legal_basis', type: 'varchar', length: 500 })
  legalBasis: string;
}

export const HOLD_REASONS = ['litigation', 'request'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

/** A case that must not be weeded while the hold stands: a dispute, or an open request for documents. */
@Entity({ name: 'record_holds' })
export class RecordHold {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('case_id'))
  caseId: number;

  @Column({ type: 'varchar', length: 16 })
  reason: HoldReason;

  @Column({ type: 'varchar', length: 1000 })
  note: string;

  @Column(idColumn('placed_by', true))
  placedBy: number | null;

  @Column({ name: 'placed_at', type: 'datetime', precision: 3 })
  placedAt: Date;

  @Column(idColumn('lifted_by', true))
  liftedBy: number | null;

  @Column({ name: 'lifted_at', type: 'datetime', precision: 3, nullable: true })
  liftedAt: Date | null;

  /** The request for documents this hold stands for (lifted when the request is decided). */
  @Column(idColumn('request_id', true))
  requestId: number | null;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

export const GALLRING_LIST_STATUSES = ['proposed', 'approved', 'executed', 'rejected'] as const;
export type GallringListStatus = (typeof GALLRING_LIST_STATUSES)[number];

/**
 * A gallringslista: what the plan says may go, drawn by the sweep; nothing goes before the
 * registrator approves it. Executed, its items are the gallringsprotokoll, kept for good.
 */
@Entity({ name: 'gallring_lists' })
export class GallringList {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('plan_id'))
  planId: number;

  @Column({ type: 'varchar', length: 16 })
  status: GallringListStatus;

  /** The local day the list was drawn (what was due on that day). */
  @Column({ name: 'drawn_on', type: 'date' })
  drawnOn: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column(idColumn('decided_by', true))
  decidedBy: number | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'executed_at', type: 'datetime', precision: 3, nullable: true })
  executedAt: Date | null;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

export const GALLRING_ITEM_STATUSES = ['listed', 'excluded', 'weeded', 'skipped'] as const;
export type GallringItemStatus = (typeof GALLRING_ITEM_STATUSES)[number];

/** A document on a gallringslista, with the rule that lets it go and what became of it. */
@Entity({ name: 'gallring_items' })
export class GallringItem {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('list_id'))
  listId: number;

  @Column(idColumn('case_id'))
  caseId: number;

  @Column(idColumn('document_id'))
  documentId: number;

  @Column(idColumn('rule_id'))
  ruleId: number;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ type: 'varchar', length: 16, default: 'listed' })
  status: GallringItemStatus;

  /** Why an item was excluded or skipped ("Ärendet har återöppnats"), in Swedish. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  outcome: string | null;

  @Column({ name: 'files_removed', type: 'int', unsigned: true, default: 0 })
  filesRemoved: number;

  /** The stored bytes the weeded files pointed at, until they are deleted. */
  @Column({ name: 'storage_keys', type: 'json', nullable: true })
  storageKeys: string[] | null;

  @Column({ name: 'blobs_removed_at', type: 'datetime', precision: 3, nullable: true })
  blobsRemovedAt: Date | null;

  @Column({ name: 'weeded_at', type: 'datetime', precision: 3, nullable: true })
  weededAt: Date | null;
}

export const DELIVERY_STATUSES = ['queued', 'running', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * A delivery to the e-archive: the selection of closed cases, where its package is written, and how
 * far it has come. Only the process holding the lease writes the package.
 */
@Entity({ name: 'archive_deliveries' })
export class ArchiveDelivery {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  /** The package's name: its OBJID and its top folder. */
  @Column({ name: 'package_id', type: 'varchar', length: 100 })
  packageId: string;

  @Column({ type: 'varchar', length: 16 })
  status: DeliveryStatus;

  @Column({ type: 'json' })
  selection: ArchiveSelection;

  @Column({ name: 'output_path', type: 'varchar', length: 1000 })
  outputPath: string;

  @Column({ name: 'cases_total', type: 'int', unsigned: true, nullable: true })
  casesTotal: number | null;

  @Column({ name: 'cases_done', type: 'int', unsigned: true, default: 0 })
  casesDone: number;

  @Column({ name: 'files_done', type: 'int', unsigned: true, default: 0 })
  filesDone: number;

  @Column({
    name: 'bytes_written',
    type: 'bigint',
    unsigned: true,
    default: 0,
    transformer: bigintAsNumber,
  })
  bytesWritten: number;

  @Column({ name: 'package_sha256', type: 'char', length: 64, nullable: true })
  packageSha256: string | null;

  @Column({
    name: 'package_bytes',
    type: 'bigint',
    unsigned: true,
    nullable: true,
    transformer: bigintAsNumber,
  })
  packageBytes: number | null;

  @Column({ type: 'int', unsigned: true, default: 0 })
  attempts: number;

  /** `host:pid` of the process writing the package. */
  @Column({ name: 'lease_owner', type: 'varchar', length: 200, nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_until', type: 'datetime', precision: 3, nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  error: string | null;

  @Column(idColumn('requested_by', true))
  requestedBy: number | null;

  @Column({ name: 'requested_at', type: 'datetime', precision: 3 })
  requestedAt: Date;

  @Column({ name: 'started_at', type: 'datetime', precision: 3, nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

/** The receipt of one case in a finished delivery. */
@Entity({ name: 'archive_receipts' })
export class ArchiveReceipt {
  @Column({ ...idColumn('delivery_id'), primary: true })
  deliveryId: number;

  @Column({ ...idColumn('case_id'), primary: true })
  caseId: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column({ type: 'varchar', length: 64 })
  dnr: string;

  @Column({ type: 'int', unsigned: true })
  documents: number;

  @Column({ type: 'int', unsigned: true })
  files: number;

  @Column({ name: 'delivered_at', type: 'datetime', precision: 3 })
  deliveredAt: Date;
}

export const REQUEST_STATUSES = ['open', 'decided'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const ITEM_DECISIONS = ['pending', 'release', 'release-redacted', 'refuse'] as const;
export type ItemDecision = (typeof ITEM_DECISIONS)[number];

/**
 * A request for allmänna handlingar (TF 2 kap.): from whom (a requester need not say), what, and
 * when it came in; open until every requested document has had its sekretessprövning and the
 * request is decided. It is to be handled skyndsamt.
 */
@Entity({ name: 'document_requests' })
export class DocumentRequest {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  requester: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  contact: string | null;

  @Column({ type: 'varchar', length: 2000 })
  description: string;

  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt: Date;

  @Column({ type: 'varchar', length: 16 })
  status: RequestStatus;

  @Column(idColumn('registered_by', true))
  registeredBy: number | null;

  @Column(idColumn('decided_by', true))
  decidedBy: number | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

/** One requested document and its sekretessprövning. */
@Entity({ name: 'document_request_items' })
export class DocumentRequestItem {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('request_id'))
  requestId: number;

  @Column(idColumn('case_id'))
  caseId: number;

  @Column(idColumn('document_id'))
  documentId: number;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  decision: ItemDecision;

  /** The OSL provision a redaction or a refusal rests on. */
  @Column({ name: 'osl_provision', type: 'varchar', length: 100, nullable: true })
  oslProvision: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  reasons: string | null;

  @Column(idColumn('decided_by', true))
  decidedBy: number | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  /** The registered decision (refusal) document this item's refusal is in. */
  @Column(idColumn('decision_document_id', true))
  decisionDocumentId: number | null;
}
