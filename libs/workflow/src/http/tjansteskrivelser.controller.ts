import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { NotFoundProblem, Returns } from '@nf/common';
import { canSeeSecret, CaseQueries } from '@nf/registry';
import { SubmitTjansteskrivelse } from '../tjansteskrivelser/submit-tjansteskrivelse.use-case';
import { UpdateTjansteskrivelse } from '../tjansteskrivelser/update-tjansteskrivelse.use-case';
import { CreateTjansteskrivelse } from '../tjansteskrivelser/create-tjansteskrivelse.use-case';
import { Tjansteskrivelser } from '../tjansteskrivelser/tjansteskrivelser';
import {
  CreateTjansteskrivelseDto,
  SubmitTjansteskrivelseDto,
  UpdateTjansteskrivelseDto,
} from './dto/workflow.dto';
import { TjansteskrivelseList, TjansteskrivelseView } from './workflow.views';
import { toTjansteskrivelseView } from './workflow.mappers';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api/v1')
export class TjansteskrivelserController {
  constructor(
    private readonly tjansteskrivelser: Tjansteskrivelser,
    private readonly create: CreateTjansteskrivelse,
    private readonly update: UpdateTjansteskrivelse,
    private readonly submit: SubmitTjansteskrivelse,
    private readonly cases: CaseQueries,
  ) {}

  @Post('cases/:id/tjansteskrivelser')
  @Returns(TjansteskrivelseView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.TjansteskrivelserWrite)
  async createDraft(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CreateTjansteskrivelseDto,
  ) {
    return toTjansteskrivelseView(await this.create.execute(principal, id, body));
  }

  /** The case's tjänsteskrivelser; drafts are shown to their author only. */
  @Get('cases/:id/tjansteskrivelser')
  @Returns(TjansteskrivelseList)
  @RequirePermission(Permission.CasesRead)
  async list(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    const record = await this.cases.get(principal, id);
    if (record.secrecyOsl && !canSeeSecret(principal, record)) return { tjansteskrivelser: [] };
    const versions = await this.tjansteskrivelser.forCase(principal, id);
    return {
      tjansteskrivelser: versions
        .filter(
          (version) => version.status !== 'draft' || version.authorUserId === principal.userId,
        )
        .map(toTjansteskrivelseView),
    };
  }

  /** One tjänsteskrivelse; a draft is shown to its author only, a secret case's to those who may. */
  @Get('tjansteskrivelser/:id')
  @Returns(TjansteskrivelseView)
  @RequirePermission(Permission.CasesRead)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    const version = await this.tjansteskrivelser.repository.getById(principal, id);
    const record = await this.cases.get(principal, version.caseId);
    const hidden =
      (record.secrecyOsl !== null && !canSeeSecret(principal, record)) ||
      (version.status === 'draft' && version.authorUserId !== principal.userId);
    if (hidden) throw new NotFoundProblem('tjänsteskrivelse', id);
    return toTjansteskrivelseView(version);
  }

  @Patch('tjansteskrivelser/:id')
  @Returns(TjansteskrivelseView)
  @RequirePermission(Permission.TjansteskrivelserWrite)
  async edit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateTjansteskrivelseDto,
  ) {
    const { version, ...fields } = body;
    return toTjansteskrivelseView(await this.update.execute(principal, id, fields, version));
  }

  @Post('tjansteskrivelser/:id/submit')
  @Returns(TjansteskrivelseView)
  @HttpCode(200)
  @RequirePermission(Permission.TjansteskrivelserWrite)
  async submitDraft(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SubmitTjansteskrivelseDto,
  ) {
    return toTjansteskrivelseView(await this.submit.execute(principal, id, body.version));
  }
}
