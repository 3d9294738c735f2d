import { Injectable } from '@nestjs/common';
import { Tenant } from '@nf/common';
import { Obligations } from '@nf/followups';

const YEARLY_IN_FEBRUARY = 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1';

/**
 * The demo's follow-ups: the two Kalix decisions whose reports recur ("Nästa uppföljning sker
 * februari 2025, därefter sker uppföljning årligen i februari månad"), and the annual follow-up
 * (årsuppföljning) each board reports to KS in February, opened at the turn of the year.
 */
@Injectable()
export class DemoFollowups {
  constructor(private readonly obligations: Obligations) {}

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
      await this.obligations.create(tenant, {
        title,
        caseId,
        responsibleUserId: userIds.get('handlaggare') ?? null,
        reportOrganId: ks,
        rrule: YEARLY_IN_FEBRUARY,
        firstDue: '2025-02-28',
      });
    }
    for (const code of ['KS', 'KSAPU']) {
      await this.obligations.create(tenant, {
        kind: 'arsuppfoljning',
        title: `Årsuppföljning – ${organNames.get(code)}`,
        responsibleUserId: userIds.get('sekreterare') ?? null,
        reportOrganId: ks,
        rrule: YEARLY_IN_FEBRUARY,
        firstDue: '2025-02-28',
        // Opens on 1 January (58 days before 28 February), reminders before the end of February.
        leadDays: 58,
        reminderDays: [28, 14, 3],
      });
    }
  }
}
