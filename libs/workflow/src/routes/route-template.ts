/**
 * Route templates (beslutsgångar) as data, modelled on OParl's Consultation (an organ, a role, and
 * whether its word is final) and OpenSlides' workflows (recommendation versus decision).
 */
export const STEP_ROLES = ['remit', 'prepare', 'propose', 'decide', 'inform'] as const;
export type StepRole = (typeof STEP_ROLES)[number];

export interface StepTemplate {
  /** The organ's code in the municipality (KSAPU, KS, KF …). */
  organ: string;
  role: StepRole;
  /** Whether this organ's decision is final for the case: exactly the deciding step. */
  authoritative: boolean;
}

export interface RouteTemplate {
  key: string;
  title: string;
  version: number;
  steps: StepTemplate[];
}

export class RouteTemplateError extends Error {}

const KEY = /^[a-z][a-z0-9-]{1,39}$/;
const ORGAN_CODE = /^[\p{L}\p{N}_-]{1,32}$/u;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(value: Json, allowed: string[], where: string, problems: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) problems.push(`${where}: unknown field "${key}"`);
  }
}

function parseSteps(value: unknown, where: string, problems: string[]): StepTemplate[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${where}.steps: a non-empty list of steps is required`);
    return [];
  }
  const steps: StepTemplate[] = [];
  value.forEach((raw, index) => {
    const at = `${where}.steps[${index}]`;
    if (!isObject(raw)) {
      problems.push(`${at}: must be an object`);
      return;
    }
    unknownKeys(raw, ['organ', 'role', 'authoritative'], at, problems);
    const { organ, role, authoritative } = raw;
    if (typeof organ !== 'string' || !ORGAN_CODE.test(organ)) {
      problems.push(`${at}.organ: an organ code is required`);
    }
    if (!STEP_ROLES.includes(role as StepRole)) {
      problems.push(`${at}.role: must be one of ${STEP_ROLES.join(', ')}`);
    }
    if (authoritative !== undefined && typeof authoritative !== 'boolean') {
      problems.push(`${at}.authoritative: must be true or false`);
    }
    steps.push({
      organ: String(organ),
      role: role as StepRole,
      authoritative: authoritative === true,
    });
  });
  const deciding = steps.filter((step) => step.role === 'decide');
  if (deciding.length !== 1) problems.push(`${where}: exactly one step must decide`);
  else if (steps.at(-1)?.role !== 'decide') problems.push(`${where}: the deciding step comes last`);
  steps.forEach((step, index) => {
    if (step.authoritative !== (step.role === 'decide')) {
      problems.push(`${where}.steps[${index}]: the deciding step, and only it, is authoritative`);
    }
    if (step.role === 'remit' && index !== 0) {
      problems.push(`${where}.steps[${index}]: only the first step can remit`);
    }
  });
  return steps;
}

/**
 * Reads one route file (`{ templates: { <key>: { title, versions: [{ version, steps }] } } }`) and
 * returns every version of every template, or throws with all the problems found.
 */
export function parseRouteFile(content: unknown, source: string): RouteTemplate[] {
  const problems: string[] = [];
  const templates: RouteTemplate[] = [];
  if (!isObject(content) || !isObject(content.templates)) {
    throw new RouteTemplateError(`${source}: expected an object with "templates"`);
  }
  unknownKeys(content, ['$comment', 'templates'], source, problems);
  for (const [key, raw] of Object.entries(content.templates)) {
    const where = `${source}: ${key}`;
    if (!KEY.test(key)) problems.push(`${where}: a key is lower-case letters, digits and dashes`);
    if (!isObject(raw)) {
      problems.push(`${where}: must be an object`);
      continue;
    }
    unknownKeys(raw, ['title', 'versions'], where, problems);
    if (typeof raw.title !== 'string' || raw.title.trim() === '') {
      problems.push(`${where}.title: required`);
    }
    if (!Array.isArray(raw.versions) || raw.versions.length === 0) {
      problems.push(`${where}.versions: at least one version is required`);
      continue;
    }
    let previous = 0;
    for (const [index, version] of raw.versions.entries()) {
      const at = `${where}.versions[${index}]`;
      if (!isObject(version)) {
        problems.push(`${at}: must be an object`);
        continue;
      }
      unknownKeys(version, ['version', 'steps', '$comment'], at, problems);
      const number = version.version;
      if (typeof number !== 'number' || !Number.isInteger(number) || number <= previous) {
        problems.push(`${at}.version: a whole number above the previous version`);
        continue;
      }
      previous = number;
      templates.push({
        key,
        title: String(raw.title),
        version: number,
        steps: parseSteps(version.steps, `${where} v${number}`, problems),
      });
    }
  }
  if (problems.length > 0) {
    throw new RouteTemplateError(`Route templates are wrong:\n  - ${problems.join('\n  - ')}`);
  }
  return templates;
}
