import { ValidationProblem } from '@nf/common';
import { type PlanContent } from './plan.entities';

export const EMPTY_PLAN: PlanContent = { sections: [], areas: [], goals: [], assignments: [] };

/** The longest period a plan may cover (Luleå's plan och budget is three years). */
export const MAX_PLAN_YEARS = 5;

/**
 * What a plan's content must hold together: keys unique, a goal's area and an assignment's goal
 * among the plan's, targets within the plan's years and one per indicator and year.
 */
export function checkPlanContent(
  content: PlanContent,
  period: { firstYear: number; lastYear: number },
): void {
  const errors: Array<{ field: string; message: string }> = [];
  if (period.lastYear < period.firstYear || period.lastYear - period.firstYear >= MAX_PLAN_YEARS) {
    errors.push({
      field: 'lastYear',
      message: `a plan covers one to ${MAX_PLAN_YEARS} years from its first year`,
    });
  }
  const unique = (what: string, keys: string[]) => {
    const seen = new Set<string>();
    for (const key of keys) {
      if (seen.has(key)) errors.push({ field: `${what}.key`, message: `"${key}" is given twice` });
      seen.add(key);
    }
    return seen;
  };
  const areas = unique(
    'areas',
    content.areas.map((area) => area.key),
  );
  const goals = unique(
    'goals',
    content.goals.map((goal) => goal.key),
  );
  unique(
    'assignments',
    content.assignments.map((assignment) => assignment.key),
  );
  content.goals.forEach((goal, g) => {
    if (goal.areaKey !== null && !areas.has(goal.areaKey)) {
      errors.push({
        field: `goals[${g}].areaKey`,
        message: `no area "${goal.areaKey}" in the plan`,
      });
    }
    const seen = new Set<string>();
    goal.indicators.forEach((link, i) => {
      for (const target of link.targets) {
        const at = `goals[${g}].indicators[${i}].targets`;
        if (target.year < period.firstYear || target.year > period.lastYear) {
          errors.push({ field: at, message: `${target.year} is outside the plan's years` });
        }
        const key = `${link.indicatorId}:${target.year}`;
        if (seen.has(key)) errors.push({ field: at, message: `two targets for ${target.year}` });
        seen.add(key);
      }
    });
  });
  content.assignments.forEach((assignment, a) => {
    if (assignment.goalKey !== null && !goals.has(assignment.goalKey)) {
      errors.push({
        field: `assignments[${a}].goalKey`,
        message: `no goal "${assignment.goalKey}" in the plan`,
      });
    }
  });
  if (errors.length > 0) throw new ValidationProblem(errors);
}
