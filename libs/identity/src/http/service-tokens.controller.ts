import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { Clock, Returns, ValidationProblem } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import { CreateServiceToken } from '../service-tokens/create-service-token.use-case';
import { RevokeServiceToken } from '../service-tokens/revoke-service-token.use-case';
import { ServiceTokenQueries } from '../service-tokens/service-token.queries';
import { CreateServiceTokenDto } from './dto/identity.dto';
import { IssuedServiceTokenView, ServiceTokenView } from './identity.views';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/service-tokens')
export class ServiceTokensController {
  constructor(
    private readonly serviceTokens: ServiceTokenQueries,
    private readonly createServiceToken: CreateServiceToken,
    private readonly revokeServiceToken: RevokeServiceToken,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Returns(T.Array(ServiceTokenView))
  @RequirePermission(Permission.ServiceTokensManage)
  list(@CurrentPrincipal() principal: Principal) {
    return this.serviceTokens.list(principal);
  }

  /** The token is in this response only; it cannot be read again. */
  @Post()
  @Returns(IssuedServiceTokenView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.ServiceTokensManage)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateServiceTokenDto) {
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    if (expiresAt && expiresAt <= this.clock.now()) {
      throw new ValidationProblem([
        { field: 'expiresAt', message: 'expiresAt must be in the future' },
      ]);
    }
    return this.createServiceToken.execute(principal, body.name, body.roles, expiresAt);
  }

  @Delete(':id')
  @Returns.nothing()
  @HttpCode(204)
  @RequirePermission(Permission.ServiceTokensManage)
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<void> {
    await this.revokeServiceToken.execute(principal, id);
  }
}
