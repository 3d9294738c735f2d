import { DateTime, Nullable } from '@nf/common';
import { Type as T } from '@sinclair/typebox';

/** The response contract of the audit log's route. */
export const AuditEntryView = T.Object({
  id: T.Integer(),
  kind: T.Union([T.Literal('change'), T.Literal('security')]),
  occurredAt: DateTime,
  actor: T.Object({
    type: T.String(),
    id: Nullable(T.String()),
    label: Nullable(T.String()),
  }),
  action: T.String(),
  entityType: T.String(),
  entityId: Nullable(T.String()),
  requestId: Nullable(T.String()),
  before: Nullable(T.Record(T.String(), T.Unknown())),
  after: Nullable(T.Record(T.String(), T.Unknown())),
});

export const AuditPage = T.Object({
  entries: T.Array(AuditEntryView),
  /** The cursor of the next page (`?before=`), null on the last. */
  nextBefore: Nullable(T.Integer()),
});
