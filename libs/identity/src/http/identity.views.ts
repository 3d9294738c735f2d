import { DateTime, Nullable } from '@nf/common';
import { Type as T } from '@sinclair/typebox';

/** The response contracts of identity's routes. */
export const SessionView = T.Object({
  accessToken: T.String(),
  tokenType: T.Literal('Bearer'),
  /** Seconds until the access token expires. */
  expiresIn: T.Integer(),
  refreshToken: T.String(),
  refreshExpiresIn: T.Integer(),
});

export const RoleGrantView = T.Object({ role: T.String(), organId: Nullable(T.Integer()) });

export const UserView = T.Object({
  id: T.Integer(),
  username: T.String(),
  displayName: T.String(),
  email: Nullable(T.String()),
  kind: T.Union([T.Literal('person'), T.Literal('service')]),
  personId: Nullable(T.Integer()),
  active: T.Boolean(),
  locked: T.Boolean(),
  roles: T.Array(RoleGrantView),
  version: T.Integer(),
});

export const MeView = T.Object({
  user: UserView,
  municipalityId: T.Integer(),
  grants: T.Array(RoleGrantView),
  permissions: T.Array(T.String()),
});

export const ServiceTokenView = T.Object({
  id: T.Integer(),
  name: T.String(),
  userId: T.Integer(),
  roles: T.Array(RoleGrantView),
  createdAt: DateTime,
  expiresAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});

export const IssuedServiceTokenView = T.Composite([
  ServiceTokenView,
  T.Object({ token: T.String() }),
]);

export const DirectoryEntryView = T.Object({
  id: T.Integer(),
  displayName: T.String(),
  /** The person (in the organs' seats) the user is, if any: who may chair or adjust a protocol. */
  personId: Nullable(T.Integer()),
  /** Holds the handläggare role: may be named responsible official of a case. */
  handlaggare: T.Boolean(),
});
