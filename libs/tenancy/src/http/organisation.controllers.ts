import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Returns } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import { MembershipView, MunicipalityView, OrganView, PersonView } from './tenancy.views';
import { Access, CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { toMembershipView } from '../memberships/membership.entity';
import { AddMembership, UpdateMembership } from '../memberships/membership-commands';
import { Memberships } from '../memberships/memberships';
import { Municipalities } from '../municipalities';
import { toMunicipalityView } from '../municipality.entity';
import { CreateOrgan, UpdateOrgan } from '../organs/organ-commands';
import { toOrganView } from '../organs/organ.entity';
import { Organs } from '../organs/organs';
import { People } from '../people/people';
import { CreatePerson, UpdatePerson } from '../people/person-commands';
import { toPersonView } from '../people/person.entity';
import { UpdateMunicipalitySettings } from '../settings/update-municipality-settings.use-case';
import {
  AddMembershipDto,
  CreateOrganDto,
  CreatePersonDto,
  UpdateMembershipDto,
  UpdateMunicipalitySettingsDto,
  UpdateOrganDto,
  UpdatePersonDto,
} from './dto/organisation.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/municipality')
export class MunicipalitySettingsController {
  constructor(
    private readonly municipalities: Municipalities,
    private readonly updateSettings: UpdateMunicipalitySettings,
  ) {}

  @Get()
  @Returns(MunicipalityView)
  @Access('authenticated')
  async get(@CurrentPrincipal() principal: Principal) {
    return { ...toMunicipalityView(await this.municipalities.getById(principal.municipalityId)) };
  }

  @Patch()
  @Returns(MunicipalityView)
  @RequirePermission(Permission.SettingsManage)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateMunicipalitySettingsDto,
  ) {
    const { version, ...settings } = body;
    return toMunicipalityView(await this.updateSettings.execute(principal, settings, version));
  }
}

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

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/people')
export class PeopleController {
  constructor(
    private readonly people: People,
    private readonly createPerson: CreatePerson,
    private readonly updatePerson: UpdatePerson,
  ) {}

  @Get()
  @Returns(T.Array(PersonView))
  @Access('authenticated')
  async list(@CurrentPrincipal() principal: Principal) {
    return (await this.people.list(principal)).map(toPersonView);
  }

  @Get(':id')
  @Returns(PersonView)
  @Access('authenticated')
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return toPersonView(await this.people.get(principal, id));
  }

  @Post()
  @Returns(PersonView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.PeopleManage)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreatePersonDto) {
    return toPersonView(await this.createPerson.execute(principal, body));
  }

  @Patch(':id')
  @Returns(PersonView)
  @RequirePermission(Permission.PeopleManage)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdatePersonDto,
  ) {
    const { version, ...fields } = body;
    return toPersonView(await this.updatePerson.execute(principal, id, fields, version));
  }
}

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
