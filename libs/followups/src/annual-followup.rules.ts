export const DEFAULT_ANNUAL_FOLLOWUP = {
  rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
  leadDays: 55,
  reminderDays: [28, 14, 3],
} as const;

/** How long a new board is left to be given its annual follow-up by hand before the sweep does. */
export const NEW_BOARD_GRACE_MS = 10 * 60_000;

/** The organ kinds that make an annual follow-up to KS: the styrelse and each nämnd. */
export const REPORTING_KINDS = ['styrelse', 'nämnd'] as const;

export interface AnnualSettingsChange {
  rrule: string;
  leadDays: number;
  reminderDays: number[];
  reportOrganId?: number | null;
  version?: number;
}
