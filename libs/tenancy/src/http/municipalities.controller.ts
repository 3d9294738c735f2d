import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Returns } from '@nf/common';
import { Static, Type as T } from '@sinclair/typebox';
import { MunicipalityView } from './tenancy.views';
import { Access } from '@nf/access';
import { toMunicipalityView } from '../municipality.entity';
import { Municipalities } from '../municipalities';
import {
  CreateMunicipality,
  CreateMunicipalityCommand,
} from '../use-cases/create-municipality.use-case';
import { CreateMunicipalityDto } from './dto/create-municipality.dto';

@ApiTags('municipalities')
@Controller('api/v1/municipalities')
export class MunicipalitiesController {
  constructor(
    private readonly municipalities: Municipalities,
    private readonly createMunicipality: CreateMunicipality,
  ) {}

  @Get()
  @Returns(T.Array(MunicipalityView))
  @Access('public')
  async list(): Promise<Static<typeof MunicipalityView>[]> {
    return (await this.municipalities.list()).map(toMunicipalityView);
  }

  @Get(':slug')
  @Returns(MunicipalityView)
  @Access('public')
  async get(@Param('slug') slug: string): Promise<Static<typeof MunicipalityView>> {
    return toMunicipalityView(await this.municipalities.getBySlug(slug));
  }

  @Post()
  @Returns(MunicipalityView, 201)
  @HttpCode(201)
  @Access('operator')
  @ApiBearerAuth()
  async create(@Body() body: CreateMunicipalityDto): Promise<Static<typeof MunicipalityView>> {
    const municipality = await this.createMunicipality.execute(
      new CreateMunicipalityCommand(body.slug, body.name, body.timeZone),
    );
    return toMunicipalityView(municipality);
  }
}
