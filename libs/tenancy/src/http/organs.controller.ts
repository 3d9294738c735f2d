import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Returns } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import { MembershipView, OrganView } from './tenancy.views';
import { Access, CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { toMembershipView } from '../memberships/membership.entity';
import { Memberships } from '../memberships/memberships';
import { UpdateOrgan } from '../organs/update-organ.use-case';
import { CreateOrgan } from '../organs/create-organ.use-case';
import { toOrganView } from '../organs/organ.entity';
import { Organs } from '../organs/organs';
import { CreateOrganDto, UpdateOrganDto } from './dto/organisation.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/organs')
export class OrgansController {
  constructor(
    private readonly organs: Organs,
    private readonly memberships: Memberships,
    private readonly createOrgan: CreateOrgan,
    private readonly updateOrgan: UpdateOrgan,
  ) {}

  @Get()
  @Returns(T.Array(OrganView))
  @Access('authenticated')
  async list(@CurrentPrincipal() principal: Principal) {
    return (await this.organs.list(principal)).map(toOrganView);
  }

  @Get(':id')
  @Returns(OrganView)
  @Access('authenticated')
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return toOrganView(await this.organs.get(principal, id));
  }

  @Get(':id/memberships')
  @Returns(T.Array(MembershipView))
  @Access('authenticated')
  async listMemberships(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
  ) {
    await this.organs.get(principal, id);
    return (await this.memberships.listForOrgan(principal, id)).map(toMembershipView);
  }

  @Post()
  @Returns(OrganView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.OrgansManage)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateOrganDto) {
    return toOrganView(await this.createOrgan.execute(principal, body));
  }

  @Patch(':id')
  @Returns(OrganView)
  @RequirePermission(Permission.OrgansManage)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateOrganDto,
  ) {
    const { version, ...fields } = body;
    return toOrganView(
      await this.updateOrgan.execute(principal, { id, expectedVersion: version, ...fields }),
    );
  }
}
