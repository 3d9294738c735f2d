/**
 * What a principal may do. Municipality-wide roles are given to users by an admin; organ roles
 * come with a scope (the organ), either given (nämndsekreterare) or derived from the person's
 * membership of the organ (ordförande, ledamot, ersättare). Justerare are per meeting and checked
 * on the meeting object.
 */
export enum Role {
  Admin = 'admin',
  Registrator = 'registrator',
  Handlaggare = 'handlaggare',
  Sekreterare = 'sekreterare',
  Ordforande = 'ordforande',
  Justerare = 'justerare',
  Ledamot = 'ledamot',
  Ersattare = 'ersattare',
}

/** Roles that an admin assigns to a user; the rest follow from memberships and meetings. */
export const ASSIGNABLE_ROLES = [
  Role.Admin,
  Role.Registrator,
  Role.Handlaggare,
  Role.Sekreterare,
] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

/** Roles that only make sense for one organ. */
export const ORGAN_ROLES: ReadonlySet<Role> = new Set([
  Role.Sekreterare,
  Role.Ordforande,
  Role.Ledamot,
  Role.Ersattare,
]);

export enum Permission {
  SettingsManage = 'settings.manage',
  UsersManage = 'users.manage',
  ServiceTokensManage = 'service-tokens.manage',
  OrgansManage = 'organs.manage',
  PeopleManage = 'people.manage',
  /** Organ-scoped: add and end memberships of an organ. */
  MembershipsManage = 'memberships.manage',
  AuditRead = 'audit.read',
  /** Read the registry: cases and documents (secret content needs SecretRead or responsibility). */
  CasesRead = 'cases.read',
  /** Register and import cases, change their particulars, link them. */
  CasesRegister = 'cases.register',
  /** Register documents on cases (a handläggare: on the cases they are responsible for). */
  DocumentsRegister = 'documents.register',
  /** See the secret parts of any case: titles, protected senders, secret documents. */
  SecretRead = 'secret.read',
  /** Mark a case secret (with its OSL provision) or lift the marking. */
  SecrecyMark = 'secrecy.mark',
  ClassificationManage = 'classification.manage',
  DnrSeriesManage = 'dnr-series.manage',
  /** Put a case on a route (beslutsgång). */
  RoutesManage = 'routes.manage',
  /** Organ-scoped: record the outcome of a case at the organ (until protocols emit them). */
  OutcomesRecord = 'outcomes.record',
  /** Write and submit tjänsteskrivelser (a draft is edited by its author only). */
  TjansteskrivelserWrite = 'tjansteskrivelser.write',
  /** Organ-scoped: plan meetings, build agendas, publish the kallelse, keep the delegation order. */
  MeetingsManage = 'meetings.manage',
  /** Organ-scoped for a secretary: register notices (meddelanden) for an organ. */
  NoticesRegister = 'notices.register',
  /** Register decisions taken on delegation, for the report to the organ. */
  DelegationRegister = 'delegation.register',
  /** Set up follow-ups (bevakningar) and read which are due or late. */
  FollowupsManage = 'followups.manage',
  /** The dokumenthanteringsplan, holds, gallringslistor and deliveries to the e-archive. */
  RecordsManage = 'records.manage',
}

/** Permissions each role grants; organ roles grant them for their organ only. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  [Role.Admin]: Object.values(Permission),
  [Role.Registrator]: [
    Permission.AuditRead,
    Permission.PeopleManage,
    Permission.CasesRead,
    Permission.CasesRegister,
    Permission.DocumentsRegister,
    Permission.SecretRead,
    Permission.SecrecyMark,
    Permission.ClassificationManage,
    Permission.RoutesManage,
    Permission.NoticesRegister,
    Permission.DelegationRegister,
    Permission.FollowupsManage,
    Permission.RecordsManage,
  ],
  [Role.Handlaggare]: [
    Permission.CasesRead,
    Permission.DocumentsRegister,
    Permission.TjansteskrivelserWrite,
    Permission.DelegationRegister,
    Permission.FollowupsManage,
  ],
  [Role.Sekreterare]: [
    Permission.MembershipsManage,
    Permission.CasesRead,
    Permission.OutcomesRecord,
    Permission.MeetingsManage,
    Permission.NoticesRegister,
    Permission.DelegationRegister,
    Permission.FollowupsManage,
  ],
  [Role.Ordforande]: [],
  [Role.Justerare]: [],
  [Role.Ledamot]: [],
  [Role.Ersattare]: [],
};
