export { Municipality, toMunicipalityView } from './municipality.entity';
export type { MunicipalityView } from './municipality.entity';
export { Municipalities } from './municipalities';
export {
  CreateMunicipality,
  CreateMunicipalityCommand,
} from './use-cases/create-municipality.use-case';
export { UpdateMunicipalitySettings } from './settings/update-municipality-settings.use-case';
export { Organ, ORGAN_KINDS, toOrganView } from './organs/organ.entity';
export type { OrganKind } from './organs/organ.entity';
export { Organs } from './organs/organs';
export { CreateOrgan, UpdateOrgan } from './organs/organ-commands';
export { Person, toPersonView } from './people/person.entity';
export { People } from './people/people';
export { CreatePerson, UpdatePerson } from './people/person-commands';
export { isActiveOn, Membership, MEMBERSHIP_ROLES } from './memberships/membership.entity';
export type { MembershipRole } from './memberships/membership.entity';
export { Memberships } from './memberships/memberships';
export type { Seat, SeatHolder } from './memberships/memberships';
export { AddMembership, UpdateMembership } from './memberships/membership-commands';
export { TenancyModule } from './tenancy.module';
export { TenancyHttpModule } from './tenancy-http.module';
