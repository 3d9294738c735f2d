import { budgetActorOf, budgetStepDue } from './use-cases/set-up-budget-timetable.use-case';

describe('A budget timetable read', () => {
  it("reads who does each step of Kalix's timetable for 2025", () => {
    expect(
      [
        'Nämnderna beslutar om dokumentet Budgetberedning 2025',
        'De kommunala bolagen överlämnar sina budgetar för åren 2025-2027 till budgetberedningen',
        'Kommunstyrelsen bereder förslag på budgetramar till nämnderna och skickar förslaget på remiss',
        'Kommunfullmäktige beslutar om förslag till budget 2025, ekonomisk plan 2026-2027 (KS 27 maj)',
        'Budgetberedningen träffar nämnderna',
      ].map(budgetActorOf),
    ).toEqual(['boards', 'companies', 'styrelse', 'fullmaktige', null]);
  });

  it('dates a month by its last day and refuses what is not a date', () => {
    expect(budgetStepDue('2024-03')).toBe('2024-03-31');
    expect(budgetStepDue('2024-02')).toBe('2024-02-29');
    expect(budgetStepDue('2024-04-29')).toBe('2024-04-29');
    expect(budgetStepDue('2024-02-30')).toBeNull();
    expect(budgetStepDue('2024-13')).toBeNull();
    expect(budgetStepDue('mars 2024')).toBeNull();
  });
});
