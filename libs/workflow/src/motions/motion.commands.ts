import { ValidationProblem } from '@nf/common';
import type { MotionAnswer } from '../routes/route-machine';
import type { Motion } from './motion.entity';

export interface RemitMotionCommand {
  /** The day KF decided to remit the motion, and KF's paragraph. */
  decidedOn: string;
  paragraph: number;
}

/**
 * KF may write a motion off (avskriva) only once it was reported as not decided within its year
 * (KL 5 kap. 35 §): refused before.
 */
export function assertMayWriteOff(
  motion: Pick<Motion, 'reportedOn'> | null,
  answer: MotionAnswer | null | undefined,
): void {
  if (answer === 'avskriven' && !motion?.reportedOn) {
    throw new ValidationProblem([
      {
        field: 'motionAnswer',
        message:
          'a motion is written off (avskriven) only after it was reported to KF as not decided within its year (KL 5 kap. 35 §)',
      },
    ]);
  }
}
