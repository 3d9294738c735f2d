import { Body, Controller, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Returns } from '@nf/common';
import { MembershipView } from './tenancy.views';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { toMembershipView } from '../memberships/membership.entity';
import { UpdateMembership } from '../memberships/update-membership.use-case';
import { AddMembership } from '../memberships/add-membership.use-case';
import { AddMembershipDto, UpdateMembershipDto } from './dto/organisation.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/memberships')
export class MembershipsController {
  constructor(
    private readonly addMembership: AddMembership,
    private readonly updateMembership: UpdateMembership,
  ) {}

  @Post()
  @Returns(MembershipView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.MembershipsManage)
  async add(@CurrentPrincipal() principal: Principal, @Body() body: AddMembershipDto) {
    return toMembershipView(await this.addMembership.execute(principal, principal, body));
  }

  @Patch(':id')
  @Returns(MembershipView)
  @RequirePermission(Permission.MembershipsManage)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateMembershipDto,
  ) {
    const { version, ...fields } = body;
    return toMembershipView(
      await this.updateMembership.execute(principal, principal, {
        id,
        expectedVersion: version,
        ...fields,
      }),
    );
  }
}
