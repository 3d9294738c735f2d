import { readSchedulePhrase } from './schedule-phrases';

const DECIDED = '2023-12-11';

describe('readSchedulePhrase', () => {
  it('reads the Kalix report’s phrasing: first in February 2025, then every February', () => {
    expect(
      readSchedulePhrase(
        'Nästa uppföljning sker februari 2025, därefter sker uppföljning årligen i februari månad.',
        DECIDED,
      ),
    ).toEqual({
      ok: true,
      proposal: {
        rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
        firstDue: '2025-02-28',
        description:
          'Årligen i februari (senast sista dagen i månaden), första gången februari 2025',
        assumptions: [],
      },
    });
  });

  it.each([
    ['årligen i februari', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1', '2024-02-29', 1],
    ['Uppföljning sker årligen i mars', 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1', '2024-03-31', 1],
    ['rapporteras varje år i september', 'FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=-1', '2024-09-30', 1],
    ['varje kvartal', 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1', '2023-12-31', 1],
    ['Redovisning sker kvartalsvis.', 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1', '2023-12-31', 1],
    ['varje månad', 'FREQ=MONTHLY;BYMONTHDAY=-1', '2023-12-31', 1],
    ['halvårsvis', 'FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1', '2023-12-31', 1],
    ['årligen senast den 31 mars', 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31', '2024-03-31', 1],
    ['senast 31 mars', null, '2024-03-31', 1],
    ['Återrapportering till kommunstyrelsen senast 31 mars 2025', null, '2025-03-31', 0],
    ['Nästa uppföljning sker i oktober 2024', null, '2024-10-31', 0],
    [
      'Första redovisning sker mars 2024, därefter varje kvartal',
      'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1',
      '2024-03-31',
      0,
    ],
  ])('reads "%s"', (phrase, rrule, firstDue, assumptions) => {
    const reading = readSchedulePhrase(phrase, DECIDED);
    expect(reading).toMatchObject({ ok: true, proposal: { rrule, firstDue } });
    // What the phrase did not say is shown to the person confirming it, never silently assumed.
    expect(reading.ok && reading.proposal.assumptions).toHaveLength(assumptions);
  });

  it.each([
    ['utvärderas årligen och rapporteras till kommunstyrelsen', 'inte i vilken månad'],
    ['så snart som möjligt', 'ingen tidpunkt'],
    ['', 'tom'],
    ['senast 31 februari', 'inget datum'],
    ['Nästa uppföljning sker mars 2025, därefter årligen i februari', 'olika månader'],
  ])('refuses "%s"', (phrase, reason) => {
    const reading = readSchedulePhrase(phrase, DECIDED);
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.reason).toContain(reason);
  });
  it.each([
    ['Nästa uppföljning sker februari 0000, därefter årligen i februari.', '0000'],
    ['Nästa uppföljning sker i februari 2022.', '2022'],
    ['Beslutet följs upp senast den 1 mars 2999.', '2999'],
  ])('refuses a year out of range: %s', (phrase, year) => {
    const reading = readSchedulePhrase(phrase, DECIDED);
    expect(reading).toEqual({ ok: false, reason: expect.stringContaining(`Året ${year}`) });
  });
});
