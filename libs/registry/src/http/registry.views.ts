import { DateTime, CalendarDate, Nullable, OneOf } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import { CASE_STATUSES } from '../cases/case.entity';
import { DOCUMENT_DIRECTIONS, DOCUMENT_TYPES } from '../documents/case-document.entity';

/** The response contracts of the registry's routes. */
export const SeriesView = T.Object({
  id: T.Integer(),
  code: T.String(),
  name: T.String(),
  format: T.String(),
  isDefault: T.Boolean(),
  active: T.Boolean(),
  version: T.Integer(),
});

export const ClassificationCodeView = T.Object({
  code: T.String(),
  title: T.String(),
  parentCode: Nullable(T.String()),
  active: T.Boolean(),
});

export const ClassificationImportResult = T.Object({ added: T.Integer(), updated: T.Integer() });

export const CaseView = T.Object({
  id: T.Integer(),
  dnr: T.String(),
  /** The number as printed, with the classification code where the municipality appends it. */
  dnrDisplay: T.String(),
  year: T.Integer(),
  serial: T.Integer(),
  seriesId: T.Integer(),
  imported: T.Boolean(),
  /** The title this reader may see: a secret case's public title for those without the right. */
  title: T.String(),
  titleHidden: T.Boolean(),
  publicTitle: Nullable(T.String()),
  classificationCode: Nullable(T.String()),
  organId: Nullable(T.Integer()),
  responsibleUserId: Nullable(T.Integer()),
  unit: Nullable(T.String()),
  status: OneOf(CASE_STATUSES),
  registeredAt: DateTime,
  decidedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  secrecy: Nullable(
    T.Object({
      osl: Nullable(T.String()),
      markedBy: Nullable(T.Integer()),
      markedAt: Nullable(DateTime),
    }),
  ),
  version: T.Integer(),
});

export const CaseDetailView = T.Composite([
  CaseView,
  T.Object({ linkedCaseIds: T.Array(T.Integer()) }),
]);

export const CasePage = T.Object({
  cases: T.Array(CaseView),
  /** The cursor of the next page (`?before=`), null on the last. */
  next: Nullable(T.Integer()),
});

export const FileView = T.Object({
  id: T.Integer(),
  filename: T.String(),
  contentType: T.String(),
  sizeBytes: T.Integer(),
  sha256: T.String(),
});

export const DocumentView = T.Object({
  id: T.Integer(),
  caseId: T.Integer(),
  ordinal: T.Integer(),
  direction: OneOf(DOCUMENT_DIRECTIONS),
  date: CalendarDate,
  senderRecipient: Nullable(T.String()),
  senderHidden: T.Boolean(),
  description: T.String(),
  descriptionHidden: T.Boolean(),
  type: OneOf(DOCUMENT_TYPES),
  secrecyOsl: Nullable(T.String()),
  registeredAt: DateTime,
  /** When gallring removed its files, by the rule named; null while it is kept. */
  weededAt: Nullable(DateTime),
  weededByRule: Nullable(T.String()),
  files: T.Array(FileView),
});

export const PublicCaseView = T.Object({
  id: T.Integer(),
  dnr: T.String(),
  dnrDisplay: T.String(),
  title: T.String(),
  classificationCode: Nullable(T.String()),
  organId: Nullable(T.Integer()),
  unit: Nullable(T.String()),
  status: OneOf(CASE_STATUSES),
  registeredAt: DateTime,
  decidedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  secret: T.Boolean(),
});

export const PublicCasePage = T.Object({
  cases: T.Array(PublicCaseView),
  next: Nullable(T.Integer()),
});

export const PublicCaseDetailView = T.Composite([
  PublicCaseView,
  T.Object({ documents: T.Array(DocumentView) }),
]);
