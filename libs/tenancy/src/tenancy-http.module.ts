import { Module } from '@nestjs/common';
import { MunicipalitiesController } from './http/municipalities.controller';
import {
  MembershipsController,
  MunicipalitySettingsController,
  OrgansController,
  PeopleController,
} from './http/organisation.controllers';
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
