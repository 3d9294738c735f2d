import { Injectable } from '@nestjs/common';
import { Tenant, zonedDateTimeToInstant } from '@nf/common';
import { CreateDnrSeries, ImportClassification, ImportCase, RegisterDocument } from '@nf/registry';
import { KalixFixture } from './demo-fixture';

/** Titles of the codes the Kalix documents use; the sources name only 00, 04 and 14. */
const CLASSIFICATION = [
  { code: '00', title: 'Allmänt' },
  { code: '04', title: 'Ekonomi' },
  { code: '10', title: 'Klass 10 (titel saknas i källan)' },
  { code: '101', title: 'Klass 101 (titel saknas i källan)', parentCode: '10' },
  { code: '102', title: 'Klass 102 (titel saknas i källan)', parentCode: '10' },
  { code: '103', title: 'Klass 103 (titel saknas i källan)', parentCode: '10' },
  { code: '14', title: 'Näringsliv' },
];

const MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** "… den 14 november 2023." → 2023-11-14, or undefined. */
export function dateInSwedishText(text: string): string | undefined {
  const match =
    /(\d{1,2}) (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) (\d{4})/.exec(
      text,
    );
  if (!match) return undefined;
  return `${match[3]}-${String(MONTHS.indexOf(match[2]) + 1).padStart(2, '0')}-${match[1].padStart(2, '0')}`;
}

/**
 * The registry part of the demo: the Kalix series, classification codes, every case of the
 * 11 December 2023 meeting with its historical number, and the tjänsteskrivelser and basis
 * documents the fixture names. Where the fixture gives no registration date, 1 January of the
 * number's year stands in.
 */
@Injectable()
export class DemoRegistry {
  constructor(
    private readonly createSeries: CreateDnrSeries,
    private readonly classificationImport: ImportClassification,
    private readonly importCase: ImportCase,
    private readonly registerDocument: RegisterDocument,
  ) {}

  async seed(
    tenant: Tenant,
    fixture: KalixFixture,
    ids: { organs: Map<string, number>; users: Map<string, number> },
  ): Promise<Map<string, number>> {
    await this.createSeries.execute(tenant, {
      code: 'KS',
      name: 'Kommunstyrelsens diarium',
      format: fixture.municipality.dnrFormat,
      isDefault: true,
    });
    await this.classificationImport.execute(tenant, CLASSIFICATION);

    const ks = ids.organs.get('KS')!;
    const economist = ids.users.get('handlaggare');
    const caseIds = new Map<string, number>();
    const importOne = async (dnr: string, title: string, code: string | null, date?: string) => {
      if (caseIds.has(dnr)) return;
      const day = date ?? `${dnr.slice(0, 4)}-01-01`;
      const record = await this.importCase.execute(tenant, null, {
        dnr,
        title,
        classificationCode: code,
        organId: ks,
        responsibleUserId: code === '04' ? economist : null,
        registeredAt: zonedDateTimeToInstant(day, '12:00'),
      });
      caseIds.set(dnr, record.id);
    };

    for (const item of fixture.meeting.agenda as Array<{
      dnr?: string;
      title: string;
      class?: string;
    }>) {
      if (item.dnr) await importOne(item.dnr, item.title, item.class ?? null);
    }
    const notices = fixture.notices as {
      items: Array<{ dnr: string; from: string; date: string; text: string }>;
    };
    for (const notice of notices.items) {
      await importOne(notice.dnr, notice.text.slice(0, 500), null, notice.date);
      await this.registerDocument.execute(tenant, null, {
        caseId: caseIds.get(notice.dnr)!,
        direction: 'inkommande',
        date: notice.date,
        senderRecipient: notice.from,
        description: notice.text.slice(0, 1000),
        type: 'skrivelse',
      });
    }

    const writings = fixture.tjansteskrivelser as Array<{
      dnr: string;
      title: string;
      author: string;
      authorTitle: string;
      date?: string;
    }>;
    for (const writing of writings) {
      await this.registerDocument.execute(tenant, null, {
        caseId: caseIds.get(writing.dnr)!,
        direction: 'upprattad',
        date: writing.date ?? `${writing.dnr.slice(0, 4)}-01-01`,
        senderRecipient: `${writing.author}, ${writing.authorTitle.toLowerCase()}`,
        description: `Tjänsteskrivelse: ${writing.title}`,
        type: 'tjansteskrivelse',
      });
    }
    const paragraphs = fixture.ksapuParagraphs as {
      items: Array<{ dnr: string; basis?: string[] }>;
    };
    for (const paragraph of paragraphs.items) {
      for (const basis of paragraph.basis ?? []) {
        await this.registerDocument.execute(tenant, null, {
          caseId: caseIds.get(paragraph.dnr)!,
          direction: 'upprattad',
          date: dateInSwedishText(basis) ?? `${paragraph.dnr.slice(0, 4)}-01-01`,
          description: basis.slice(0, 1000),
          type: /tjänsteskrivelse/i.test(basis) ? 'tjansteskrivelse' : 'beslutsunderlag',
        });
      }
    }
    return caseIds;
  }
}
