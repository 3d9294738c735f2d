import { Injectable } from '@nestjs/common';
import { Tenant } from '@nf/common';
import { AnnualFollowups, CreateObligation } from '@nf/followups';

const YEARLY_IN_FEBRUARY = 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1';

/**
 * The demo's follow-ups: the two Kalix decisions whose reports recur ("Nästa uppföljning sker
 * februari 2025, därefter sker uppföljning årligen i februari månad"), and the annual follow-up
 * (årsuppföljning) each board reports to KS in February, opened at the turn of the year; and
 * KS's monthly and interim reports.
 */
@Injectable()
export class DemoFollowups {
  constructor(
    private readonly createObligation: CreateObligation,
    private readonly annual: AnnualFollowups,
  ) {}

  async seed(
    tenant: Tenant,
    caseIds: Map<string, number>,
    organs: Map<string, number>,
    userIds: Map<string, number>,
    organNames: Map<string, string>,
  ): Promise<void> {
    const ks = organs.get('KS')!;
    for (const [dnr, title] of [
      ['2021-00079', 'Destinationsutveckling: årlig utvärdering till kommunstyrelsen'],
      ['2018-00278', 'Årlig uppföljning till kommunstyrelsen'],
    ]) {
      const caseId = caseIds.get(dnr);
      if (!caseId) continue;
      await this.createObligation.execute(tenant, {
        title,
        caseId,
        // The seed's tjänsteskrivelser for both are the näringslivschef's, who reports each year.
        responsibleUserId: userIds.get('naringslivschef') ?? null,
        reportOrganId: ks,
        rrule: YEARLY_IN_FEBRUARY,
        firstDue: '2025-02-28',
      });
    }
    // Each board's annual follow-up on the municipality's rule (due by the end of February,
    // opened in January): KS's, which the worker's sweep would also set up (the two meet at the
    // board's row, so there is one), and KSAPU's.
    for (const code of ['KS', 'KSAPU']) {
      await this.annual.setUp(tenant, organs.get(code)!, {
        responsibleUserId: userIds.get('sekreterare') ?? null,
        firstDue: '2025-02-28',
      });
    }
    // KS's budget follow-up during the year: a monthly report by the 15th (none in July), and the
    // interim report (delårsrapport per 31 augusti) by the end of September.
    await this.createObligation.execute(tenant, {
      kind: 'manadsrapport',
      title: `Månadsrapport – ${organNames.get('KS')}`,
      organId: ks,
      responsibleUserId: userIds.get('handlaggare') ?? null,
      reportOrganId: ks,
      rrule: 'FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYMONTHDAY=15',
      firstDue: '2025-01-15',
      leadDays: 14,
      reminderDays: [7, 2],
    });
    await this.createObligation.execute(tenant, {
      kind: 'delar',
      title: `Delårsrapport per 31 augusti – ${organNames.get('KS')}`,
      organId: ks,
      responsibleUserId: userIds.get('handlaggare') ?? null,
      reportOrganId: ks,
      rrule: 'FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=30',
      firstDue: '2025-09-30',
      leadDays: 30,
      reminderDays: [14, 3],
    });
  }
}
