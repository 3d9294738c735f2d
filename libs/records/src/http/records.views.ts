import { CalendarDate, DateTime, Nullable, OneOf } from '@nf/common';
import { DOCUMENT_TYPES } from '@nf/registry';
import { Type as T } from '@sinclair/typebox';
import {
  DELIVERY_STATUSES,
  GALLRING_ITEM_STATUSES,
  GALLRING_LIST_STATUSES,
  HOLD_REASONS,
  ITEM_DECISIONS,
  REQUEST_STATUSES,
} from '../records.entities';
import { COUNTED_FROM, KEEPS, RETENTION_ACTIONS } from '../retention/retention-rules';

/** The response contracts of the records context's routes. */
export const RetentionRuleView = T.Object({
  id: T.Integer(),
  position: T.Integer(),
  classificationCode: T.String(),
  documentType: Nullable(OneOf(DOCUMENT_TYPES)),
  description: T.String(),
  action: OneOf(RETENTION_ACTIONS),
  afterMonths: Nullable(T.Integer()),
  countedFrom: Nullable(OneOf(COUNTED_FROM)),
  fixedDate: Nullable(CalendarDate),
  keep: OneOf(KEEPS),
  legalBasis: T.String(),
  /** The retention in words: "Bevaras", "Gallras 2 år efter ärendets avslut". */
  retention: T.String(),
});

export const RetentionPlanSummary = T.Object({
  id: T.Integer(),
  version: T.Integer(),
  decision: T.String(),
  validFrom: CalendarDate,
  createdAt: DateTime,
});

export const RetentionPlanView = T.Composite([
  RetentionPlanSummary,
  T.Object({ rules: T.Array(RetentionRuleView) }),
]);

export const RetentionPlanVersions = T.Object({ versions: T.Array(RetentionPlanSummary) });

export const HoldView = T.Object({
  id: T.Integer(),
  caseId: T.Integer(),
  reason: OneOf(HOLD_REASONS),
  note: T.String(),
  placedAt: DateTime,
  liftedAt: Nullable(DateTime),
  version: T.Integer(),
});

export const HoldList = T.Object({ holds: T.Array(HoldView) });

const GallringCounts = T.Object({
  listed: T.Integer(),
  excluded: T.Integer(),
  weeded: T.Integer(),
  skipped: T.Integer(),
  filesRemoved: T.Integer(),
});

export const GallringListView = T.Object({
  id: T.Integer(),
  status: OneOf(GALLRING_LIST_STATUSES),
  planVersion: T.Integer(),
  drawnOn: CalendarDate,
  createdAt: DateTime,
  /** Who approved or rejected it, and when. */
  decidedBy: Nullable(T.String()),
  decidedAt: Nullable(DateTime),
  executedAt: Nullable(DateTime),
  counts: GallringCounts,
  version: T.Integer(),
});

export const GallringListPage = T.Object({ lists: T.Array(GallringListView) });

export const DrawnGallringList = T.Object({ list: Nullable(GallringListView) });

export const GallringItemView = T.Object({
  id: T.Integer(),
  caseId: T.Integer(),
  dnr: T.String(),
  caseTitle: T.String(),
  documentId: T.Integer(),
  documentOrdinal: T.Integer(),
  documentType: OneOf(DOCUMENT_TYPES),
  documentDescription: T.String(),
  classificationCode: T.String(),
  rule: T.String(),
  retention: T.String(),
  legalBasis: T.String(),
  dueOn: CalendarDate,
  status: OneOf(GALLRING_ITEM_STATUSES),
  outcome: Nullable(T.String()),
  filesRemoved: T.Integer(),
  weededAt: Nullable(DateTime),
});

/** A list with its items: once executed, the gallringsprotokoll (what went, by which line, when). */
export const GallringListDetail = T.Composite([
  GallringListView,
  T.Object({ items: T.Array(GallringItemView) }),
]);

export const ArchiveSelectionView = T.Object({
  closedBefore: T.Optional(CalendarDate),
  classificationCode: T.Optional(T.String()),
  seriesId: T.Optional(T.Integer()),
  yearFrom: T.Optional(T.Integer()),
  yearTo: T.Optional(T.Integer()),
});

/** A delivery to the e-archive and how far it has come. */
export const ArchiveDeliveryView = T.Object({
  id: T.Integer(),
  packageId: T.String(),
  status: OneOf(DELIVERY_STATUSES),
  selection: ArchiveSelectionView,
  casesTotal: Nullable(T.Integer()),
  casesDone: T.Integer(),
  filesDone: T.Integer(),
  bytesWritten: T.Integer(),
  /** The finished package's SHA-256 and size (what the e-archive's receipt is checked against). */
  packageSha256: Nullable(T.String()),
  packageBytes: Nullable(T.Integer()),
  attempts: T.Integer(),
  error: Nullable(T.String()),
  requestedAt: DateTime,
  startedAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
});

export const ArchiveDeliveryPage = T.Object({ deliveries: T.Array(ArchiveDeliveryView) });

/** The receipt of a finished delivery: every case it holds. */
export const ArchiveReceiptView = T.Object({
  deliveryId: T.Integer(),
  packageId: T.String(),
  packageSha256: Nullable(T.String()),
  deliveredAt: Nullable(DateTime),
  cases: T.Array(
    T.Object({
      caseId: T.Integer(),
      dnr: T.String(),
      documents: T.Integer(),
      files: T.Integer(),
    }),
  ),
});

export const DocumentRequestSummary = T.Object({
  id: T.Integer(),
  requester: Nullable(T.String()),
  contact: Nullable(T.String()),
  description: T.String(),
  receivedAt: DateTime,
  status: OneOf(REQUEST_STATUSES),
  /** Whole days since it came in, until it is decided: utlämnande is to be skyndsamt. */
  ageDays: T.Integer(),
  decidedAt: Nullable(DateTime),
  version: T.Integer(),
});

export const DocumentRequestPage = T.Object({ requests: T.Array(DocumentRequestSummary) });

export const DocumentRequestDetail = T.Composite([
  DocumentRequestSummary,
  T.Object({
    items: T.Array(
      T.Object({
        id: T.Integer(),
        caseId: T.Integer(),
        dnr: T.String(),
        documentId: T.Integer(),
        documentOrdinal: T.Integer(),
        documentDescription: T.String(),
        /** The secrecy the registry marked on the document or its case: where the prövning starts. */
        secrecyOsl: Nullable(T.String()),
        decision: OneOf(ITEM_DECISIONS),
        oslProvision: Nullable(T.String()),
        reasons: Nullable(T.String()),
        decidedAt: Nullable(DateTime),
        decisionDocumentId: Nullable(T.Integer()),
      }),
    ),
  }),
]);

/** Decided and expedited cases the registrator is asked to close. */
export const ClosingSuggestions = T.Object({
  cases: T.Array(
    T.Object({
      caseId: T.Integer(),
      dnr: T.String(),
      title: T.String(),
      decidedAt: Nullable(DateTime),
      /** When the protokollsutdrag was registered on the case. */
      expeditedAt: DateTime,
      version: T.Integer(),
    }),
  ),
});
