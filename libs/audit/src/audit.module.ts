import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntry } from './audit-entry.entity';
import { AuditLog } from './audit-log';
import { AuditReader } from './audit-reader';
import { SecurityEvents } from './security-events';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry])],
  providers: [AuditLog, AuditReader, SecurityEvents],
  exports: [AuditLog, AuditReader, SecurityEvents],
})
export class AuditModule {}
