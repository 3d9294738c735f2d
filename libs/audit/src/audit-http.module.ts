import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntry } from './audit-entry.entity';
import { AuditReader } from './audit-reader';
import { AuditController } from './http/audit.controller';

@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry])],
  providers: [AuditReader],
  controllers: [AuditController],
})
export class AuditHttpModule {}
