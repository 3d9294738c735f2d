import { StepRole } from './route-template';

/**
 * The rules of a route, as pure functions over a small state, shared by the use case that records
 * an outcome (to refuse an illegal one at once) and the job that applies it.
 *
 * A route is at one *visit* at a time: the current step and the round within it (how many outcomes
 * that step has had since it became current). Every applied event ends exactly one visit, so an
 * event names its visit, and an event for any other visit than the current one is stale.
 */
export const STEP_STATES = ['planned', 'preparing', 'ready', 'done', 'withdrawn'] as const;
export type StepState = (typeof STEP_STATES)[number];

export const ROUTE_STATUSES = ['active', 'decided', 'withdrawn'] as const;
export type RouteStatus = (typeof ROUTE_STATUSES)[number];

/** Outcomes of a paragraph (and the remittance of a motion), as recorded for a case. */
export const OUTCOME_KINDS = [
  'remit',
  'proposal',
  'information',
  'decision',
  'aterremiss',
  'bordlaggning',
  'withdrawn',
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** What moves a route: an outcome, or the submission of a tjänsteskrivelse by the official. */
export type TransitionKind = OutcomeKind | 'submitted';

/** How KF disposes of a motion; `avskriven`: written off after it was reported (KL 5 kap. 35 §). */
export const MOTION_ANSWERS = ['bifall', 'avslag', 'besvarad', 'avskriven'] as const;
export type MotionAnswer = (typeof MOTION_ANSWERS)[number];

export interface MachineStep {
  role: StepRole;
  state: StepState;
  proposalText: string | null;
}

export interface MachineState {
  status: RouteStatus;
  currentStep: number;
  currentRound: number;
  steps: MachineStep[];
}

export interface MachineTransition {
  kind: TransitionKind;
  step: number;
  round: number;
  /** The proposal, decision or förslag till beslut that the transition carries. */
  text?: string | null;
}

export type Refusal = { code: string; detail: string };

/** Which outcomes each role's organ can reach when the case is ready for it. */
const OUTCOMES_BY_ROLE: Readonly<Record<StepRole, readonly TransitionKind[]>> = {
  remit: ['remit', 'withdrawn'],
  prepare: ['proposal', 'information', 'aterremiss', 'bordlaggning', 'withdrawn'],
  propose: ['proposal', 'aterremiss', 'bordlaggning', 'withdrawn'],
  decide: ['decision', 'aterremiss', 'bordlaggning', 'withdrawn'],
  inform: ['information', 'bordlaggning', 'withdrawn'],
};

const NEEDS_TEXT: ReadonlySet<TransitionKind> = new Set(['proposal', 'decision', 'submitted']);

/** The transitions allowed now, for the current visit. */
export function allowedTransitions(state: MachineState): TransitionKind[] {
  if (state.status !== 'active') return [];
  const step = state.steps[state.currentStep];
  if (step.state === 'preparing') return ['submitted', 'withdrawn'];
  if (step.state !== 'ready') return [];
  const isLast = state.currentStep === state.steps.length - 1;
  return OUTCOMES_BY_ROLE[step.role].filter(
    (kind) => !(isLast && (kind === 'proposal' || kind === 'information')),
  );
}

/** Why the transition cannot apply now, or null when it can. */
export function refusal(state: MachineState, transition: MachineTransition): Refusal | null {
  if (state.status !== 'active') {
    return { code: 'route-finished', detail: `The route is already ${state.status}.` };
  }
  if (transition.step !== state.currentStep || transition.round !== state.currentRound) {
    return {
      code: 'stale-step',
      detail: `The case is at step ${state.currentStep + 1} (round ${state.currentRound}), not step ${transition.step + 1} (round ${transition.round}).`,
    };
  }
  const allowed = allowedTransitions(state);
  if (!allowed.includes(transition.kind)) {
    const step = state.steps[state.currentStep];
    return {
      code: 'transition-not-allowed',
      detail: `A ${transition.kind} is not possible at step ${state.currentStep + 1} (${step.role}, ${step.state}); possible now: ${allowed.join(', ') || 'nothing'}.`,
    };
  }
  if (NEEDS_TEXT.has(transition.kind) && !transition.text?.trim()) {
    return { code: 'text-required', detail: `A ${transition.kind} needs its text.` };
  }
  return null;
}

/** The state after the transition; the caller has checked `refusal` first. */
export function applyTransition(state: MachineState, transition: MachineTransition): MachineState {
  const steps = state.steps.map((step) => ({ ...step }));
  const current = steps[state.currentStep];
  const next = steps[state.currentStep + 1];
  const stay = (stepState: StepState): MachineState => {
    current.state = stepState;
    return { ...state, currentRound: state.currentRound + 1, steps };
  };
  const advance = (nextState: StepState, proposalText: string | null): MachineState => {
    current.state = 'done';
    next.state = nextState;
    next.proposalText = proposalText;
    return { ...state, currentStep: state.currentStep + 1, currentRound: 0, steps };
  };
  switch (transition.kind) {
    case 'submitted':
      current.proposalText = transition.text ?? null;
      return stay('ready');
    case 'remit':
      return advance('preparing', null);
    case 'proposal':
      return advance('ready', transition.text ?? null);
    case 'information':
      return advance('ready', current.proposalText);
    case 'decision':
      current.state = 'done';
      return { ...state, status: 'decided', currentRound: state.currentRound + 1, steps };
    case 'aterremiss':
      return stay('preparing');
    case 'bordlaggning':
      return stay('ready');
    case 'withdrawn':
      current.state = 'withdrawn';
      return { ...state, status: 'withdrawn', currentRound: state.currentRound + 1, steps };
  }
}

/** The first visit of a new route: a remitting organ has the case at once; others wait for a tjänsteskrivelse unless one is in. */
export function initialState(roles: StepRole[], submittedProposal: string | null): MachineState {
  const first: MachineStep =
    roles[0] === 'remit'
      ? { role: 'remit', state: 'ready', proposalText: null }
      : {
          role: roles[0],
          state: submittedProposal ? 'ready' : 'preparing',
          proposalText: submittedProposal,
        };
  return {
    status: 'active',
    currentStep: 0,
    currentRound: 0,
    steps: [
      first,
      ...roles.slice(1).map((role) => ({ role, state: 'planned' as const, proposalText: null })),
    ],
  };
}
