import { Module } from '@nestjs/common';
import {
  CasesController,
  PublicRegistryController,
  RegistrySetupController,
} from './http/registry.controllers';
import { TenancyModule } from '@nf/tenancy';
import { RegistryModule } from './registry.module';

@Module({
  imports: [RegistryModule, TenancyModule],
  controllers: [RegistrySetupController, CasesController, PublicRegistryController],
})
export class RegistryHttpModule {}
