import { Module } from '@nestjs/common';
import { MunicipalitiesController } from './http/municipalities.controller';
import { TenancyModule } from './tenancy.module';

@Module({
  imports: [TenancyModule],
  controllers: [MunicipalitiesController],
})
export class TenancyHttpModule {}
