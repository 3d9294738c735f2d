import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Put,
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
import { Clock, Returns } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import { SetUserPassword } from '../users/set-user-password.use-case';
import { SetUserRoles } from '../users/set-user-roles.use-case';
import { UpdateUser } from '../users/update-user.use-case';
import { CreateUser } from '../users/create-user.use-case';
import { toUserView, Users } from '../users/users';
import { CreateUserDto, SetPasswordDto, SetRolesDto, UpdateUserDto } from './dto/identity.dto';
import { DirectoryEntryView, UserView } from './identity.views';

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
        personId: user.personId,
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
