import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Returns } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import { PersonView } from './tenancy.views';
import { Access, CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { People } from '../people/people';
import { UpdatePerson } from '../people/update-person.use-case';
import { CreatePerson } from '../people/create-person.use-case';
import { toPersonView } from '../people/person.entity';
import { CreatePersonDto, UpdatePersonDto } from './dto/organisation.dto';

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
