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
export { CreateOrgan } from './organs/create-organ.use-case';
export { UpdateOrgan } from './organs/update-organ.use-case';
export { Person, toPersonView } from './people/person.entity';
export { People } from './people/people';
export { CreatePerson } from './people/create-person.use-case';
export { UpdatePerson } from './people/update-person.use-case';
export { isActiveOn, Membership, MEMBERSHIP_ROLES } from './memberships/membership.entity';
export type { MembershipRole } from './memberships/membership.entity';
export { Memberships } from './memberships/memberships';
export type { Seat, SeatHolder } from './memberships/memberships';
export { AddMembership } from './memberships/add-membership.use-case';
export { UpdateMembership } from './memberships/update-membership.use-case';
export { TenancyModule } from './tenancy.module';
export { TenancyHttpModule } from './tenancy-http.module';
