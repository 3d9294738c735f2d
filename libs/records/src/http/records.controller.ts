import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { NotFoundProblem, Returns } from '@nf/common';
import { Users } from '@nf/identity';
import {
  canSeeSecret,
  CaseQueries,
  DocumentQueries,
  SECRET_DOCUMENT_DESCRIPTION,
  titleFor,
} from '@nf/registry';
import { GallringLists } from '../gallring/gallring-lists';
import { RecordHolds } from '../holds/record-holds';
import { GallringList, RecordHold, RetentionRule } from '../records.entities';
import { PlanInForce, RetentionPlans } from '../retention/retention-plans';
import { describeRetention } from '../retention/retention-rules';
import { AdoptRetentionPlanDto, ApproveGallringDto, PlaceHoldDto, VersionDto } from './records.dto';
import {
  ClosingSuggestions,
  DrawnGallringList,
  GallringListDetail,
  GallringListPage,
  HoldList,
  HoldView,
  RetentionPlanVersions,
  RetentionPlanView,
} from './records.views';

function ruleView(rule: RetentionRule) {
  return {
    id: rule.id,
    position: rule.position,
    classificationCode: rule.classificationCode,
    documentType: rule.documentType as never,
    description: rule.description,
    action: rule.action,
    afterMonths: rule.afterMonths,
    countedFrom: rule.countedFrom,
    fixedDate: rule.fixedDate,
    keep: rule.keep,
    legalBasis: rule.legalBasis,
    retention: describeRetention(rule),
  };
}

function planView({ plan, rules }: PlanInForce) {
  return {
    id: plan.id,
    version: plan.version,
    decision: plan.decision,
    validFrom: plan.validFrom,
    createdAt: plan.createdAt.toISOString(),
    rules: rules.map(ruleView),
  };
}

function holdView(hold: RecordHold) {
  return {
    id: hold.id,
    caseId: hold.caseId,
    reason: hold.reason,
    note: hold.note,
    placedAt: hold.placedAt.toISOString(),
    liftedAt: hold.liftedAt?.toISOString() ?? null,
    version: hold.version,
  };
}

/**
 * Records kept right: the dokumenthanteringsplan, holds on cases, and gallringslistor approved by
 * the registrator (their executed items are the gallringsprotokoll).
 */
@ApiTags('records')
@ApiBearerAuth()
@Controller('api/v1')
export class RecordsController {
  constructor(
    private readonly plans: RetentionPlans,
    private readonly holds: RecordHolds,
    private readonly gallring: GallringLists,
    private readonly cases: CaseQueries,
    private readonly documents: DocumentQueries,
    private readonly users: Users,
  ) {}

  /**
   * Cases to close: decided, with the decision expedited (a protokollsutdrag registered since).
   * The registrator closes each (`POST /cases/:id/close`) once nothing more is to be done.
   */
  @Get('closing-suggestions')
  @Returns(ClosingSuggestions)
  @RequirePermission(Permission.RecordsManage)
  async closingSuggestions(@CurrentPrincipal() principal: Principal) {
    const suggested = await this.cases.closingSuggestions(principal, 200);
    return {
      cases: suggested.map(({ record, expeditedAt }) => ({
        caseId: record.id,
        dnr: record.dnr,
        title: titleFor(record, canSeeSecret(principal, record)),
        decidedAt: record.decidedAt?.toISOString() ?? null,
        expeditedAt: new Date(expeditedAt).toISOString(),
        version: record.version,
      })),
    };
  }

  /** The dokumenthanteringsplan in force. */
  @Get('retention-plan')
  @Returns(RetentionPlanView)
  @RequirePermission(Permission.CasesRead)
  async plan(@CurrentPrincipal() principal: Principal) {
    const inForce = await this.plans.inForce(principal);
    if (!inForce) throw new NotFoundProblem('dokumenthanteringsplan');
    return planView(inForce);
  }

  @Get('retention-plan/versions')
  @Returns(RetentionPlanVersions)
  @RequirePermission(Permission.CasesRead)
  async versions(@CurrentPrincipal() principal: Principal) {
    return {
      versions: (await this.plans.versions(principal)).map((plan) => ({
        id: plan.id,
        version: plan.version,
        decision: plan.decision,
        validFrom: plan.validFrom,
        createdAt: plan.createdAt.toISOString(),
      })),
    };
  }

  @Get('retention-plan/versions/:version')
  @Returns(RetentionPlanView)
  @RequirePermission(Permission.CasesRead)
  async version(
    @CurrentPrincipal() principal: Principal,
    @Param('version', ParseIntPipe) version: number,
  ) {
    const found = await this.plans.version(principal, version);
    if (!found) throw new NotFoundProblem('dokumenthanteringsplan version', version);
    return planView(found);
  }

  /** Adopts a new version of the plan (the whole plan, as decided). */
  @Post('retention-plan')
  @Returns(RetentionPlanView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.RecordsManage)
  async adopt(@CurrentPrincipal() principal: Principal, @Body() body: AdoptRetentionPlanDto) {
    return planView(await this.plans.adopt(principal, principal.userId, body));
  }

