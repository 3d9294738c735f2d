import { ValidationProblem } from '@nf/common';
import { assertMayWriteOff } from './motion.commands';

describe('writing a motion off (avskrivning)', () => {
  it('is refused until the motion was reported to KF as not decided within its year', () => {
    expect(() => assertMayWriteOff({ reportedOn: null }, 'avskriven')).toThrow(ValidationProblem);
    expect(() => assertMayWriteOff(null, 'avskriven')).toThrow(ValidationProblem);
    expect(() => assertMayWriteOff({ reportedOn: '2024-02-27' }, 'avskriven')).not.toThrow();
  });

  it('leaves the other answers alone', () => {
    expect(() => assertMayWriteOff({ reportedOn: null }, 'avslag')).not.toThrow();
    expect(() => assertMayWriteOff(null, null)).not.toThrow();
  });
});
