import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import {
  Clock,
  ConflictProblem,
  type FieldError,
  type LocalDate,
  localDate,
  ValidationProblem,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { CaseQueries } from '@nf/registry';
import { Municipalities, Organ, Organs } from '@nf/tenancy';
import { Obligation } from '../followup.entities';
import { CreateObligation } from './create-obligation.use-case';

/**
 * Who does a step of the budget process: every board (the styrelse and the nämnder: "Nämnderna
 * beslutar om …"), the styrelse alone, KF, or the municipal companies (whose budgets go to the
 * styrelse's budgetberedning, so the styrelse follows the step).
 */
export const BUDGET_ACTORS = ['boards', 'styrelse', 'fullmaktige', 'companies'] as const;
export type BudgetActor = (typeof BUDGET_ACTORS)[number];

/**
 * Who does a step, read from how a timetable writes it ("Nämnderna beslutar …", "De kommunala
 * bolagen överlämnar …", "Kommunstyrelsen bereder …", "Kommunfullmäktige beslutar …"); null when
 * the text names none of them (a person then says).
 */
export function budgetActorOf(what: string): BudgetActor | null {
  const subject = what.trim().toLowerCase();
  if (/^(de )?(kommunala )?bolagen\b/.test(subject)) return 'companies';
  if (/^(samtliga |alla )?nämnderna\b/.test(subject)) return 'boards';
  if (/^kommunstyrelsen\b/.test(subject)) return 'styrelse';
  if (/^kommunfullmäktige\b/.test(subject)) return 'fullmaktige';
  return null;
}

export interface BudgetStep {
  /** A month ("2024-03": by its last day) or a day ("2024-04-29"). */
  when: string;
  what: string;
  actor: BudgetActor;
}

export interface BudgetTimetable {
  budgetYear: number;
  /** The case whose decision set the timetable (Kalix KS 2023-12-11 § 13). */
  caseId?: number;
  steps: BudgetStep[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The day a step is due: the day given, or the month's last day. */
export function budgetStepDue(when: string): LocalDate | null {
  const month = MONTH.exec(when);
  if (month) {
    const last = new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).getUTCDate();
    return `${when}-${String(last).padStart(2, '0')}`;
  }
  if (!DAY.test(when)) return null;
  const date = new Date(`${when}T00:00:00Z`);
  return date.toISOString().slice(0, 10) === when ? when : null;
}

/** The title of a step's obligation; the year's steps are found again by its prefix. */
const titlePrefix = (budgetYear: number) => `Budget ${budgetYear}: `;

/**
 * A budget timetable (Kalix's "Tidplan för budget 2025") as obligations: one per step and board
 * that does it, each due on its day (a month's last day when only the month is given), opening its
 * case a month ahead and reminding the board's secretaries (no official is named in a timetable),
 * fulfilled when that case is decided. All the steps or none (422 names the step and the reason); a
 * year's timetable is set up once (409 budget-timetable-exists).
 */
@Injectable()
export class SetUpBudgetTimetable {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly createObligation: CreateObligation,
    private readonly organs: Organs,
    private readonly municipalities: Municipalities,
    private readonly cases: CaseQueries,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, command: BudgetTimetable): Promise<Obligation[]> {
    const { timeZone } = await this.municipalities.getById(principal.municipalityId);
    const today = localDate(this.clock.now(), timeZone);
    if (command.caseId) await this.cases.get(principal, command.caseId);
    const organs = (await this.organs.list(principal)).filter((organ) => organ.active);
    const styrelse = organs.find((organ) => organ.kind === 'styrelse');
    const doers: Record<BudgetActor, Organ[]> = {
      boards: organs.filter((organ) => organ.kind === 'styrelse' || organ.kind === 'nämnd'),
      styrelse: styrelse ? [styrelse] : [],
      fullmaktige: organs.filter((organ) => organ.kind === 'fullmäktige'),
      companies: styrelse ? [styrelse] : [],
    };
    const errors: FieldError[] = [];
    const planned = command.steps.map((step, index) => {
      const dueOn = budgetStepDue(step.when);
      const field = `steps[${index}].when`;
      if (!dueOn) errors.push({ field, message: 'is neither a month (2024-03) nor a day' });
      else if (dueOn < today) errors.push({ field, message: `${dueOn} has passed` });
      else if (dueOn > `${command.budgetYear}-12-31`) {
        errors.push({ field, message: `comes after the budget year ${command.budgetYear}` });
      }
      if (doers[step.actor].length === 0) {
        errors.push({ field: `steps[${index}].actor`, message: `no organ is ${step.actor}` });
      }
      return { step, dueOn: dueOn ?? today };
    });
    if (errors.length > 0) throw new ValidationProblem(errors);
    return this.transactions.run(async (tx) => {
      // Two requests at once meet at the styrelse's row (whose timetable it is): the second
      // waits, then finds the first's steps.
      await this.organs.repository.getForUpdate(tx, principal, (styrelse ?? organs[0]).id);
      const existing = (await tx.query(
        `SELECT id FROM obligations WHERE municipality_id = ? AND kind = 'budget' AND title LIKE ?`,
        [principal.municipalityId, `${titlePrefix(command.budgetYear)}%`],
      )) as unknown[];
      if (existing.length > 0) {
        throw new ConflictProblem(
          'budget-timetable-exists',
          `The budget timetable for ${command.budgetYear} is set up already.`,
        );
      }
      const created: Obligation[] = [];
      for (const { step, dueOn } of planned) {
        for (const organ of doers[step.actor]) {
          created.push(
            await this.createObligation.execute(
              principal,
              {
                kind: 'budget',
                title: `${titlePrefix(command.budgetYear)}${step.what} (${organ.name})`.slice(
                  0,
                  500,
                ),
                caseId: command.caseId ?? null,
                organId: organ.id,
                reportOrganId: organ.id,
                rrule: null,
                firstDue: dueOn,
                leadDays: 30,
                reminderDays: [14, 3],
              },
              tx,
            ),
          );
        }
      }
      return created;
    });
  }
}
