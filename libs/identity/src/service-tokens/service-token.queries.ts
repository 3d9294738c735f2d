import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Tenant } from '@nf/common';
import { In, Repository } from 'typeorm';
import { AuthToken } from '../tokens/auth-token.entity';
import { RoleAssignment } from '../users/role-assignment.entity';
import { ServiceTokenView, toServiceTokenView } from './service-tokens';

/** The municipality's service tokens, as the admin lists them. */
@Injectable()
export class ServiceTokenQueries {
  constructor(
    @InjectRepository(AuthToken) private readonly tokens: Repository<AuthToken>,
    @InjectRepository(RoleAssignment) private readonly roles: Repository<RoleAssignment>,
  ) {}

  async list(tenant: Tenant): Promise<ServiceTokenView[]> {
    const tokens = await this.tokens.find({
      where: { municipalityId: tenant.municipalityId, kind: 'service' },
      order: { id: 'ASC' },
    });
    const roles = tokens.length
      ? await this.roles.find({
          where: { municipalityId: tenant.municipalityId, userId: In(tokens.map((t) => t.userId)) },
        })
      : [];
    return tokens.map((token) => toServiceTokenView(token, roles));
  }
}
