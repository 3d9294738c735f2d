import { ValidationProblem } from '@nf/common';
import { OutcomeKind } from './route-machine';
import { EventDetails } from './routes';

export interface RecordOutcomeCommand extends EventDetails {
  kind: OutcomeKind;
  text?: string | null;
  /** The visit the outcome is for; defaults to the current one. */
  step?: number;
  round?: number;
  /** The route version the caller read (optimistic concurrency). */
  expectedVersion?: number;
}

/** `answersMotion`: the case is a motion and its deciding organ has it. */
export function validateDetails(answersMotion: boolean, command: RecordOutcomeCommand): void {
  const errors: Array<{ field: string; message: string }> = [];
  const decidesMotion = answersMotion && command.kind === 'decision';
  if (decidesMotion && !command.motionAnswer) {
    errors.push({ field: 'motionAnswer', message: 'the answer to the motion is required' });
  }
  if (!decidesMotion && command.motionAnswer) {
    errors.push({
      field: 'motionAnswer',
      message: 'only the deciding organ answers a motion',
    });
  }
  if (command.kind === 'withdrawn' && !command.reason?.trim()) {
    errors.push({ field: 'reason', message: 'a withdrawal needs its reason' });
  }
  if (errors.length > 0) throw new ValidationProblem(errors);
}
