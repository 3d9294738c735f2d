import { Module } from '@nestjs/common';
import { CasesController } from './http/cases.controller';
import { PublicRegistryController } from './http/public-registry.controller';
import { RegistrySetupController } from './http/registry-setup.controller';
import { TenancyModule } from '@nf/tenancy';
import { RegistryModule } from './registry.module';

@Module({
  imports: [RegistryModule, TenancyModule],
  controllers: [RegistrySetupController, CasesController, PublicRegistryController],
})
export class RegistryHttpModule {}
