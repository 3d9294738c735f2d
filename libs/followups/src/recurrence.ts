import { type LocalDate, ValidationProblem } from '@nf/common';
import * as rruleModule from 'rrule';

// rrule is CommonJS without named exports Node can detect: under Node's ESM its exports are the
// default export; under Jest's CommonJS they are the module itself.
const { RRule } = ((rruleModule as unknown as { default?: typeof rruleModule }).default ??
  rruleModule) as typeof rruleModule;

const ALLOWED_PARTS = new Set(['FREQ', 'INTERVAL', 'BYMONTH', 'BYMONTHDAY', 'COUNT', 'UNTIL']);

/**
 * A due-date recurrence: an RFC 5545 RRULE over local dates (Europe/Stockholm), anchored at the
 * first due date. Due dates are dates, so the rule is evaluated on dates at midnight UTC, which
 * keeps it clear of DST; the time a reminder goes out is the scheduler's business.
 */
export class Recurrence {
  private constructor(
    private readonly rule: InstanceType<typeof RRule> | null,
    readonly firstDue: LocalDate,
  ) {}

  /** Parses a rule (`FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1`), or null for a single due date. */
  static of(rrule: string | null, firstDue: LocalDate): Recurrence {
    if (rrule === null) return new Recurrence(null, firstDue);
    const text = rrule.replace(/^RRULE:/i, '').trim();
    const parts = text.split(';').map((part) => part.split('=')[0]?.toUpperCase());
    const unknown = parts.filter((part) => !ALLOWED_PARTS.has(part));
    if (
      unknown.length ||
      !/^(YEARLY|MONTHLY|WEEKLY|DAILY)$/.test(/FREQ=(\w+)/i.exec(text)?.[1] ?? '')
    ) {
      throw new ValidationProblem([
        {
          field: 'rrule',
          message: `a rule of due dates (FREQ YEARLY, MONTHLY, WEEKLY or DAILY; ${[...ALLOWED_PARTS].join(', ')})`,
        },
      ]);
    }
    let rule: InstanceType<typeof RRule>;
    try {
      rule = new RRule({
        ...RRule.parseString(text),
        dtstart: new Date(`${firstDue}T00:00:00Z`),
        tzid: null,
      });
    } catch {
      throw new ValidationProblem([{ field: 'rrule', message: 'not an RFC 5545 RRULE' }]);
    }
    if (rule.after(new Date(`${firstDue}T00:00:00Z`), true) === null) {
      throw new ValidationProblem([{ field: 'rrule', message: 'the rule has no due dates' }]);
    }
    return new Recurrence(rule, firstDue);
  }

  /** The first due date on or after `firstDue` (the rule may not hit the anchor itself). */
  first(): LocalDate {
    if (!this.rule) return this.firstDue;
    return this.rule
      .after(new Date(`${this.firstDue}T00:00:00Z`), true)!
      .toISOString()
      .slice(0, 10);
  }

  /** The due date after `due`, or null when the recurrence has ended. */
  after(due: LocalDate): LocalDate | null {
    if (!this.rule) return null;
    const next = this.rule.after(new Date(`${due}T00:00:00Z`), false);
    return next ? next.toISOString().slice(0, 10) : null;
  }
}
