import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Put,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  Access,
  CurrentPrincipal,
  Permission,
  Principal,
  RequirePermission,
  Role,
} from '@nf/access';
import { Clock, Returns, ValidationProblem } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import type { Request } from 'express';
import type { AuthenticatedRequest } from '../auth/access.guard';
import { LoginCommand, PasswordLogin } from '../auth/login.use-case';
import { Logout, RefreshSession } from '../auth/session-commands';
import { ServiceTokens } from '../service-tokens/service-tokens';
import {
  ChangeOwnPassword,
  CreateUser,
  SetUserPassword,
  SetUserRoles,
  UpdateUser,
} from '../users/user-commands';
import { toUserView, Users } from '../users/users';
import {
  ChangePasswordDto,
  CreateServiceTokenDto,
  CreateUserDto,
  LoginDto,
  RefreshDto,
  SetPasswordDto,
  SetRolesDto,
  UpdateUserDto,
} from './dto/identity.dto';
import {
  IssuedServiceTokenView,
  MeView,
  DirectoryEntryView,
  ServiceTokenView,
  SessionView,
  UserView,
} from './identity.views';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly login: PasswordLogin,
    private readonly refresh: RefreshSession,
    private readonly logout: Logout,
    private readonly changeOwnPassword: ChangeOwnPassword,
    private readonly users: Users,
    private readonly clock: Clock,
  ) {}

  /** `{ municipality, username, password }` → `{ accessToken, tokenType, expiresIn, refreshToken, … }`. */
  @Post('login')
  @Returns(SessionView)
  @HttpCode(200)
  @Access('public')
  async logIn(@Body() body: LoginDto, @Req() request: Request) {
    return this.login.execute(
      new LoginCommand(body.municipality, body.username, body.password, `ip:${request.ip}`),
    );
  }

  @Post('refresh')
  @Returns(SessionView)
  @HttpCode(200)
  @Access('public')
  async refreshSession(@Body() body: RefreshDto) {
    return this.refresh.execute(body.refreshToken);
  }

  @Post('logout')
  @Returns.nothing()
  @HttpCode(204)
  @Access('authenticated')
  @ApiBearerAuth()
  async logOut(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ): Promise<void> {
    await this.logout.execute(principal, request.bearerToken!);
  }

  @Get('me')
  @Returns(MeView)
  @Access('authenticated')
  @ApiBearerAuth()
  async me(@CurrentPrincipal() principal: Principal) {
    const { user, roles } = await this.users.get(principal, principal.userId);
    return {
      user: toUserView(user, roles, this.clock.now()),
      municipalityId: principal.municipalityId,
      grants: principal.grants.map((grant) => ({
        role: grant.role,
        organId: grant.organId ?? null,
      })),
      permissions: principal.permissions(),
    };
  }

  @Post('password')
  @Returns.nothing()
  @HttpCode(204)
  @Access('authenticated')
  @ApiBearerAuth()
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.changeOwnPassword.execute(principal, body.currentPassword, body.newPassword);
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly users: Users,
    private readonly createUser: CreateUser,
    private readonly updateUser: UpdateUser,
    private readonly setRoles: SetUserRoles,
    private readonly setPassword: SetUserPassword,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Returns(T.Array(UserView))
  @RequirePermission(Permission.UsersManage)
  async list(@CurrentPrincipal() principal: Principal) {
    const { users, roles } = await this.users.list(principal);
    return users.map((user) => toUserView(user, roles, this.clock.now()));
  }

  /**
   * Who works here, by name: every active person's id and display name, for the officials named
   * on cases and the pickers that choose one. Nothing else of a user is shown.
   */
  @Get('directory')
  @Returns(T.Array(DirectoryEntryView))
  @Access('authenticated')
  async directory(@CurrentPrincipal() principal: Principal) {
    const { users, roles } = await this.users.list(principal);
    return users
      .filter((user) => user.active)
      .map((user) => ({
        id: user.id,
        displayName: user.displayName,
        handlaggare: roles.some(
          (grant) => grant.userId === user.id && grant.role === Role.Handlaggare,
        ),
      }));
  }

  @Get(':id')
  @Returns(UserView)
  @RequirePermission(Permission.UsersManage)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    const { user, roles } = await this.users.get(principal, id);
    return toUserView(user, roles, this.clock.now());
  }

  @Post()
  @Returns(UserView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.UsersManage)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUserDto) {
    const user = await this.createUser.execute(principal, body);
    return this.get(principal, user.id);
  }

  @Patch(':id')
  @Returns(UserView)
  @RequirePermission(Permission.UsersManage)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateUserDto,
  ) {
    const { version, ...fields } = body;
    await this.updateUser.execute(principal, principal, {
      id,
      expectedVersion: version,
      ...fields,
    });
    return this.get(principal, id);
  }

  @Put(':id/roles')
  @Returns(UserView)
  @RequirePermission(Permission.UsersManage)
  async replaceRoles(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SetRolesDto,
  ) {
    await this.setRoles.execute(principal, principal, id, body.roles);
    return this.get(principal, id);
  }

  @Post(':id/password')
  @Returns.nothing()
  @HttpCode(204)
  @RequirePermission(Permission.UsersManage)
  async resetPassword(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SetPasswordDto,
  ): Promise<void> {
    await this.setPassword.execute(principal, id, body.password);
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/service-tokens')
export class ServiceTokensController {
  constructor(
    private readonly serviceTokens: ServiceTokens,
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
    return this.serviceTokens.create(principal, body.name, body.roles, expiresAt);
  }

  @Delete(':id')
  @Returns.nothing()
  @HttpCode(204)
  @RequirePermission(Permission.ServiceTokensManage)
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<void> {
    await this.serviceTokens.revoke(principal, id);
  }
}
