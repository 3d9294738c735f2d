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
import { Type as T } from '@sinclair/typebox';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { Returns, ValidationProblem } from '@nf/common';
import { parseClassificationCsv } from '../classification/classification-file';
import { ClassificationQueries } from '../classification/classification.queries';
import { ImportClassification } from '../classification/import-classification.use-case';
import { toSeriesView } from '../series/dnr-series.entity';
import { CreateDnrSeries } from '../series/create-dnr-series.use-case';
import { DnrSeriesQueries } from '../series/dnr-series.queries';
import { UpdateDnrSeries } from '../series/update-dnr-series.use-case';
import { CreateSeriesDto, ImportClassificationDto, UpdateSeriesDto } from './dto/registry.dto';
import { ClassificationCodeView, ClassificationImportResult, SeriesView } from './registry.views';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1')
export class RegistrySetupController {
  constructor(
    private readonly series: DnrSeriesQueries,
    private readonly seriesCreation: CreateDnrSeries,
    private readonly seriesUpdate: UpdateDnrSeries,
    private readonly classification: ClassificationQueries,
    private readonly classificationImport: ImportClassification,
  ) {}

  @Get('dnr-series')
  @Returns(T.Array(SeriesView))
  @RequirePermission(Permission.CasesRead)
  async listSeries(@CurrentPrincipal() principal: Principal) {
    return (await this.series.list(principal)).map(toSeriesView);
  }

  @Post('dnr-series')
  @Returns(SeriesView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.DnrSeriesManage)
  async createSeries(@CurrentPrincipal() principal: Principal, @Body() body: CreateSeriesDto) {
    return toSeriesView(await this.seriesCreation.execute(principal, body));
  }

  @Patch('dnr-series/:id')
  @Returns(SeriesView)
  @RequirePermission(Permission.DnrSeriesManage)
  async updateSeries(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateSeriesDto,
  ) {
    const { version, ...fields } = body;
    return toSeriesView(await this.seriesUpdate.execute(principal, id, fields, version));
  }

  @Get('classification-codes')
  @Returns(T.Array(ClassificationCodeView))
  @RequirePermission(Permission.CasesRead)
  async listCodes(@CurrentPrincipal() principal: Principal) {
    return (await this.classification.list(principal)).map((code) => ({
      code: code.code,
      title: code.title,
      parentCode: code.parentCode,
      active: code.active,
    }));
  }

  /** Imports the classification structure, as a list or as CSV (`code;title[;parent]`). */
  @Put('classification-codes')
  @Returns(ClassificationImportResult)
  @RequirePermission(Permission.ClassificationManage)
  async importCodes(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ImportClassificationDto,
  ) {
    if ((body.codes === undefined) === (body.csv === undefined)) {
      throw new ValidationProblem([{ field: 'codes', message: 'give either codes or csv' }]);
    }
    return this.classificationImport.execute(
      principal,
      body.codes ?? parseClassificationCsv(body.csv!),
    );
  }
}
