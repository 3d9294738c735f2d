import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Returns } from '@nf/common';
import { AuditReader } from '../audit-reader';
import { AuditPage } from './audit.views';

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  entityType?: string;
  @ApiPropertyOptional({ example: '12' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  entityId?: string;
  @ApiPropertyOptional({ description: 'Entries made by this user' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  userId?: number;
  @ApiPropertyOptional({ enum: ['change', 'security'] })
  @IsOptional()
  @IsIn(['change', 'security'])
  kind?: 'change' | 'security';
  @ApiPropertyOptional({ description: 'Next page: the nextBefore of the previous page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;
  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly reader: AuditReader) {}

  /** The municipality's audit log, newest first: per object (`entityType` + `entityId`) or per user. */
  @Get()
  @Returns(AuditPage)
  @RequirePermission(Permission.AuditRead)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: AuditQueryDto) {
    const { entries, nextBefore } = await this.reader.list(principal, {
      entityType: query.entityType,
      entityId: query.entityId,
      actorUserId: query.userId,
      kind: query.kind,
      before: query.before,
      limit: query.limit ?? 50,
    });
    return {
      entries: entries.map((entry) => ({
        id: entry.id,
        kind: entry.kind,
        occurredAt: entry.occurredAt.toISOString(),
        actor: { type: entry.actorType, id: entry.actorId, label: entry.actorLabel },
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        requestId: entry.requestId,
        before: entry.before,
        after: entry.after,
      })),
      nextBefore,
    };
  }
}