  @Get('cases/:id/holds')
  @Returns(HoldList)
  @RequirePermission(Permission.CasesRead)
  async caseHolds(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    await this.cases.get(principal, id);
    return { holds: (await this.holds.forCase(principal, id)).map(holdView) };
  }

  /** Stops gallring of the case (a dispute, an open request) until the hold is lifted. */
  @Post('cases/:id/holds')
  @Returns(HoldView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.RecordsManage)
  async placeHold(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: PlaceHoldDto,
  ) {
    return holdView(await this.holds.place(principal, principal.userId, { caseId: id, ...body }));
  }

  @Post('record-holds/:id/lift')
  @Returns(HoldView)
  @HttpCode(200)
  @RequirePermission(Permission.RecordsManage)
  async liftHold(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: VersionDto,
  ) {
    return holdView(await this.holds.lift(principal, principal.userId, id, body.version));
  }

  @Get('gallring-lists')
  @Returns(GallringListPage)
  @RequirePermission(Permission.RecordsManage)
  async lists(@CurrentPrincipal() principal: Principal) {
    const lists = await this.gallring.list(principal);
    return { lists: await this.listViews(principal, lists) };
  }

  /** Draws what is due now into the open list (as the night's sweep does); nothing is weeded. */
  @Post('gallring-lists')
  @Returns(DrawnGallringList)
  @HttpCode(200)
  @RequirePermission(Permission.RecordsManage)
  async draw(@CurrentPrincipal() principal: Principal) {
    const list = await this.gallring.draw(principal);
    return { list: list ? (await this.listViews(principal, [list]))[0]! : null };
  }

  /** A list with its items; once executed, the gallringsprotokoll. */
  @Get('gallring-lists/:id')
  @Returns(GallringListDetail)
  @RequirePermission(Permission.RecordsManage)
  async list(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return this.detail(principal, id);
  }

  @Post('gallring-lists/:id/approve')
  @Returns(GallringListDetail)
  @HttpCode(200)
  @RequirePermission(Permission.RecordsManage)
  async approve(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ApproveGallringDto,
  ) {
    await this.gallring.approve(principal, principal.userId, id, body);
    return this.detail(principal, id);
  }

  @Post('gallring-lists/:id/reject')
  @Returns(GallringListDetail)
  @HttpCode(200)
  @RequirePermission(Permission.RecordsManage)
  async reject(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: VersionDto,
  ) {
    await this.gallring.reject(principal, principal.userId, id, body);
    return this.detail(principal, id);
  }

  private async listViews(principal: Principal, lists: GallringList[]) {
    const counts = await this.gallring.counts(
      principal,
      lists.map((list) => list.id),
    );
    const versions = new Map(
      (await this.plans.versions(principal)).map((plan) => [plan.id, plan.version]),
    );
    const deciders = new Map<number, string>();
    for (const id of new Set(lists.flatMap((list) => list.decidedBy ?? []))) {
      deciders.set(id, (await this.users.get(principal, id)).user.displayName);
    }
    return lists.map((list) => ({
      id: list.id,
      status: list.status,
      planVersion: versions.get(list.planId) ?? 0,
      drawnOn: list.drawnOn,
      createdAt: list.createdAt.toISOString(),
      decidedBy: list.decidedBy === null ? null : (deciders.get(list.decidedBy) ?? null),
      decidedAt: list.decidedAt?.toISOString() ?? null,
      executedAt: list.executedAt?.toISOString() ?? null,
      counts: counts.get(list.id)!,
      version: list.version,
    }));
  }

  private async detail(principal: Principal, id: number) {
    const { list, items } = await this.gallring.get(principal, id);
    const [view] = await this.listViews(principal, [list]);
    const [cases, documents, rules] = await Promise.all([
      this.cases.byIds(
        principal,
        items.map((item) => item.caseId),
      ),
      this.documents.byIds(
        principal,
        items.map((item) => item.documentId),
      ),
      this.plans.rulesByIds(
        principal,
        items.map((item) => item.ruleId),
      ),
    ]);
    const documentsById = new Map(documents.map((document) => [document.id, document]));
    return {
      ...view!,
      items: items.map((item) => {
        const record = cases.get(item.caseId)!;
        const document = documentsById.get(item.documentId)!;
        const rule = rules.get(item.ruleId)!;
        const sees = canSeeSecret(principal, record);
        const hidden = !sees && (record.secrecyOsl !== null || document.secrecyOsl !== null);
        return {
          id: item.id,
          caseId: item.caseId,
          dnr: record.dnr,
          caseTitle: titleFor(record, sees),
          documentId: item.documentId,
          documentOrdinal: document.ordinal,
          documentType: document.type,
          documentDescription: hidden ? SECRET_DOCUMENT_DESCRIPTION : document.description,
          classificationCode: rule.classificationCode,
          rule: rule.description,
          retention: describeRetention(rule),
          legalBasis: rule.legalBasis,
          dueOn: item.dueOn,
          status: item.status,
          outcome: item.outcome,
          filesRemoved: item.filesRemoved,
          weededAt: item.weededAt?.toISOString() ?? null,
        };
      }),
    };
  }
}
