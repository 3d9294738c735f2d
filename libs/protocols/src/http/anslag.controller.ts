import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '@nf/access';
import { Clock, localDate, Returns } from '@nf/common';
import { Municipalities, Organs } from '@nf/tenancy';
import { ProtocolQueries } from '../protocol.queries';
import { AnslagList } from './protocols.views';

/**
 * The municipality's digital notice board (anslagstavla) as JSON: adjusted protocols, while
 * appealable. The page residents read is the portal's (`/anslagstavla/<kommun>`).
 */
@ApiTags('public')
@Controller()
export class AnslagController {
  constructor(
    private readonly queries: ProtocolQueries,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly clock: Clock,
  ) {}

  private async current(slug: string) {
    const municipality = await this.municipalities.getBySlug(slug);
    const tenant = { municipalityId: municipality.id };
    const today = localDate(this.clock.now(), municipality.timeZone);
    const rows = await this.queries.currentAnslag(tenant, today);
    const organs = new Map((await this.organs.list(tenant)).map((organ) => [organ.id, organ]));
    return {
      municipality,
      notices: rows.map((row) => ({
        protocolId: row.protocolId,
        organ: organs.get(row.organId)?.name ?? '',
        meetingDate: row.meetingDate,
        paragraphs: row.paragraphs,
        delegationDecisions: row.delegationDecisions,
        adjustedOn: row.adjustedOn,
        postedOn: row.postedOn,
        appealEndsOn: row.appealEndsOn,
        removedOn: row.removedOn,
      })),
    };
  }

  @Get('api/v1/public/:municipality/anslag')
  @Returns(AnslagList)
  @Access('public')
  async list(@Param('municipality') slug: string) {
    return { notices: (await this.current(slug)).notices };
  }
}
