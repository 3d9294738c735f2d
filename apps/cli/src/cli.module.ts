import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@nf/audit';
import { CommonModule } from '@nf/common';
import { AppConfig, ConfigModule } from '@nf/config';
import { DatabaseModule } from '@nf/database';
import { DemoModule } from '@nf/demo';
import { IdentityModule } from '@nf/identity';
import { TenancyModule } from '@nf/tenancy';
import { QueueModule } from '@nf/queue';
import { RecordsModule } from '@nf/records';

@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        DatabaseModule.forRoot(),
        AuditModule,
        QueueModule.forRoot(),
        DemoModule,
        TenancyModule,
        IdentityModule,
        RecordsModule,
      ],
    };
  }
}
