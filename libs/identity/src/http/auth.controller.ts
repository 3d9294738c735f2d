import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Principal } from '@nf/access';
import { Clock, Returns } from '@nf/common';
import type { FastifyRequest as Request } from 'fastify';
import { type AuthenticatedRequest } from '../auth/access.guard';
import { LoginCommand, PasswordLogin } from '../auth/login.use-case';
import { Logout } from '../auth/logout.use-case';
import { RefreshSession } from '../auth/refresh-session.use-case';
import { ChangeOwnPassword } from '../users/change-own-password.use-case';
import { toUserView, Users } from '../users/users';
import { ChangePasswordDto, LoginDto, RefreshDto } from './dto/identity.dto';
import { MeView, SessionView } from './identity.views';

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
