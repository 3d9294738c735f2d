import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { Returns } from '@nf/common';
import { RemitMotion } from '../motions/remit-motion.use-case';
import { RegisterMotion } from '../motions/register-motion.use-case';
import { MotionQueries } from '../motions/motion.queries';
import { MotionListDto, RegisterMotionDto, RemitMotionDto } from './dto/workflow.dto';
import { MotionList, RegisteredMotionView, RemittedMotionView } from './workflow.views';
import { toMotionView, accepted } from './workflow.mappers';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api/v1')
export class MotionsController {
  constructor(
    private readonly motions: MotionQueries,
    private readonly register: RegisterMotion,
    private readonly remit: RemitMotion,
  ) {}

  @Post('motions')
  @Returns(RegisteredMotionView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.CasesRegister)
  async registerMotion(@CurrentPrincipal() principal: Principal, @Body() body: RegisterMotionDto) {
    const { record, motion } = await this.register.execute(principal, principal.userId, body);
    return { ...toMotionView(motion), dnr: record.dnr, title: record.title };
  }

  /** Open motions; `overdueOn` lists those whose year had passed by that day (KF's report). */
  @Get('motions')
  @Returns(MotionList)
  @RequirePermission(Permission.CasesRead)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: MotionListDto) {
    return { motions: (await this.motions.open(principal, query.overdueOn)).map(toMotionView) };
  }

  /** KF's decision to remit the motion to KS starts its route. */
  @Post('motions/:id/remittance')
  @Returns(RemittedMotionView, 202)
  @HttpCode(202)
  @RequirePermission(Permission.OutcomesRecord)
  async remitMotion(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RemitMotionDto,
  ) {
    const { motion, event } = await this.remit.execute(principal, principal, id, body);
    return { motion: toMotionView(motion), event: accepted(event) };
  }
}
