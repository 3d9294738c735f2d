import { allowedTransitions, applyTransition, initialState, refusal } from './route-machine';

describe('route machine', () => {
  const kfArende = () => initialState(['propose', 'propose', 'decide'], null);

  it('starts waiting for a tjänsteskrivelse, or ready when one is in, and a motion at KF', () => {
    expect(kfArende().steps.map((step) => step.state)).toEqual(['preparing', 'planned', 'planned']);
    expect(initialState(['decide'], 'KS beslutar att …').steps[0]).toEqual({
      role: 'decide',
      state: 'ready',
      proposalText: 'KS beslutar att …',
    });
    expect(initialState(['remit', 'propose', 'decide'], null).steps[0].state).toBe('ready');
  });

  it('carries a proposal to the next organ as its förslag till beslut, and decides at the end', () => {
    let state = applyTransition(kfArende(), { kind: 'submitted', step: 0, round: 0, text: 'TS' });
    expect(state.steps[0]).toMatchObject({ state: 'ready', proposalText: 'TS' });
    state = applyTransition(state, { kind: 'proposal', step: 0, round: 1, text: 'KSAPU föreslår' });
    expect(state).toMatchObject({ currentStep: 1, currentRound: 0 });
    expect(state.steps[1]).toMatchObject({ state: 'ready', proposalText: 'KSAPU föreslår' });
    expect(allowedTransitions(state)).toEqual([
      'proposal',
      'aterremiss',
      'bordlaggning',
      'withdrawn',
    ]);
    state = applyTransition(state, { kind: 'proposal', step: 1, round: 0, text: 'KS föreslår' });
    expect(allowedTransitions(state)).toEqual([
      'decision',
      'aterremiss',
      'bordlaggning',
      'withdrawn',
    ]);
    state = applyTransition(state, { kind: 'decision', step: 2, round: 0, text: 'KF beslutar' });
    expect(state.status).toBe('decided');
    expect(allowedTransitions(state)).toEqual([]);
  });

  it('refuses what the step does not allow, stale visits, and proposals without text', () => {
    const ready = applyTransition(kfArende(), { kind: 'submitted', step: 0, round: 0, text: 'TS' });
    expect(refusal(ready, { kind: 'decision', step: 0, round: 1, text: 'x' })?.code).toBe(
      'transition-not-allowed',
    );
    expect(refusal(ready, { kind: 'proposal', step: 0, round: 0, text: 'x' })?.code).toBe(
      'stale-step',
    );
    expect(refusal(ready, { kind: 'proposal', step: 0, round: 1, text: ' ' })?.code).toBe(
      'text-required',
    );
    expect(refusal(ready, { kind: 'proposal', step: 0, round: 1, text: 'x' })).toBeNull();
  });

  it('sends back for preparation (återremiss) and keeps a tabled case ready (bordläggning)', () => {
    let state = applyTransition(kfArende(), { kind: 'submitted', step: 0, round: 0, text: 'TS' });
    state = applyTransition(state, { kind: 'bordlaggning', step: 0, round: 1 });
    expect(state).toMatchObject({ currentStep: 0, currentRound: 2 });
    expect(state.steps[0].state).toBe('ready');
    state = applyTransition(state, { kind: 'aterremiss', step: 0, round: 2 });
    expect(state.steps[0].state).toBe('preparing');
    expect(allowedTransitions(state)).toEqual(['submitted', 'withdrawn']);
  });
});
