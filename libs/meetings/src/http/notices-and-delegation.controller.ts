import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { Returns } from '@nf/common';
import { DelegationQueries } from '../delegation.queries';
import { ImportDelegationOrder } from '../use-cases/import-delegation-order.use-case';
import { RegisterDelegationDecision } from '../use-cases/register-delegation-decision.use-case';
import { RegisterNotice } from '../use-cases/register-notice.use-case';
import { SettleRemiss } from '../use-cases/settle-remiss.use-case';
import {
  DelegationDecisionQueryDto,
  ImportDelegationOrderDto,
  RegisterDelegationDecisionDto,
  RegisterNoticeDto,
  SettleRemissDto,
} from './dto/meetings.dto';
import {
  DelegationDecisionList,
  DelegationOrderView,
  RegisteredDelegationDecisionView,
  RegisteredNoticeView,
} from './meetings.views';
import { toDecisionView, toNoticeView, toPointView } from './meetings.mappers';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/v1')
export class NoticesAndDelegationController {
  constructor(
    private readonly delegation: DelegationQueries,
    private readonly noticeRegistration: RegisterNotice,
    private readonly orderImport: ImportDelegationOrder,
    private readonly decisionRegistration: RegisterDelegationDecision,
    private readonly remissSettlement: SettleRemiss,
  ) {}

  /** A notice (meddelande) for the organ's next meeting. */
  @Post('notices')
  @Returns(RegisteredNoticeView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.NoticesRegister)
  async registerNotice(@CurrentPrincipal() principal: Principal, @Body() body: RegisterNoticeDto) {
    return toNoticeView(await this.noticeRegistration.execute(principal, body));
  }

  /** A remiss answered (by the decision in a case) or declined; its reminder is then met. */
  @Post('notices/:id/remiss-outcome')
  @Returns(RegisteredNoticeView)
  @HttpCode(200)
  @RequirePermission(Permission.NoticesRegister)
  async settleRemiss(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SettleRemissDto,
  ) {
    const command =
      body.outcome === 'answered'
        ? { outcome: 'answered' as const, caseId: body.caseId! }
        : { outcome: 'declined' as const, reason: body.reason ?? null };
    return toNoticeView(await this.remissSettlement.execute(principal, id, command));
  }

  @Get('organs/:id/delegation-order')
  @Returns(DelegationOrderView)
  @Access('authenticated')
  async order(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return { points: (await this.delegation.order(principal, id)).map(toPointView) };
  }

  /**
   * The organ's delegated decisions, newest first: the secretary's list, where a decision taken
   * outside the order carries its flag and a reported one its appeal period.
   */
  @Get('organs/:id/delegation-decisions')
  @Returns(DelegationDecisionList)
  @RequirePermission(Permission.DelegationRegister)
  async decisions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: DelegationDecisionQueryDto,
  ) {
    const decisions = await this.delegation.decisions(principal, id, {
      flagged: query.flagged === 'true',
    });
    return { decisions: decisions.map(toDecisionView) };
  }

  @Put('organs/:id/delegation-order')
  @Returns(DelegationOrderView)
  @RequirePermission(Permission.MeetingsManage)
  async importOrder(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ImportDelegationOrderDto,
  ) {
    const points = await this.orderImport.execute(principal, id, body.points);
    return { points: points.map(toPointView) };
  }

  /** A decision taken on delegation, reported at the organ's next meeting. */
  @Post('delegation-decisions')
  @Returns(RegisteredDelegationDecisionView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.DelegationRegister)
  async registerDecision(
    @CurrentPrincipal() principal: Principal,
    @Body() body: RegisterDelegationDecisionDto,
  ) {
    return toDecisionView(await this.decisionRegistration.execute(principal, body));
  }
}
