import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UpdateMembership } from './memberships/update-membership.use-case';
import { AddMembership } from './memberships/add-membership.use-case';
import { Membership } from './memberships/membership.entity';
import { Memberships } from './memberships/memberships';
import { Municipalities } from './municipalities';
import { Municipality } from './municipality.entity';
import { UpdateOrgan } from './organs/update-organ.use-case';
import { CreateOrgan } from './organs/create-organ.use-case';
import { Organ } from './organs/organ.entity';
import { Organs } from './organs/organs';
import { People } from './people/people';
import { UpdatePerson } from './people/update-person.use-case';
import { CreatePerson } from './people/create-person.use-case';
import { Person } from './people/person.entity';
import { UpdateMunicipalitySettings } from './settings/update-municipality-settings.use-case';
import { CreateMunicipality } from './use-cases/create-municipality.use-case';

const SERVICES = [
  Municipalities,
  CreateMunicipality,
  UpdateMunicipalitySettings,
  Organs,
  CreateOrgan,
  UpdateOrgan,
  People,
  CreatePerson,
  UpdatePerson,
  Memberships,
  AddMembership,
  UpdateMembership,
];

/** Municipalities, their organs, people and memberships. */
@Module({
  imports: [TypeOrmModule.forFeature([Municipality, Organ, Person, Membership])],
  providers: SERVICES,
  exports: SERVICES,
})
export class TenancyModule {}
