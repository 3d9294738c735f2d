import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '@nf/access';
import { Clock, formatSwedishLongDate, localDate, Returns } from '@nf/common';
import { Municipalities, Organs } from '@nf/tenancy';
import { DataSource, MoreThan } from 'typeorm';
import { Anslag } from '../protocol.entities';
import { AnslagList } from './protocols.views';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The municipality's digital notice board (anslagstavla): adjusted protocols, while appealable. */
@ApiTags('public')
@Controller()
export class AnslagController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly clock: Clock,
  ) {}

  private async current(slug: string) {
    const municipality = await this.municipalities.getBySlug(slug);
    const tenant = { municipalityId: municipality.id };
    const today = localDate(this.clock.now(), municipality.timeZone);
    const rows = await this.dataSource.manager.find(Anslag, {
      where: { municipalityId: municipality.id, removedOn: MoreThan(today) },
      order: { postedOn: 'DESC', id: 'DESC' },
    });
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

  /** The notice board as a page of its own, in Swedish. */
  @Get('anslagstavla/:municipality')
  @Returns.page('text/html')
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async page(@Param('municipality') slug: string): Promise<string> {
    const { municipality, notices } = await this.current(slug);
    const items = notices
      .map(
        (notice) => `<article>
  <h2>${escape(notice.organ)}, sammanträde ${escape(formatSwedishLongDate(notice.meetingDate))}</h2>
  <p>Bevis om anslag: protokollet (${escape(notice.paragraphs)}) är justerat den ${escape(notice.adjustedOn)}.</p>${
    notice.delegationDecisions > 0
      ? `\n  <p>I protokollet anmäls ${notice.delegationDecisions} ${notice.delegationDecisions === 1 ? 'beslut fattat' : 'beslut fattade'} på delegation. Tiden för att överklaga dem räknas från samma dag som för protokollets egna beslut.</p>`
      : ''
  }
  <dl>
    <dt>Anslaget sätts upp</dt><dd>${escape(notice.postedOn)}</dd>
    <dt>Sista dag att överklaga</dt><dd>${escape(notice.appealEndsOn)}</dd>
    <dt>Anslaget tas ned</dt><dd>${escape(notice.removedOn)}</dd>
  </dl>
</article>`,
      )
      .join('\n');
    return `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Anslagstavla – ${escape(municipality.name)}</title></head>
<body>
<h1>Anslagstavla – ${escape(municipality.name)}</h1>
${items || '<p>Inga protokoll är anslagna just nu.</p>'}
</body>
</html>
`;
  }
}
