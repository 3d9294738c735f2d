import { CalendarDate, DateTime, Nullable, OneOf } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import { MEMBERSHIP_ROLES } from '../memberships/membership.entity';
import { ORGAN_KINDS } from '../organs/organ.entity';

/** The response contracts of tenancy's routes. */
export const MunicipalityView = T.Object({
  slug: T.String(),
  name: T.String(),
  timeZone: T.String(),
  dnrFormat: T.String(),
  classificationCodeAppended: T.Boolean(),
  kommunkod: Nullable(T.String()),
  createdAt: DateTime,
});

export const OrganView = T.Object({
  id: T.Integer(),
  code: T.String(),
  name: T.String(),
  kind: OneOf(ORGAN_KINDS),
  parentId: Nullable(T.Integer()),
  adjustersCount: T.Integer(),
  active: T.Boolean(),
  version: T.Integer(),
});

export const MembershipView = T.Object({
  id: T.Integer(),
  organId: T.Integer(),
  personId: T.Integer(),
  role: OneOf(MEMBERSHIP_ROLES),
  party: Nullable(T.String()),
  validFrom: CalendarDate,
  validTo: Nullable(CalendarDate),
  version: T.Integer(),
});

export const PersonView = T.Object({
  id: T.Integer(),
  name: T.String(),
  title: Nullable(T.String()),
  party: Nullable(T.String()),
  email: Nullable(T.String()),
  version: T.Integer(),
});
