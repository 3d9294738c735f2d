import { TransactionRunner } from '@nf/database';
import {
  applyTransition,
  initialState,
  MachineState,
  MachineTransition,
  refusal,
  Routes,
  StepRole,
  TransitionKind,
} from '@nf/workflow';
import fc from 'fast-check';
import { resetServices } from '../../support/services';
import { testConfig } from '../../support/test-config';
import { startWorker, WorkerHarness } from '../../support/worker-harness';
import { createRouteTenant, RouteTenant, workflowOf } from '../../support/workflow-harness';

const TEMPLATES: Record<string, StepRole[]> = {
  'ks-arende': ['propose', 'decide'],
  'kf-arende': ['propose', 'propose', 'decide'],
  'ks-direkt': ['decide'],
  motion: ['remit', 'propose', 'propose', 'decide'],
  'utskott-beslut': ['decide'],
};

const KINDS: TransitionKind[] = [
  'submitted',
  'remit',
  'proposal',
  'information',
  'decision',
  'aterremiss',
  'bordlaggning',
  'withdrawn',
];

type Operation =
  | {
      type: 'record';
      kind: TransitionKind;
      withText: boolean;
      stepShift: number;
      roundShift: number;
    }
  | { type: 'deliver'; pick: number; copies: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    type: fc.constant('record' as const),
    kind: fc.constantFrom(...KINDS),
    withText: fc.boolean(),
    // Mostly the current visit; sometimes a stale or future one.
    stepShift: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.integer({ min: -1, max: 1 })),
    roundShift: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.integer({ min: -1, max: 1 })),
  }),
  fc.record({
    type: fc.constant('deliver' as const),
    // Any event recorded so far: the pending one, or an old one delivered again.
    pick: fc.nat(),
    copies: fc.integer({ min: 1, max: 3 }),
  }),
);

/** What a legal route looks like, whatever happened to it. */
function illegal(state: MachineState): string | null {
  const { steps, currentStep, status } = state;
  for (const [index, step] of steps.entries()) {
    if (index < currentStep && step.state !== 'done')
      return `step ${index} before current not done`;
    if (index > currentStep && step.state !== 'planned')
      return `step ${index} after current not planned`;
  }
  const current = steps[currentStep].state;
  if (status === 'active' && !['preparing', 'ready'].includes(current))
    return `active at ${current}`;
  if (status === 'decided' && (current !== 'done' || steps[currentStep].role !== 'decide'))
    return 'decided without its decision';
  if (status === 'withdrawn' && current !== 'withdrawn') return 'withdrawn without withdrawing';
  return null;
}

describe('Route model: random outcomes, duplicates and reorderings reach only legal states', () => {
  const config = testConfig();
  let worker: WorkerHarness;
  let tenant: RouteTenant;
  let workflow: ReturnType<typeof workflowOf>;

  beforeAll(async () => {
    await resetServices(config);
    worker = await startWorker(config);
    tenant = await createRouteTenant(worker.app, 'kalix');
    workflow = workflowOf(worker.app);
  });

  afterAll(async () => {
    await worker?.close();
  });

  async function record(caseId: number, transition: MachineTransition): Promise<number | null> {
    try {
      if (transition.kind === 'submitted') {
        const routes = worker.app.get(Routes);
        return await worker.app.get(TransactionRunner).run(async (tx) => {
          const loaded = await routes.getForCase(tenant, caseId, tx);
          return (await routes.record(tx, tenant, loaded, transition, {}, null)).id;
        });
      }
      const event = await workflow.recordOutcome.execute(null, tenant, caseId, {
        kind: transition.kind,
        text: transition.text,
        step: transition.step,
        round: transition.round,
        reason: 'Återkallat',
      });
      return event.id;
    } catch (error) {
      if ((error as { status?: number }).status === 409) return null;
      throw error;
    }
  }

  async function systemState(caseId: number, roles: StepRole[]): Promise<MachineState> {
    const route = await workflow.route(caseId);
    return {
      status: route.status as MachineState['status'],
      currentStep: route.step,
      currentRound: route.round,
      steps: route.states.map((state, index) => ({
        role: roles[index],
        state: state as MachineState['steps'][number]['state'],
        proposalText: route.proposals[index],
      })),
    };
  }

  it('agrees with the model after every operation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(TEMPLATES)),
        fc.array(operation, { minLength: 1, maxLength: 25 }),
        async (template, operations) => {
          const roles = TEMPLATES[template];
          const caseId = await workflow.caseOnRoute(tenant, template);
          let model = initialState(roles, null);
          let pending: { id: number; transition: MachineTransition } | null = null;
          const recorded: Array<{ id: number; transition: MachineTransition }> = [];
          for (const op of operations) {
            if (op.type === 'record') {
              const transition: MachineTransition = {
                kind: op.kind,
                step: Math.max(0, model.currentStep + op.stepShift),
                round: Math.max(0, model.currentRound + op.roundShift),
                text: op.withText ? `${op.kind} ${recorded.length}` : null,
              };
              const expected = refusal(model, transition) === null && pending === null;
              const id = await record(caseId, transition);
              expect({ op, accepted: id !== null }).toEqual({ op, accepted: expected });
              if (id !== null) {
                pending = { id, transition };
                recorded.push(pending);
              }
            } else if (recorded.length > 0) {
              const chosen = recorded[op.pick % recorded.length];
              await Promise.all(
                Array.from({ length: op.copies }, () =>
                  workflow.apply.handle({
                    municipalityId: tenant.municipalityId,
                    eventId: chosen.id,
                  }),
                ),
              );
              if (pending?.id === chosen.id) {
                model = applyTransition(model, chosen.transition);
                pending = null;
              }
            }
            const actual = await systemState(caseId, roles);
            expect(illegal(actual)).toBeNull();
            expect(actual).toEqual(model);
          }
          const route = await workflow.route(caseId);
          const applied = recorded.length - (pending ? 1 : 0);
          expect(await workflow.advancedCount(route.id)).toBe(applied);
        },
      ),
      { numRuns: 60, seed: 5_2026 },
    );
  });
});
