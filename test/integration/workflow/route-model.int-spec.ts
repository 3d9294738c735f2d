import { TransactionRunner } from '@nf/database';
import {
  allowedTransitions,
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

const recordOperation: fc.Arbitrary<Operation> = fc.record({
  type: fc.constant('record' as const),
  kind: fc.constantFrom(...KINDS),
  withText: fc.boolean(),
  // Mostly the current visit; sometimes a stale or future one.
  stepShift: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.integer({ min: -1, max: 1 })),
  roundShift: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.integer({ min: -1, max: 1 })),
});

const deliverOperation: fc.Arbitrary<Operation> = fc.record({
  type: fc.constant('deliver' as const),
  // Any event recorded so far: the pending one, or an old one delivered again.
  pick: fc.nat(),
  copies: fc.integer({ min: 1, max: 3 }),
});

const operation = fc.oneof(recordOperation, deliverOperation);

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

  it('agrees with the model when events of several routes are delivered together, sharing batches', async () => {
    type Track = {
      caseId: number;
      roles: StepRole[];
      model: MachineState;
      pending: { id: number; transition: MachineTransition } | null;
      recorded: Array<{ id: number; transition: MachineTransition }>;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...Object.keys(TEMPLATES)), { minLength: 5, maxLength: 5 }),
        fc.array(
          fc.record({
            track: fc.nat(4),
            op: fc.oneof(
              { weight: 1, arbitrary: recordOperation },
              { weight: 2, arbitrary: deliverOperation },
            ),
            // Mostly a transition the route allows now, so that events pile up to deliver.
            steer: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)),
          }),
          { minLength: 1, maxLength: 80, size: 'max' },
        ),
        async (templates, operations) => {
          const tracks: Track[] = [];
          for (const template of templates) {
            tracks.push({
              caseId: await workflow.caseOnRoute(tenant, template),
              roles: TEMPLATES[template],
              model: initialState(TEMPLATES[template], null),
              pending: null,
              recorded: [],
            });
          }
          // Deliveries wait and go out at once: copies of events of different routes, old and
          // pending, in the same batches.
          let deliveries: Array<{ track: Track; event: Track['recorded'][number] }> = [];
          const deliver = async () => {
            await Promise.all(
              deliveries.map(({ event }) =>
                workflow.apply.handle({ municipalityId: tenant.municipalityId, eventId: event.id }),
              ),
            );
            for (const { track, event } of deliveries) {
              if (track.pending?.id === event.id) {
                track.model = applyTransition(track.model, event.transition);
                track.pending = null;
              }
            }
            deliveries = [];
            for (const track of tracks) {
              const actual = await systemState(track.caseId, track.roles);
              expect(illegal(actual)).toBeNull();
              expect(actual).toEqual(track.model);
            }
          };
          for (const { track: index, op, steer } of operations) {
            const track = tracks[index];
            if (op.type === 'record') {
              // A route's deliveries go out before it records again; other routes' keep waiting.
              if (deliveries.some((delivery) => delivery.track === track)) await deliver();
              const allowed = allowedTransitions(track.model);
              const kind =
                steer && allowed.length > 0
                  ? allowed[KINDS.indexOf(op.kind) % allowed.length]
                  : op.kind;
              const transition: MachineTransition = {
                kind,
                step: Math.max(0, track.model.currentStep + (steer ? 0 : op.stepShift)),
                round: Math.max(0, track.model.currentRound + (steer ? 0 : op.roundShift)),
                text: steer || op.withText ? `${kind} ${track.recorded.length}` : null,
              };
              const expected = refusal(track.model, transition) === null && track.pending === null;
              const id = await record(track.caseId, transition);
              expect({ op, accepted: id !== null }).toEqual({ op, accepted: expected });
              if (id !== null) {
                track.pending = { id, transition };
                track.recorded.push(track.pending);
              }
            } else if (track.recorded.length > 0) {
              // Half the time the pending event, so that moves of several routes meet in a batch.
              const event =
                track.pending && op.pick % 2 === 0
                  ? track.pending
                  : track.recorded[op.pick % track.recorded.length];
              for (let copy = 0; copy < op.copies; copy++) deliveries.push({ track, event });
            }
          }
          await deliver();
          for (const track of tracks) {
            const route = await workflow.route(track.caseId);
            const applied = track.recorded.length - (track.pending ? 1 : 0);
            expect(await workflow.advancedCount(route.id)).toBe(applied);
          }
        },
      ),
      { numRuns: 40, seed: 12_2026 },
    );
  });
});
