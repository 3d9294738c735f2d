import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntry } from './audit-entry.entity';
import { AuditLog } from './audit-log';
import { SecurityEvents } from './security-events';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry])],
  providers: [AuditLog, SecurityEvents],
  exports: [AuditLog, SecurityEvents],
})
export class AuditModule {}
