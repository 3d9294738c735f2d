import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { attachment, Returns } from '@nf/common';
import { DOCX, PDF } from '@nf/documents';
import { PlanDocuments } from '../plan-documents';
import { Type as T } from '@sinclair/typebox';
import { parseEconomyCsv } from '../economy-csv';
import { FigureQueries } from '../figure.queries';
import { type TableKind } from '../plan.entities';
import { PlanQueries } from '../plan.queries';
import { CreatePlan } from '../use-cases/create-plan.use-case';
import { DefineIndicator } from '../use-cases/define-indicator.use-case';
import { EnterEconomyFigures } from '../use-cases/enter-economy-figures.use-case';
import { EnterIndicatorValues } from '../use-cases/enter-indicator-values.use-case';
import { ImportKoladaOutcomes } from '../use-cases/import-kolada-outcomes.use-case';
import { RevisePlan } from '../use-cases/revise-plan.use-case';
import { UpdatePlan } from '../use-cases/update-plan.use-case';
import {
  CreatePlanDto,
  CsvImportDto,
  DefineIndicatorDto,
  EconomyTableQuery,
  EnterEconomyDto,
  EnterIndicatorValuesDto,
  PlanDocumentQuery,
  PlansQuery,
  UpdatePlanDto,
} from './plans.dto';
import {
  EconomyEntryResultView,
  EconomyTableView,
  EntryResultView,
  ImportResultView,
  IndicatorView,
  PlanView,
} from './plans.views';
import { ParseTableKindPipe } from './table-kind.pipe';

/**
 * The verksamhetsplan and its figures: plans drafted, changed and revised (adopted when the
 * board's decision is adjusted), the board's indicators and their outcomes (by hand or from a
 * Kolada export), and the economic tables (by hand or from a file).
 */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('api/v1')
export class PlansController {
  constructor(
    private readonly plans: PlanQueries,
    private readonly documents: PlanDocuments,
    private readonly figures: FigureQueries,
    private readonly createPlan: CreatePlan,
    private readonly updatePlan: UpdatePlan,
    private readonly revisePlan: RevisePlan,
    private readonly defineIndicator: DefineIndicator,
    private readonly enterIndicatorValues: EnterIndicatorValues,
    private readonly importKolada: ImportKoladaOutcomes,
    private readonly enterEconomy: EnterEconomyFigures,
  ) {}

  @Post('plans')
  @Returns(PlanView, 201)
  @RequirePermission(Permission.FollowupsManage)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreatePlanDto) {
    const { organId, firstYear, lastYear, title, ...content } = body;
    return this.createPlan.execute(principal, {
      organId,
      firstYear,
      lastYear,
      title,
      content: {
        sections: content.sections ?? [],
        areas: content.areas ?? [],
        goals: content.goals ?? [],
        assignments: content.assignments ?? [],
      } as never,
    });
  }

  @Get('plans')
  @Returns(T.Array(PlanView))
  @RequirePermission(Permission.FollowupsManage)
  list(@CurrentPrincipal() principal: Principal, @Query() query: PlansQuery) {
    return this.plans.list(principal, query.organId);
  }

  @Get('plans/:id')
  @Returns(PlanView)
  @RequirePermission(Permission.FollowupsManage)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return this.plans.get(principal, id);
  }

  /** The plan as a PDF (with its tables and charts) or a DOCX, in the structure of Luleå's plans. */
  @Get('plans/:id/document')
  @Returns.file(PDF, DOCX)
  @RequirePermission(Permission.FollowupsManage)
  @Header('Cache-Control', 'private, no-store')
  async document(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: PlanDocumentQuery,
  ): Promise<StreamableFile> {
    const file = await this.documents.render(principal, id, query.format ?? 'pdf');
    return attachment(file.data, file);
  }

  @Put('plans/:id')
  @Returns(PlanView)
  @RequirePermission(Permission.FollowupsManage)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdatePlanDto,
  ) {
    return this.updatePlan.execute(principal, id, body as never);
  }

  /** A new version of an adopted plan, for the board to decide. */
  @Post('plans/:id/revisions')
  @Returns(PlanView, 201)
  @RequirePermission(Permission.FollowupsManage)
  revise(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return this.revisePlan.execute(principal, id);
  }

  @Get('organs/:id/indicators')
  @Returns(T.Array(IndicatorView))
  @RequirePermission(Permission.FollowupsManage)
  indicators(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) organId: number) {
    return this.figures.indicators(principal, organId);
  }

  @Post('organs/:id/indicators')
  @Returns(IndicatorView, 201)
  @RequirePermission(Permission.FollowupsManage)
  async addIndicator(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) organId: number,
    @Body() body: DefineIndicatorDto,
  ) {
    const id = await this.defineIndicator.execute(principal, organId, body);
    return (await this.figures.indicators(principal, organId, [id]))[0];
  }

  /** Outcomes entered by hand; a value of null removes one. */
  @Put('indicators/:id/values')
  @Returns(EntryResultView)
  @RequirePermission(Permission.FollowupsManage)
  enterValues(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: EnterIndicatorValuesDto,
  ) {
    return this.enterIndicatorValues.execute(principal, id, body.values);
  }

  /** Outcomes from a Kolada export (kpi, municipality, period, gender, value): all or nothing. */
  @Post('organs/:id/indicator-values/import')
  @Returns(ImportResultView)
  @HttpCode(200)
  @RequirePermission(Permission.FollowupsManage)
  importValues(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) organId: number,
    @Body() body: CsvImportDto,
  ) {
    return this.importKolada.execute(principal, organId, body.csv);
  }

  /** One of the board's tables (drift, investering, personal) for a year and period, summed. */
  @Get('organs/:id/economy/:table')
  @Returns(EconomyTableView)
  @RequirePermission(Permission.FollowupsManage)
  table(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) organId: number,
    @Param('table', ParseTableKindPipe) table: TableKind,
    @Query() query: EconomyTableQuery,
  ) {
    return this.figures.table(principal, organId, table, query.year, query.period ?? 'Y');
  }

  @Put('organs/:id/economy')
  @Returns(EconomyEntryResultView)
  @RequirePermission(Permission.FollowupsManage)
  enterFigures(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) organId: number,
    @Body() body: EnterEconomyDto,
  ) {
    return this.enterEconomy.execute(principal, organId, body);
  }

  /** Economic figures from a file (table;code;name;parent;year;period;measure;value). */
  @Post('organs/:id/economy/import')
  @Returns(EconomyEntryResultView)
  @HttpCode(200)
  @RequirePermission(Permission.FollowupsManage)
  importFigures(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) organId: number,
    @Body() body: CsvImportDto,
  ) {
    return this.enterEconomy.execute(principal, organId, parseEconomyCsv(body.csv), 'csv');
  }
}
