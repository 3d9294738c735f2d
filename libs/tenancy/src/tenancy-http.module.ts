import { Module } from '@nestjs/common';
import { MunicipalitiesController } from './http/municipalities.controller';
import { MembershipsController } from './http/memberships.controller';
import { MunicipalitySettingsController } from './http/municipality-settings.controller';
import { OrgansController } from './http/organs.controller';
import { PeopleController } from './http/people.controller';
import { TenancyModule } from './tenancy.module';

@Module({
  imports: [TenancyModule],
  controllers: [
    MunicipalitiesController,
    MunicipalitySettingsController,
    OrgansController,
    PeopleController,
    MembershipsController,
  ],
})
export class TenancyHttpModule {}
