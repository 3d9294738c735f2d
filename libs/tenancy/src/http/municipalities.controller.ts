import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '@nf/access';
import { toMunicipalityView } from '../municipality.entity';
import { Municipalities } from '../municipalities';
import {
  CreateMunicipality,
  CreateMunicipalityCommand,
} from '../use-cases/create-municipality.use-case';
import { CreateMunicipalityDto, MunicipalityDto } from './dto/create-municipality.dto';

@ApiTags('municipalities')
@Controller('api/v1/municipalities')
export class MunicipalitiesController {
  constructor(
    private readonly municipalities: Municipalities,
    private readonly createMunicipality: CreateMunicipality,
  ) {}

  @Get()
  @Access('public')
  @ApiOkResponse({ type: [MunicipalityDto] })
  async list(): Promise<MunicipalityDto[]> {
    return (await this.municipalities.list()).map(toMunicipalityView);
  }

  @Get(':slug')
  @Access('public')
  @ApiOkResponse({ type: MunicipalityDto })
  async get(@Param('slug') slug: string): Promise<MunicipalityDto> {
    return toMunicipalityView(await this.municipalities.getBySlug(slug));
  }

  @Post()
  @HttpCode(201)
  @Access('operator')
  @ApiBearerAuth()
  async create(@Body() body: CreateMunicipalityDto): Promise<MunicipalityDto> {
    const municipality = await this.createMunicipality.execute(
      new CreateMunicipalityCommand(body.slug, body.name, body.timeZone),
    );
    return toMunicipalityView(municipality);
  }
}
